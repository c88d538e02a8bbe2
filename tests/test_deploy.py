"""Production settings, checked in a fresh process as a server would load them."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never does.
NOT_IN_PRODUCTION = {"DEBUG", "SECURE_SSL_REDIRECT", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}


def run_in_production(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    environment = {k: v for k, v in os.environ.items() if k not in NOT_IN_PRODUCTION}
    environment.update(PRODUCTION_CHECK="1", DJANGO_SETTINGS_MODULE="runningcoach.settings")
    environment.update(env)
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_settings_pass_check_deploy():
    result = run_in_production(
        "manage.py",
        "check",
        "--deploy",
        "--fail-level",
        "DEBUG",
        SECRET_KEY="q8#Vt2!pLz@4rW$9mK^e7&Yb1*Nc5(Hs3)Jd6_Fg0+Ux-Io-7Tq2Lm9Zx4Pk8Rv1Wb",
        EMAIL_HOST="smtp.runningcoach.example",
        ALLOWED_HOSTS="runningcoach.example",
        CONTACT_EMAIL="help@runningcoach.example",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_serve_without_secret_key():
    result = run_in_production("-c", "import runningcoach.wsgi")
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_check_without_secret_key_warns_but_runs():
    result = run_in_production("manage.py", "check")
    assert result.returncode == 0, result.stderr
    assert "runningcoach.W001" in result.stderr + result.stdout
