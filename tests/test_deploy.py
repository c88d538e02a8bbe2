import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_production_settings_pass_check_deploy():
    env = {
        key: value
        for key, value in os.environ.items()
        # The browser tests set DJANGO_ALLOW_ASYNC_UNSAFE in this process; production never does.
        if key not in {"DEBUG", "SECURE_SSL_REDIRECT", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        {
            "PRODUCTION_CHECK": "1",
            "SECRET_KEY": "q8#Vt2!pLz@4rW$9mK^e7&Yb1*Nc5(Hs3)Jd6_Fg0+Ux-Io-7Tq2Lm9Zx4Pk8Rv1Wb",
            "EMAIL_HOST": "smtp.runningcoach.example",
            "ALLOWED_HOSTS": "runningcoach.example",
            "DJANGO_SETTINGS_MODULE": "runningcoach.settings",
        }
    )
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "DEBUG"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_refuses_to_serve_without_secret_key():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env["PRODUCTION_CHECK"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", "import runningcoach.wsgi"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode != 0
    assert "Set SECRET_KEY" in result.stderr


def test_check_without_secret_key_warns_but_runs():
    env = {k: v for k, v in os.environ.items() if k not in {"DEBUG", "SECRET_KEY"}}
    env["PRODUCTION_CHECK"] = "1"
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "runningcoach.W001" in result.stderr + result.stdout
