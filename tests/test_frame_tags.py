"""`{% link %}` and `{% asset %}` give what `{% url %}` and `{% static %}` give, kept per
script prefix."""

from __future__ import annotations

from django.template import Context, Template
from django.urls import set_script_prefix


def render(text: str) -> str:
    return Template("{% load frame static %}" + text).render(Context())


def test_link_is_url_and_asset_is_static() -> None:
    names = ["home", "logbook:dashboard", "accounts:settings", "account_logout", "manifest"]
    for name in names:
        assert render(f"{{% link '{name}' %}}") == render(f"{{% url '{name}' %}}")
    assert render("{% asset 'css/app.css' %}") == render("{% static 'css/app.css' %}")


def test_a_link_follows_the_script_prefix() -> None:
    try:
        set_script_prefix("/coach-club/")
        assert render("{% link 'logbook:dashboard' %}") == "/coach-club/dashboard/"
    finally:
        set_script_prefix("/")
    assert render("{% link 'logbook:dashboard' %}") == "/dashboard/"
