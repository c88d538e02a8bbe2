"""The navigation bar and the home-screen manifest."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

pytestmark = pytest.mark.django_db


def current_links(html: str) -> list[str]:
    return re.findall(r'<a class="nav-link active" aria-current="page" href="([^"]+)"', html)


@pytest.mark.parametrize(
    "url_name",
    [
        "logbook:dashboard",
        "logbook:session_list",
        "logbook:week",
        "coaching:plan",
        "logbook:import",
        "logbook:your_data",
        "accounts:settings",
        "exercises:list",
    ],
)
def test_nav_marks_the_current_page(runner_client: Any, url_name: str) -> None:
    url = reverse(url_name)
    assert current_links(runner_client.get(url).content.decode()) == [url]


def test_nav_links_import_and_your_data(runner_client: Any) -> None:
    nav = runner_client.get(reverse("logbook:dashboard")).content.decode().split("</nav>")[0]
    assert f'href="{reverse("logbook:import")}"' in nav
    assert f'href="{reverse("logbook:your_data")}"' in nav


def test_manifest_opens_the_dashboard_as_an_app(client: Any) -> None:
    response = client.get(reverse("manifest"))
    assert response["Content-Type"] == "application/manifest+json"
    manifest = json.loads(response.content)
    assert manifest["display"] == "standalone"
    assert manifest["start_url"] == reverse("logbook:dashboard")
    sizes = {icon["sizes"] for icon in manifest["icons"]}
    assert {"192x192", "512x512"} <= sizes


def test_manifest_icons_exist(client: Any) -> None:
    manifest = json.loads(client.get(reverse("manifest")).content)
    for icon in manifest["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]


def test_every_page_links_the_manifest_and_colour_mode(client: Any) -> None:
    html = client.get("/").content.decode()
    assert f'rel="manifest" href="{reverse("manifest")}"' in html
    assert "js/color-mode.js" in html
