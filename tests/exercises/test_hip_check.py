"""The hip self-check: six yes/no questions, a starting level of 1 or 2, never 3."""

import pytest
from django.urls import reverse

from exercises.forms import HIP_CHECK_QUESTIONS, HipCheckForm

pytestmark = pytest.mark.django_db

QUESTIONS = [name for name, _question in HIP_CHECK_QUESTIONS]
URL = reverse("exercises:hip_check")
SET_URL = reverse("exercises:hip_check_set_level")


def answers(*yes):
    return {name: "yes" if name in yes else "no" for name in QUESTIONS}


def starting_level(data):
    form = HipCheckForm(data)
    assert form.is_valid()
    return form.starting_level()


def test_check_asks_six_questions_each_a_required_radio_with_a_label(client):
    html = client.get(URL).content.decode()
    assert len(QUESTIONS) == 6
    for name in QUESTIONS:
        for i in (0, 1):
            assert f'<label class="form-check-label" for="id_{name}_{i}">' in html
        assert f'value="yes" class="form-check-input" id="id_{name}_0" required>' in html
    assert "Do you have a running complaint right now?" in html


def test_six_times_no_starts_at_level_2():
    assert starting_level(answers()) == 2


@pytest.mark.parametrize("question", QUESTIONS)
def test_any_yes_starts_at_level_1(question):
    assert starting_level(answers(question)) == 1


def test_all_yes_starts_at_level_1():
    assert starting_level(answers(*QUESTIONS)) == 1


def test_unanswered_question_is_an_error_and_no_result(client):
    data = answers()
    del data["complaint_now"]
    response = client.post(URL, data)
    assert response.status_code == 200
    assert response.context["result"] is None
    assert response.context["form"].errors["complaint_now"]


def test_result_page_explains_level_1_and_lists_the_yes_answers(client):
    response = client.post(URL, answers("knee_moves_in"))
    html = response.content.decode()
    assert response.context["result"]["level"] == 1
    assert "Start at level 1: activation" in html
    assert "Does your knee move inward when you do a single-leg squat?" in html
    assert "Control comes before strength" in html
    assert "Why not level 3?" in html


def test_result_page_explains_level_2_and_never_offers_level_3(client):
    html = client.post(URL, answers()).content.decode()
    assert "Start at level 2: strength" in html
    assert "Why not level 3?" in html
    assert "Start at level 3" not in html


def test_a_complaint_right_now_links_to_seek_help(client):
    html = client.post(URL, answers("complaint_now")).content.decode()
    assert reverse("exercises:seek_help") in html


def test_result_page_is_dutch_in_dutch(client):
    client.cookies["django_language"] = "nl"
    html = client.post(URL, answers()).content.decode()
    assert "Begin op niveau 2: kracht" in html
    assert "Heb je op dit moment een hardloopklacht?" in html


def test_logged_out_result_offers_sign_up_and_log_in_not_the_set_form(client):
    html = client.post(URL, answers()).content.decode()
    assert reverse("account_signup") in html
    assert reverse("account_login") in html
    assert SET_URL not in html


def test_logged_in_result_offers_to_set_the_recommended_level(runner_client):
    html = runner_client.post(URL, answers()).content.decode()
    assert f'action="{SET_URL}"' in html
    assert 'name="level" value="2"' in html
    assert "Set my hip level to 2" in html
    assert "csrfmiddlewaretoken" in html


def test_logged_in_result_says_when_the_level_is_already_set(runner_client):
    html = runner_client.post(URL, answers("pelvis_drops")).content.decode()
    assert "Your hip level is already level 1." in html
    assert SET_URL not in html


def test_runner_sets_level_2_and_is_redirected_with_a_message(runner_client, runner):
    response = runner_client.post(SET_URL, {"level": "2"}, follow=True)
    runner.profile.refresh_from_db()
    assert runner.profile.hip_level == 2
    assert response.redirect_chain[-1][0] == f"{reverse('exercises:list')}?category=hip&level=2"
    assert "Your hip level is now level 2." in response.content.decode()


def test_runner_can_go_back_to_level_1(runner_client, runner):
    runner.profile.hip_level = 2
    runner.profile.save()
    runner_client.post(SET_URL, {"level": "1"})
    runner.profile.refresh_from_db()
    assert runner.profile.hip_level == 1


def test_nobody_sets_level_3_through_the_check(runner_client, runner):
    response = runner_client.post(SET_URL, {"level": "3"}, follow=True)
    runner.profile.refresh_from_db()
    assert runner.profile.hip_level == 1
    assert response.redirect_chain[-1][0] == URL
    assert "Level 3 cannot be chosen here" in response.content.decode()


@pytest.mark.parametrize("level", ["0", "4", "-1", "two", ""])
def test_invalid_levels_are_refused(runner_client, runner, level):
    runner_client.post(SET_URL, {"level": level})
    runner.profile.refresh_from_db()
    assert runner.profile.hip_level == 1


def test_anonymous_post_is_sent_to_log_in(client, runner):
    response = client.post(SET_URL, {"level": "2"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
    runner.profile.refresh_from_db()
    assert runner.profile.hip_level == 1


def test_setting_the_level_needs_post(runner_client):
    assert runner_client.get(SET_URL).status_code == 405


def test_setting_the_level_needs_the_csrf_token(runner, runner_client):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(runner)
    assert client.post(SET_URL, {"level": "2"}).status_code == 403
    runner.profile.refresh_from_db()
    assert runner.profile.hip_level == 1
