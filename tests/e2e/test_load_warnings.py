"""A runner reads one warning of each load rule on the dashboard, in English and in Dutch,
on a 375 px phone screen, and the long-run card gives the same cap as the spike advice."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.conf import settings
from django.test import Client
from django.utils import timezone, translation
from playwright.sync_api import expect

from logbook import load, services
from logbook.models import TrainingWarning
from tests.e2e.shots import save_screenshot

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# Window and pain warnings as the rules store them (the spike and the weekly increase come
# from real sessions below).
STORED = [
    (load.ACWR, "high", 3, {"acute_load": 900.0, "chronic_weekly_load": 500.0, "ratio": 1.8}),
    (load.RETRO_INCREASE, "caution", 4, {"last7_min": 12.0, "prev7_min": 10.0, "increase_pct": 20}),
    (
        load.MONOTONY,
        "caution",
        5,
        {"mean_load": 171.4, "sd_load": 70.0, "monotony": 2.45, "session_days": 6},
    ),
    (load.PAIN, "high", 2, {"pain": 6}),
]


def build_history(runner: Any) -> TrainingWarning:
    now = timezone.now()
    for days_back, metres in ((9, 10200), (1, 14000)):
        services.session_log(
            athlete=runner,
            start=now - timedelta(days=days_back, hours=2),
            kind="run",
            duration_s=metres * 6 // 10,
            distance_m=metres,
            rpe=5,
        )
    today = timezone.localdate(now, runner.profile.tz)
    for rule, severity, days_back, numbers in STORED:
        TrainingWarning.objects.create(
            athlete=runner,
            rule=rule,
            severity=severity,
            risk_rank=load.LoadWarning(rule, severity, today, None, numbers).risk_rank,
            day=today - timedelta(days=days_back),
            numbers=numbers,
        )
    return TrainingWarning.objects.get(athlete=runner, rule=load.SINGLE_RUN_SPIKE)


def sign_in(page: Any, base: str, runner: Any) -> None:
    client = Client()
    client.force_login(runner)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    page.context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": base}])


def read_warnings(page: Any, runner: Any, language: str) -> None:
    """Every stored warning's card shows its message and advice in `language`."""
    more = page.locator("#more-warnings > summary")
    if more.count():
        more.click()
    for warning in TrainingWarning.objects.filter(athlete=runner):
        facts = warning.as_load_warning()
        with translation.override(language):
            message, advice = facts.message(), facts.advice()
        card = page.locator(f".warning-card[data-rule='{warning.rule}']")
        expect(card).to_have_count(1)
        expect(card).to_be_visible()
        expect(card).to_contain_text(message)
        expect(card).to_contain_text(advice)


@pytest.mark.parametrize("language", ["en", "nl"])
def test_one_warning_of_each_rule_and_the_long_run_card(
    page: Any, live_server: Any, runner: Any, browser_problems: list[str], language: str
) -> None:
    runner.profile.language = language
    runner.profile.save()
    spike = build_history(runner)
    assert set(
        TrainingWarning.objects.filter(athlete=runner).values_list("rule", flat=True)
    ) == set(load.active().codes)
    sign_in(page, live_server.url, runner)
    page.goto(live_server.url + "/dashboard/")
    read_warnings(page, runner, language)

    # 14 km + 10 % = 15.4 km, the longest next run the spike rule would not flag: the card
    # and the spike's advice give the same figure.
    cap = "15.4 km" if language == "en" else "15,4 km"
    expect(page.locator("#long-run-cap")).to_have_text(cap)
    spike_card = page.locator(".warning-card[data-rule='single_run_spike']")
    expect(spike_card).to_contain_text(cap)
    with translation.override(language):
        assert cap in spike.as_load_warning().advice()
    expect(page.locator("#fitness-chart")).to_be_visible()
    # Both charts are drawn (through the shared static/js/charts.js), not only their canvases.
    page.wait_for_function(
        "() => !!window.Chart && !!Chart.getChart('fitness-chart') && !!Chart.getChart('load-chart')"
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= 375
    save_screenshot(page, f"load-warnings-{language}")
    assert browser_problems == []
