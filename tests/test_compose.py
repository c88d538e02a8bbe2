"""docker-compose.yml, Dockerfile and .env.example agree with each other and with settings.py.

No Docker engine runs in the test environment, so these read the files: the compose file
with PyYAML (which resolves the x-app-env anchor like docker compose does), settings.py
with ast, to know every environment variable the app reads."""

from __future__ import annotations

import ast
import re
import shlex
from functools import cache
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
APP_SERVICES = ("web", "worker", "beat")
ENV_HELPERS = {"env_str", "env_bool", "env_int", "env_list"}


@cache
def compose() -> dict[str, Any]:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))


def service(name: str) -> dict[str, Any]:
    return compose()["services"][name]


def environment(name: str) -> dict[str, str]:
    env = service(name).get("environment") or {}
    if isinstance(env, list):
        env = dict(item.split("=", 1) if "=" in item else (item, "") for item in env)
    return {key: "" if value is None else str(value) for key, value in env.items()}


def command(name: str) -> str:
    cmd = service(name).get("command", "")
    return " ".join(cmd) if isinstance(cmd, list) else str(cmd)


def healthcheck(name: str) -> str:
    check = service(name).get("healthcheck") or {}
    test = check.get("test", "")
    return " ".join(test) if isinstance(test, list) else str(test)


def named_volume_mounts(name: str) -> dict[str, str]:
    """target path -> named volume, for the service's short-syntax and long-syntax mounts."""
    declared = set(compose().get("volumes") or {})
    mounts: dict[str, str] = {}
    for volume in service(name).get("volumes") or []:
        if isinstance(volume, dict):
            source, target = volume.get("source", ""), volume.get("target", "")
        else:
            source, _, rest = str(volume).partition(":")
            target = rest.split(":", 1)[0]
        if source in declared:
            mounts[target] = source
    return mounts


@cache
def settings_env_names() -> frozenset[str]:
    """Every environment variable name runningcoach/settings.py reads."""
    tree = ast.parse((ROOT / "runningcoach" / "settings.py").read_text(encoding="utf-8"))
    names: set[str] = set()

    def is_os_environ(node: ast.AST) -> bool:
        return (
            isinstance(node, ast.Attribute)
            and node.attr == "environ"
            and isinstance(node.value, ast.Name)
            and node.value.id == "os"
        )

    def literal(node: ast.AST) -> str | None:
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            return node.value
        return None

    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and node.args:
            first = literal(node.args[0])
            func = node.func
            if first is None:
                continue
            if isinstance(func, ast.Name) and func.id in ENV_HELPERS:
                names.add(first)
                if func.id == "env_str":
                    names.add(f"{first}_FILE")  # env_str also reads NAME_FILE
            elif (
                isinstance(func, ast.Attribute)
                and func.attr in {"get", "setdefault"}
                and is_os_environ(func.value)
            ):
                names.add(first)
        elif isinstance(node, ast.Subscript) and is_os_environ(node.value):
            key = literal(node.slice)
            if key is not None:
                names.add(key)
    return frozenset(names)


def test_settings_parser_finds_the_variables_it_should():
    names = settings_env_names()
    assert {"SECRET_KEY", "SECRET_KEY_FILE", "DATABASE_URL", "REDIS_URL", "DEBUG"} <= names
    assert {"ALLOWED_HOSTS", "EMAIL_PORT", "EMAIL_USE_TLS", "SECURE_SSL_REDIRECT"} <= names


def test_all_services_exist():
    assert {"postgres", "redis", "web", "worker", "beat", "mailpit"} <= set(compose()["services"])


def test_app_services_share_one_environment_block():
    web = environment("web")
    assert web, "web passes no environment"
    for name in APP_SERVICES:
        assert environment(name) == web, f"{name} does not use the shared x-app-env block"
    assert "x-app-env" in compose()


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_pass_only_variables_settings_reads(name):
    unknown = set(environment(name)) - settings_env_names()
    assert not unknown, f"{name} passes variables settings.py never reads: {sorted(unknown)}"


@pytest.mark.parametrize("name", APP_SERVICES)
def test_app_services_pass_the_essential_variables(name):
    env = environment(name)
    for key in ("DATABASE_URL", "REDIS_URL", "SECRET_KEY", "EMAIL_HOST", "MEDIA_ROOT"):
        assert env.get(key), f"{name} does not pass {key}"
    assert env["DATABASE_URL"].startswith("postgresql://")
    assert "@postgres:5432/" in env["DATABASE_URL"]
    assert env["REDIS_URL"].startswith("redis://redis:6379")
    assert env["EMAIL_HOST"] == "mailpit"
    assert env["EMAIL_PORT"] == "1025"
    assert env["EMAIL_USE_TLS"] == "0"


def test_secret_key_comes_from_the_environment_and_is_required():
    secret = environment("web")["SECRET_KEY"]
    assert re.fullmatch(r"\$\{SECRET_KEY:\?[^}]+\}", secret), secret


