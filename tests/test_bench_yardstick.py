"""The bare yardstick project in bench/bare answers its three views."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHECK = """
import django
django.setup()
from bench.bare.prepare import main
main()
from django.test import Client
client = Client()
for path, needle in [("/hello", b"Hello"), ("/db", b"One row"), ("/page", b"Item 49")]:
    response = client.get(path)
    assert response.status_code == 200, (path, response.status_code)
    assert needle in response.content, path
print("yardstick ok")
"""


def test_yardstick_serves_hello_db_and_page(tmp_path: Path) -> None:
    env = dict(
        os.environ,
        DJANGO_SETTINGS_MODULE="bench.bare.settings",
        BARE_DATABASE_URL=f"sqlite:///{tmp_path / 'bare.sqlite3'}",
    )
    result = subprocess.run(
        [sys.executable, "-c", CHECK], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "yardstick ok" in result.stdout
