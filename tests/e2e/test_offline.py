"""Offline use in Chromium with Playwright's offline mode: the service worker keeps the shell
and the catalogue, the log form keeps sessions on the device, and they reach the log once
when the connection returns."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext, ngettext
from playwright.sync_api import expect

from logbook import offline
from logbook.models import Session, TrainingWarning
from logbook.templatetags.offline import offline_strings
from tests.e2e.pages import PHONE, WIDE, Browsing, browsing
from tests.factories import make_runner
from tests.logbook.helpers import days_ago, log_run
from tests.shared_files import shared_activity_folder

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SYNC = "**" + reverse("logbook:device_sync")
SYNC_TAG = "runningcoach-queue"  # static/js/offline.js registers it, static/js/sw.js answers it
KEPT_PAGES = [
    reverse("logbook:dashboard"),
    reverse("logbook:session_new"),
    reverse("exercises:list"),
]
PAGES_KEPT = """async (paths) => {
  const name = (await caches.keys()).find(n => n.startsWith('rc-pages-'));
  if (!name) return false;
  const cache = await caches.open(name);
  for (const path of paths) { if (!(await cache.match(path))) return false; }
  return true;
}"""

PAGE_CACHES = "async () => (await caches.keys()).filter(n => n.startsWith('rc-pages-'))"


def open_with_worker(b: Browsing, kept: list[str] = KEPT_PAGES) -> None:
    """The dashboard once online, until the worker controls the page and keeps the pages."""
    b.goto(reverse("logbook:dashboard"))
    b.page.wait_for_function("() => !!navigator.serviceWorker.controller")
    for _ in range(300):  # polled, at most 30 s
        if b.page.evaluate(PAGES_KEPT, kept):
            return
        b.page.wait_for_timeout(100)
    raise AssertionError(f"the service worker never kept {kept}")


def texts(language: str) -> dict[str, str]:
    """The offline script's texts, and the log form's Save, as the pages say them."""
    with translation.override(language):
        return {**offline_strings(), "save": gettext("Save")}


def waiting_text(n: int, language: str = "en") -> str:
    with translation.override(language):
        return ngettext("%(n)s waiting to send", "%(n)s waiting to send", n) % {"n": n}


def log_on_device(
    page: Any, *, hours_ago: int, minutes: str, km: str, waiting: int = 1, language: str = "en"
) -> None:
    """Fill in the log form and save it with no connection; returns once the device holds
    `waiting` entries (the report of an earlier save must not stand in for this one)."""
    start = timezone.localtime() - timedelta(hours=hours_ago)
    page.locator("label[for=id_kind_0]").click()  # run
    page.locator("#id_date").fill(start.date().isoformat())
    page.locator("#id_time").fill(start.strftime("%H:%M"))
    page.locator("#id_duration").fill(minutes)
    page.locator("#id_distance_km").fill(km)
    page.locator("label[for=id_rpe_5]").click()  # 6
    t = texts(language)
    page.locator("main form#session-form").get_by_role("button", name=t["save"]).click()
    expect(page.locator("#queue-report")).to_contain_text(t["saved"])
    expect(page.locator("#queue-count")).to_have_text(waiting_text(waiting, language))


def share_sheet(page: Any, file: Any) -> None:
    """What a phone's share sheet sends: a multipart POST of the file to the manifest's
    share target, here from a form the test adds to the page (submitted by the caller)."""
    page.evaluate(
        """(action) => {
          const form = document.createElement('form');
          form.method = 'post'; form.enctype = 'multipart/form-data'; form.action = action;
          form.id = 'share-sheet';
          const file = document.createElement('input');
          file.type = 'file'; file.name = 'file';
          form.appendChild(file); document.body.appendChild(form);
        }""",
        reverse("logbook:share"),
    )
    page.set_input_files("#share-sheet input", str(file))


def runner_with_a_ten_km_run() -> Any:
    runner = make_runner("trail@example.com")
    log_run(runner, days_ago(10), km=10)
    return runner


def test_two_sessions_logged_offline_reach_the_log_once_each_with_their_warnings(
    browser: Any, live_server: Any
) -> None:
    runner = runner_with_a_ten_km_run()
    with browsing(browser, live_server.url, width=PHONE, user=runner) as b:
        open_with_worker(b)
        b.page.context.set_offline(True)
        b.goto(reverse("logbook:session_new"))
        expect(b.page.locator("#offline-banner")).to_be_visible()
        log_on_device(b.page, hours_ago=3, minutes="70", km="12")
        log_on_device(b.page, hours_ago=1, minutes="30", km="5", waiting=2)
        b.page.reload()
        expect(b.page.locator("#queue-count")).to_have_text("2 waiting to send")
        assert Session.objects.filter(athlete=runner).count() == 1

        b.page.context.set_offline(False)
        expect(b.page.locator("#queue-count")).to_be_hidden()
        expect(b.page.locator("#queue-report")).to_contain_text("Warning: Single run")
        spike = Session.objects.get(athlete=runner, distance_m=12000)
        easy = Session.objects.get(athlete=runner, distance_m=5000)
        b.goto(reverse("logbook:session_list"))
        for session in (spike, easy):
            link = b.page.locator(
                f"main a[href='{reverse('logbook:session_detail', args=[session.pk])}']"
            )
            expect(link).to_have_count(1)
        assert TrainingWarning.objects.filter(session=spike, rule="single_run_spike").exists()
        b.goto(reverse("logbook:session_detail", args=[spike.pk]))
        expect(b.page.locator("main")).to_contain_text("Single run")

        # Signing out drops every page the device kept for this runner.
        b.page.get_by_role("button", name="Menu").click()
        b.page.get_by_role("button", name="Log out").click()
        expect(b.page.get_by_role("link", name="Log in")).to_be_attached()
        for _ in range(100):  # polled, at most 10 s
            if not b.page.evaluate(PAGE_CACHES):
                break
            b.page.wait_for_timeout(100)
        assert b.page.evaluate(PAGE_CACHES) == []


def test_a_send_cut_off_halfway_is_retried_without_doubling(browser: Any, live_server: Any) -> None:
    runner = runner_with_a_ten_km_run()
    with browsing(browser, live_server.url, width=PHONE, user=runner) as b:
        open_with_worker(b)
        b.page.context.set_offline(True)
        b.goto(reverse("logbook:session_new"))
        log_on_device(b.page, hours_ago=3, minutes="70", km="12")
        log_on_device(b.page, hours_ago=1, minutes="30", km="5", waiting=2)

        answers_lost: list[str] = []

        def lose_the_first_answer(route: Any) -> None:
            if route.request.method == "POST" and not answers_lost:
                route.fetch()  # the server saves the session; its answer never arrives
                answers_lost.append(route.request.url)
                route.abort("connectionreset")
            else:
                route.continue_()

        b.page.context.route(SYNC, lose_the_first_answer)
        b.page.context.set_offline(False)
        for _ in range(150):  # polled, at most 15 s
            if answers_lost:
                break
            b.page.wait_for_timeout(100)
        expect(b.page.locator("#queue-count")).to_have_text("2 waiting to send")
        assert answers_lost and Session.objects.filter(athlete=runner).count() == 2
        b.page.context.unroute(SYNC)
        b.page.reload()  # the next page load sends what waits
        expect(b.page.locator("#queue-count")).to_be_hidden()
        assert Session.objects.filter(athlete=runner, distance_m=12000).count() == 1
        assert Session.objects.filter(athlete=runner, distance_m=5000).count() == 1


def test_the_service_worker_sends_what_waits_on_a_background_sync(
    browser: Any, live_server: Any
) -> None:
    """Background Sync, with no page of the site open to send: the log form registers the
    queue's sync tag, and the worker sends the entry when the browser fires it, once.

    Chromium fires a registered sync by itself some seconds after the connection returns;
    the test does not wait on that timing but fires it at once through the DevTools
    protocol, as DevTools' own "Sync" button does. Either way only the worker's `sync`
    handler can send: the one page is on about:blank."""
    runner = make_runner("sync@example.com")
    with browsing(browser, live_server.url, width=PHONE, user=runner) as b:
        open_with_worker(b)
        b.page.context.set_offline(True)
        b.goto(reverse("logbook:session_new"))
        log_on_device(b.page, hours_ago=2, minutes="40", km="8")
        tags = b.page.evaluate("() => navigator.serviceWorker.ready.then((r) => r.sync.getTags())")
        assert tags == [SYNC_TAG]
        b.page.goto("about:blank")  # no page script left to send on the `online` event
        assert not Session.objects.filter(athlete=runner).exists()
        b.page.context.set_offline(False)

        cdp = b.page.context.new_cdp_session(b.page)
        registrations: list[str] = []
        cdp.on(
            "ServiceWorker.workerRegistrationUpdated",
            lambda event: registrations.extend(
                r["registrationId"]
                for r in event["registrations"]
                if r["scopeURL"] == live_server.url + "/" and not r["isDeleted"]
            ),
        )
        cdp.send("ServiceWorker.enable")
        for _ in range(100):  # polled, at most 10 s
            if registrations:
                break
            b.page.wait_for_timeout(100)
        assert registrations, "the DevTools protocol never named the worker's registration"
        cdp.send(
            "ServiceWorker.dispatchSyncEvent",
            {
                "origin": live_server.url,
                "registrationId": registrations[-1],
                "tag": SYNC_TAG,
                "lastChance": False,
            },
        )
        for _ in range(150):  # polled, at most 15 s
            if Session.objects.filter(athlete=runner).exists():
                break
            b.page.wait_for_timeout(100)
        assert Session.objects.get(athlete=runner).distance_m == 8000
        # Nothing is left on the device to send again: a page of the site shows none waiting.
        b.goto(reverse("logbook:waiting"))
        expect(b.page.locator("#queue-empty")).to_be_visible()
        expect(b.page.locator("#queue-count")).to_be_hidden()
        assert Session.objects.filter(athlete=runner).count() == 1


@pytest.mark.parametrize("language", ["en", "nl"])
def test_entries_refused_on_return_keep_their_message_until_corrected_or_discarded(
    browser: Any, live_server: Any, language: str
) -> None:
    """Two sessions without a distance, refused when sent: the waiting page and the log form
    show why, pass axe-core at 375 px in both languages, and one is corrected into the log
    while the other is discarded: gone from the device, and never in the log."""
    runner = make_runner(f"forest-{language}@example.com")
    t = texts(language)
    with translation.override(language):
        distance_error = f"{gettext('Distance (km)')}: {gettext('Enter how far you ran.')}"
    with browsing(browser, live_server.url, width=PHONE, user=runner, language=language) as b:
        open_with_worker(b)
        b.page.context.set_offline(True)
        b.goto(reverse("logbook:session_new"))
        log_on_device(b.page, hours_ago=2, minutes="45", km="", language=language)
        log_on_device(b.page, hours_ago=1, minutes="30", km="", waiting=2, language=language)
        b.page.context.set_offline(False)
        expect(b.page.locator("#queue-report")).to_contain_text(t["refused"])
        assert not Session.objects.filter(athlete=runner).exists()

        b.goto(reverse("logbook:waiting"))
        entries = b.page.locator("#queue-list > li")
        expect(entries).to_have_count(2)
        expect(entries.first).to_contain_text(distance_error)
        assert b.axe_violations() == []
        assert b.scroll_width() <= PHONE, b.widest()
        entries.first.get_by_role("link", name=t["correct"]).click()
        expect(b.page.locator("#queue-errors")).to_contain_text(distance_error)
        assert b.axe_violations() == []
        expect(b.page.locator("#id_duration")).to_have_value("45")
        b.page.locator("#id_distance_km").fill("7.5")
        b.page.locator("main form#session-form").get_by_role("button", name=t["save"]).click()
        b.page.wait_for_url("**/sessions/*/")
        assert Session.objects.get(athlete=runner).distance_m == 7500
        expect(b.page.locator("#queue-count")).to_have_text(waiting_text(1, language))

        b.goto(reverse("logbook:waiting"))
        expect(entries).to_have_count(1)
        entries.first.get_by_role("button", name=t["discard"]).click()
        expect(b.page.locator("#queue-count")).to_be_hidden()
        expect(entries).to_have_count(0)
        expect(b.page.locator("#queue-empty")).to_be_visible()
        assert b.page.evaluate("() => RCQueue.all().then((entries) => entries.length)") == 0
        assert Session.objects.filter(athlete=runner).count() == 1
        assert not Session.objects.filter(athlete=runner, duration_s=30 * 60).exists()


@pytest.mark.parametrize("language", ["en", "nl"])
def test_the_shell_and_catalogue_open_offline_and_other_pages_say_so(
    browser: Any, live_server: Any, language: str
) -> None:
    runner = make_runner(f"shell-{language}@example.com")
    with browsing(browser, live_server.url, width=PHONE, user=runner, language=language) as b:
        open_with_worker(b, [*KEPT_PAGES, reverse("exercises:detail", args=["side-plank"])])
        b.page.context.set_offline(True)
        b.goto(reverse("exercises:detail", args=["side-plank"]))
        expect(b.page.locator("h1")).to_be_visible()
        b.goto(reverse("exercises:list"))
        expect(b.page.locator("a[href$='/exercises/side-plank/']").first).to_be_visible()
        with translation.override(language):
            offline_title, this_week = gettext("You are offline"), gettext("This week")
            copy_text, copied = gettext("Copy"), gettext("Copied")
        b.goto(reverse("logbook:dashboard"))
        expect(b.page.locator("#offline-banner")).to_be_visible()
        # The dashboard as last seen, not the offline page (which shows the banner too).
        expect(b.page.locator("h1")).not_to_have_text(offline_title)
        expect(b.page.locator("#this-week #week-heading")).to_have_text(this_week)
        b.goto(reverse("logbook:week"))
        expect(b.page.locator("h1")).to_have_text(offline_title)
        assert b.axe_violations() == []
        assert b.scroll_width() <= PHONE
        b.goto(reverse("logbook:waiting"))
        assert b.axe_violations() == []
        b.page.context.set_offline(False)
        b.goto(reverse("logbook:import"))
        b.page.locator("#upload-link").get_by_role("button").first.click()
        expect(b.page.locator("#upload-link-url")).to_be_visible()
        # The link as shown (its signature carries the second it was drawn up) is the runner's.
        link = b.page.locator("#upload-link-url").input_value()
        token = link.removeprefix(live_server.url + "/upload/").removesuffix("/")
        assert link == live_server.url + reverse("logbook:upload_by_link", args=[token])
        assert offline.upload_link_athlete(token) == runner
        assert b.axe_violations() == []
        assert b.scroll_width() <= PHONE
        b.page.context.grant_permissions(
            ["clipboard-read", "clipboard-write"], origin=live_server.url
        )
        copy = b.page.locator("#upload-link").get_by_role("button", name=copy_text, exact=True)
        copy.click()
        expect(b.page.locator("#upload-link [data-copy]")).to_have_text(copied)
        assert b.page.evaluate("() => navigator.clipboard.readText()") == link


@pytest.mark.parametrize("language", ["en", "nl"])
def test_a_form_sent_offline_stays_with_what_was_typed_and_says_why(
    browser: Any, live_server: Any, language: str
) -> None:
    """A form other than the log form, sent after the signal dropped: no browser error page,
    nothing saved, what was typed still there with the reason beside it; sent again once
    back online, it saves."""
    runner = make_runner(f"form-{language}@example.com", display_name="Alice")
    with translation.override(language):
        save, not_sent = gettext("Save settings"), offline_strings()["not_sent"]
    with browsing(browser, live_server.url, width=PHONE, user=runner, language=language) as b:
        b.goto(reverse("accounts:settings"))
        b.page.context.set_offline(True)
        b.page.locator("#id_display_name").fill("Trail Alice")
        button = b.page.get_by_role("button", name=save)
        button.click()
        expect(b.page.locator(".offline-not-sent")).to_have_text(not_sent)
        expect(b.page.locator(".offline-not-sent")).to_be_focused()
        expect(b.page.locator("#id_display_name")).to_have_value("Trail Alice")
        assert b.page.url == live_server.url + reverse("accounts:settings")
        runner.profile.refresh_from_db()
        assert runner.profile.display_name == "Alice"
        assert b.axe_violations() == []
        assert b.scroll_width() <= PHONE
        button.click()  # still offline: one message, not two
        expect(b.page.locator(".offline-not-sent")).to_have_count(1)
        b.page.context.set_offline(False)
        button.click()
        expect(b.page.locator(".offline-not-sent")).to_have_count(0)
        for _ in range(100):  # polled, at most 10 s
            runner.profile.refresh_from_db()
            if runner.profile.display_name == "Trail Alice":
                break
            b.page.wait_for_timeout(100)
        assert runner.profile.display_name == "Trail Alice"


def test_a_file_shared_offline_waits_in_the_queue_and_is_imported_on_return(
    browser: Any, live_server: Any
) -> None:
    """The share sheet posts the manifest's share target; the worker keeps the file."""
    fit_file = shared_activity_folder() / "activity-small-fenix2-run.fit"
    runner = make_runner("share@example.com")
    with browsing(browser, live_server.url, width=PHONE, user=runner) as b:
        open_with_worker(b, [*KEPT_PAGES, reverse("logbook:import")])
        b.page.context.set_offline(True)
        share_sheet(b.page, fit_file)
        b.page.evaluate("() => document.getElementById('share-sheet').submit()")
        b.page.wait_for_url("**/import/?shared=*")
        expect(b.page.locator("#queue-report")).to_contain_text("the shared file is kept")
        expect(b.page.locator("#queue-count")).to_have_text("1 waiting to send")
        assert not Session.objects.filter(athlete=runner).exists()

        b.page.context.set_offline(False)
        expect(b.page.locator("#queue-report")).to_contain_text("1 added")
        assert Session.objects.get(athlete=runner).distance_m == 9008


def test_a_file_shared_while_signed_out_is_kept_for_nobody(browser: Any, live_server: Any) -> None:
    """After a runner signs out, a file shared to the app on that device is not kept on it:
    otherwise whoever signs in next would send it into their own log."""
    fit_file = shared_activity_folder() / "activity-small-fenix2-run.fit"
    runner = make_runner("leaves@example.com")
    with browsing(browser, live_server.url, width=WIDE, user=runner) as b:
        open_with_worker(b)
        b.page.get_by_role("button", name="Log out").click()
        b.page.wait_for_url("**/")
        for _ in range(300):  # polled, at most 30 s: the worker drops the runner's pages
            if not b.page.evaluate(PAGE_CACHES):
                break
            b.page.wait_for_timeout(100)
        assert b.page.evaluate(PAGE_CACHES) == []
        share_sheet(b.page, fit_file)
        with b.page.expect_navigation():
            b.page.evaluate("() => document.getElementById('share-sheet').submit()")
        assert b.page.evaluate("() => RCQueue.all().then((entries) => entries.length)") == 0
    assert not Session.objects.exists()