def test_plain_http_localhost_turns_tls_redirect_and_secure_cookies_off():
    env = environment("web")
    for key in ("SECURE_SSL_REDIRECT", "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE"):
        assert env.get(key) == "0", key
    assert env.get("BEHIND_TLS_PROXY", "0") == "0"
    assert "BEHIND_TLS_PROXY=1" in (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    assert "localhost" in env["ALLOWED_HOSTS"]  # the health check asks for localhost


def test_web_migrates_then_serves_with_gunicorn_sync_workers():
    cmd = command("web")
    assert "manage.py migrate" in cmd
    assert "gunicorn runningcoach.wsgi" in cmd
    assert cmd.index("manage.py migrate") < cmd.index("gunicorn")
    assert "&&" in cmd, "gunicorn must not start when migrations fail"
    worker_class = re.search(r"(?:--worker-class|-k)[ =](\S+)", cmd)
    assert worker_class is None or worker_class.group(1) == "sync"
    assert "0.0.0.0:8000" in cmd


def test_worker_and_beat_commands():
    assert "celery -A runningcoach worker" in command("worker")
    assert "celery -A runningcoach beat" in command("beat")
    assert " -B" not in command("worker")


def test_exactly_one_beat():
    beat = service("beat")
    assert int(beat.get("scale", 1)) <= 1
    assert int((beat.get("deploy") or {}).get("replicas", 1)) <= 1


def test_health_checks():
    assert "pg_isready" in healthcheck("postgres")
    assert "redis-cli" in healthcheck("redis") and "ping" in healthcheck("redis")
    assert "/health/" in healthcheck("web")
    assert "8000" in healthcheck("web")


@pytest.mark.parametrize(
    ("name", "needs"),
    [
        ("web", {"postgres", "redis", "mailpit"}),
        ("worker", {"postgres", "redis", "mailpit"}),
        ("beat", {"redis"}),
    ],
)
def test_app_services_wait_for_healthy_dependencies(name, needs):
    depends = service(name).get("depends_on") or {}
    assert isinstance(depends, dict), "use the long depends_on syntax with conditions"
    assert needs <= set(depends)
    for dependency, spec in depends.items():
        assert spec.get("condition") == "service_healthy", f"{name} -> {dependency}"
        assert service(dependency).get("healthcheck"), f"{dependency} has no health check"


def test_database_lives_on_a_named_volume():
    assert "postgres:16" in service("postgres")["image"]
    mounts = named_volume_mounts("postgres")
    assert "/var/lib/postgresql/data" in mounts


def test_media_volume_is_shared_by_web_and_worker():
    media_root = environment("web")["MEDIA_ROOT"]
    web = named_volume_mounts("web").get(media_root)
    worker = named_volume_mounts("worker").get(media_root)
    assert web is not None, f"web does not mount a named volume at MEDIA_ROOT {media_root}"
    assert web == worker, "web and worker must mount the same volume at MEDIA_ROOT"


def test_mailpit_ports():
    mailpit = service("mailpit")
    assert mailpit["image"].startswith("axllent/mailpit")
    assert any(str(port).endswith("8025:8025") for port in mailpit.get("ports", []))


def test_web_is_published_and_built_from_the_dockerfile():
    web = service("web")
    assert web.get("build") in (".", {"context": "."}) or web["build"].get("context") == "."
    assert any(str(port).endswith(":8000") for port in web.get("ports", []))


def test_every_interpolated_variable_is_documented_in_env_example():
    text = (ROOT / "docker-compose.yml").read_text(encoding="utf-8")
    interpolated = set(re.findall(r"\$\{([A-Z_][A-Z0-9_]*)", text))
    example = (ROOT / ".env.example").read_text(encoding="utf-8")
    documented = set(re.findall(r"^([A-Z_][A-Z0-9_]*)=", example, flags=re.MULTILINE))
    assert interpolated <= documented, sorted(interpolated - documented)
    assert "SECRET_KEY" in interpolated


def dockerfile_instructions() -> list[tuple[str, str]]:
    text = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    text = re.sub(r"\\\n", " ", text)  # join continuation lines
    instructions = []
    for line in text.splitlines():
        line = line.strip()
        if line and not line.startswith("#"):
            keyword, _, rest = line.partition(" ")
            instructions.append((keyword.upper(), rest.strip()))
    return instructions


def test_dockerfile():
    instructions = dockerfile_instructions()
    by_keyword: dict[str, list[str]] = {}
    for keyword, rest in instructions:
        by_keyword.setdefault(keyword, []).append(rest)

    # The Python the Makefile picks where it can (scripts/find-python): 3.13, pinned to a
    # patch release, so the image runs the Python its e-mail headers were checked with
    # (tests/notifications/test_header_safety.py), not whatever 3.13 is newest that day.
    assert re.fullmatch(r"python:3\.13\.\d+-slim", by_keyword["FROM"][0])
    runs = " ; ".join(by_keyword["RUN"])
    assert "pip install --require-hashes -r requirements.lock" in runs
    assert "requirements-dev" not in runs
    assert "collectstatic --no-input" in runs
    assert re.search(r"SECRET_KEY=\S+ python manage.py collectstatic", runs)
    assert "EXPOSE" in by_keyword and "8000" in by_keyword["EXPOSE"][0]

    user = by_keyword.get("USER", [""])[-1]
    assert user and user.split(":")[0] not in {"root", "0"}
    last_user = max(i for i, (k, _) in enumerate(instructions) if k == "USER")
    last_run = max(i for i, (k, _) in enumerate(instructions) if k == "RUN")
    assert last_user > last_run, "USER must come after the last RUN"

    entry = (by_keyword.get("CMD") or by_keyword.get("ENTRYPOINT") or [""])[-1]
    assert "gunicorn" in entry and "runningcoach.wsgi" in entry


def test_dockerignore_keeps_local_state_out():
    lines = {
        line.strip().rstrip("/")
        for line in (ROOT / ".dockerignore").read_text(encoding="utf-8").splitlines()
    }
    for entry in (".venv", ".git", "db.sqlite3", "var", ".env"):
        assert entry in lines, entry
    assert any("__pycache__" in line for line in lines)


def test_web_command_is_valid_shell():
    cmd = service("web")["command"]
    script = cmd[-1] if isinstance(cmd, list) else cmd
    shlex.split(script)
