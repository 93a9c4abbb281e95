"""The participant's pages: the cycle, "my submissions", the draft form, sending, nominating and the
confirmation link; permissions on the server, translated errors that lose nothing, read-only after the
deadline."""

import re
from datetime import UTC, datetime

import pytest
from django.contrib.messages import get_messages

from prizes import services
from prizes.models import Submission
from tests.factories import PrizeCycleFactory, PrizeSubmissionFactory, UserFactory, prize_category
from tests.prizes.conftest import SHORT
from wsis_portal.editions.models import GDCObjective, SustainableDevelopmentGoal
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db


@pytest.fixture
def signed_in(client, owner, cycle):
    client.force_login(owner)
    return client


def form_data(project_organisation, **changes):
    return {
        "category": prize_category("C3").pk,
        "organisation": project_organisation.pk,
        "title": "Mobile digital libraries",
        "language": "en",
        "short_description": SHORT,
        "description": "Buses with computers visit villages.",
        "sdgs": [SustainableDevelopmentGoal.objects.get(number=4).pk],
        "gdc_objectives": [GDCObjective.objects.get(number=1).pk],
        "impact_qualitative": "Women find work online.",
        "impact_quantitative": "12,000 people trained.",
        "partnerships": "Ministry of Education.",
        "challenges": "Roads.",
        "future_plans": "Ten more buses.",
        "project_status": "completed",
        "save": "",
        **changes,
    }


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def html(response):
    return " ".join(response.content.decode().split())


# The cycle


def test_cycle_page_shows_the_deadline_and_the_18_categories(client, cycle):
    response = client.get("/en/prizes/")
    page = html(response)
    assert response.status_code == 200
    assert "15 March 2026, 23:59 <bdi>CET</bdi> (Geneva time)" in page
    assert page.count('href="/en/prizes/mine/new/?category=') == 18
    assert "<bdi>C7.4</bdi> E-health" in page


def test_cycle_page_in_arabic_names_the_categories_by_their_action_lines(client, cycle):
    page = html(client.get("/ar/prizes/"))
    assert "جوائز القمة العالمية لمجتمع المعلومات 2026" in page
    assert "<bdi>C7.4</bdi> الصحة الإلكترونية" in page


def test_cycle_page_in_arabic_lists_the_content_languages_isolated_with_the_arabic_comma(client, cycle):
    from django.utils import translation

    from wsis_portal.languages import language_name

    with translation.override("ar"):
        names = [language_name(code) for code in cycle.content_languages]
    page = html(client.get("/ar/prizes/"))
    assert "<bdi>" + "</bdi>، <bdi>".join(names) + "</bdi></li>" in page


def test_cycle_page_without_a_cycle_says_so(client, db):
    assert "The next WSIS Prizes have not been announced yet." in html(client.get("/en/prizes/"))


def test_closed_cycle_offers_no_form(client, cycle, time_machine):
    time_machine.move_to(datetime(2026, 3, 16, tzinfo=UTC), tick=False)
    page = html(client.get("/en/prizes/"))
    assert "Projects are not being accepted at the moment." in page
    assert "/en/prizes/mine/new/" not in page


# My submissions


def test_my_submissions_requires_sign_in(client, db):
    assert client.get("/ar/prizes/mine/")["Location"] == "/ar/accounts/login/?next=/ar/prizes/mine/"


def test_my_submissions_lists_mine_only(signed_in, draft):
    PrizeSubmissionFactory(cycle=draft.cycle, title="Someone else's project")
    page = html(signed_in.get("/en/prizes/mine/"))
    assert f'href="/en/prizes/mine/{draft.pk}/"' in page
    assert "Someone else" not in page


@pytest.mark.parametrize("count", [1, 3])
def test_my_submissions_runs_a_fixed_number_of_queries(
    signed_in, owner, organisation, cycle, django_assert_num_queries, count
):
    for n in range(count):
        PrizeSubmissionFactory(cycle=cycle, owner=owner, organisation=organisation, title=f"Project {n}")
    # session, user, edition, phases (current cycle: 2 and its phases), submissions
    with django_assert_num_queries(7):
        response = signed_in.get("/en/prizes/mine/")
    assert len(response.context["submissions"]) == count


@pytest.mark.parametrize("count", [1, 3])
def test_my_participation_shows_my_prize_submissions(
    signed_in, owner, organisation, cycle, django_assert_max_num_queries, count
):
    for n in range(count):
        PrizeSubmissionFactory(cycle=cycle, owner=owner, organisation=organisation, title=f"Project {n}")
    # "My participation" also reads the account's prize votes and expert assignments (one query each).
    with django_assert_max_num_queries(13):
        page = html(signed_in.get("/en/me/"))
    assert page.count('href="/en/prizes/mine/') >= count


# Drafts


def test_new_form_chooses_the_category_and_organisation(signed_in, organisation):
    response = signed_in.get("/en/prizes/mine/new/?category=C7.4")
    assert response.status_code == 200
    form = response.context["form"]
    assert (form.initial["category"], form.initial["organisation"]) == (
        prize_category("C7.4").pk,
        organisation.pk,
    )
    assert list(form.fields["organisation"].queryset) == [organisation]


def test_saving_creates_a_draft_and_comes_back_to_it(signed_in, owner, organisation):
    response = signed_in.post("/en/prizes/mine/new/", form_data(organisation))
    submission = Submission.objects.get()
    assert response["Location"] == f"/en/prizes/mine/{submission.pk}/edit/"
    assert (submission.state, submission.owner, submission.kind) == ("draft", owner, "submission")
    assert flash(response) == ["Your draft has been saved."]


def test_an_incomplete_draft_can_be_saved(signed_in, organisation):
    data = form_data(organisation, description="", sdgs=[], project_status="")
    assert signed_in.post("/en/prizes/mine/new/", data).status_code == 302
    assert Submission.objects.get().description == ""


def test_save_and_submit_sends_the_project(signed_in, organisation):
    data = form_data(organisation)
    del data["save"]
    response = signed_in.post("/en/prizes/mine/new/", {**data, "submit": ""})
    submission = Submission.objects.get()
    assert response["Location"] == f"/en/prizes/mine/{submission.pk}/"
    assert (submission.state, submission.reference) == ("submitted", "WSIS-PR-2026-00001")
    assert flash(response) == [
        "Your project has been submitted (reference WSIS-PR-2026-00001). A receipt is on its way by e-mail."
    ]


def test_an_ineligible_project_is_refused_in_arabic_on_its_fields_and_nothing_is_lost(
    signed_in, organisation
):
    data = form_data(organisation, short_description="أربع كلمات فقط هنا", project_status="ongoing")
    del data["save"]
    response = signed_in.post("/ar/prizes/mine/new/", {**data, "submit": ""})
    submission = Submission.objects.get()
    assert (submission.state, submission.short_description) == ("draft", "أربع كلمات فقط هنا")
    assert response["Location"] == f"/ar/prizes/mine/{submission.pk}/edit/?refused"
    response = signed_in.get(response["Location"])
    form = response.context["form"]
    assert form.errors["short_description"] == ["عدد كلمات الوصف الموجز 4، والمطلوب من 5 إلى 10 كلمة."]
    assert form.errors["project_status"] == ["لا يُقبل إلا مشروع مكتمل أو بلغ نهاية مرحلة رئيسية."]
    page = response.content.decode()
    assert 'value="Mobile digital libraries"' in page
    assert "أربع كلمات فقط هنا" in page
    assert f'action="/ar/prizes/mine/{submission.pk}/edit/"' in page


def test_refused_submits_of_a_new_project_retried_twice_leave_one_draft_with_the_text(
    signed_in, organisation
):
    data = form_data(organisation, short_description="four words only here", project_status="ongoing")
    del data["save"]
    first = signed_in.post("/en/prizes/mine/new/", {**data, "submit": ""}, follow=True)
    # Shown at the draft's own address (a GET): reloading the page sends nothing again.
    assert [url for url, _status in first.redirect_chain] == [
        f"/en/prizes/mine/{Submission.objects.get().pk}/edit/?refused"
    ]
    action = re.search(r'<form method="post"[^>]*action="([^"]+)"', first.content.decode()).group(1)
    second = signed_in.post(action, {**data, "title": "Mobile digital libraries for all", "submit": ""})
    assert second.status_code == 400
    submission = Submission.objects.get()
    assert action == f"/en/prizes/mine/{submission.pk}/edit/"
    assert (submission.state, submission.title, submission.short_description) == (
        "draft",
        "Mobile digital libraries for all",
        "four words only here",
    )
    assert 'value="Mobile digital libraries for all"' in second.content.decode()


def test_a_missing_title_is_refused_in_arabic_and_saves_nothing(signed_in, organisation):
    response = signed_in.post("/ar/prizes/mine/new/", form_data(organisation, title=""))
    assert response.status_code == 400
    assert response.context["form"].errors["title"] == ["هذا الحقل مطلوب."]
    assert not Submission.objects.exists()


def test_an_organisation_one_does_not_act_for_is_refused(signed_in, organisation):
    from tests.factories import OrganisationFactory

    other = OrganisationFactory()
    response = signed_in.post("/en/prizes/mine/new/", form_data(organisation, organisation=other.pk))
    assert response.status_code == 400
    assert "organisation" in response.context["form"].errors
    assert not Submission.objects.exists()


def test_the_submit_button_of_the_page_reports_what_is_missing(signed_in, owner, organisation, cycle):
    draft = services.save_draft(
        Submission(cycle=cycle, kind="submission"),
        {"category": prize_category("C3"), "organisation": organisation, "title": "Bare", "language": "en"},
        owner,
    )
    response = signed_in.post(f"/en/prizes/mine/{draft.pk}/submit/")
    assert response["Location"] == f"/en/prizes/mine/{draft.pk}/edit/"
    assert "Fill in this box before submitting." in flash(response)[0]
    assert Submission.objects.get(pk=draft.pk).state == "draft"


# Someone else's


@pytest.mark.parametrize("suffix", ["", "edit/"])
def test_someone_elses_submission_is_not_found(client, draft, suffix):
    client.force_login(UserFactory())
    assert client.get(f"/en/prizes/mine/{draft.pk}/{suffix}").status_code == 404


def test_someone_else_cannot_submit_or_change_it(client, draft, organisation):
    client.force_login(UserFactory())
    assert client.post(f"/en/prizes/mine/{draft.pk}/submit/").status_code == 404
    assert (
        client.post(f"/en/prizes/mine/{draft.pk}/edit/", form_data(organisation, title="X")).status_code
        == 404
    )
    assert Submission.objects.get(pk=draft.pk).state == "draft"


# After the deadline


def test_after_the_deadline_a_draft_is_read_only_with_a_message(
    signed_in, owner, draft, organisation, time_machine
):
    time_machine.move_to(datetime(2026, 3, 15, 22, 59, tzinfo=UTC), tick=False)
    signed_in.force_login(owner)  # the session of February has expired
    response = signed_in.get(f"/ar/prizes/mine/{draft.pk}/edit/")
    page = html(response)
    assert "انقضى الموعد النهائي للتقديم في هذه الدورة" in page
    assert '<form method="post" novalidate' not in page
    response = signed_in.post(f"/en/prizes/mine/{draft.pk}/edit/", form_data(organisation, title="Late"))
    assert response.status_code == 400
    assert Submission.objects.get(pk=draft.pk).title == "Mobile digital libraries"


def test_after_the_deadline_no_new_draft(signed_in, owner, time_machine):
    time_machine.move_to(datetime(2026, 3, 16, tzinfo=UTC), tick=False)
    signed_in.force_login(owner)
    page = html(signed_in.get("/en/prizes/mine/new/"))
    assert "The WSIS Prizes are not accepting projects at the moment." in page


def test_a_submitted_project_is_shown_not_edited(signed_in, draft, owner):
    services.submit(draft, owner)
    response = signed_in.get(f"/en/prizes/mine/{draft.pk}/edit/")
    assert response["Location"] == f"/en/prizes/mine/{draft.pk}/"
    assert flash(response) == ["This has been sent and can no longer be changed."]


# Nominations and their confirmation


def test_nominating_mails_the_contact_whose_link_confirms_it(client, nominator, cycle):
    from tests.factories import OrganisationFactory

    project_owner = OrganisationFactory(name="Community Networks Alliance")
    client.force_login(nominator)
    data = form_data(project_owner, contact_name="Thandi Mokoena", contact_email="thandi@cna.example.org")
    del data["save"]
    response = client.post("/en/prizes/mine/nominate/", {**data, "submit": ""})
    nomination = Submission.objects.get()
    assert (nomination.kind, nomination.state, nomination.confirmation) == (
        "nomination",
        "submitted",
        "pending",
    )
    assert flash(response)[0].startswith("Your nomination has been sent (reference WSIS-PR-2026-00001).")
    body = OutboundMail.objects.get(to=["thandi@cna.example.org"]).body
    path = re.search(r"http://[^/]+(/en/prizes/confirm/\S+/)", body).group(1)
    client.logout()
    page = html(client.get(path))
    assert "Community Networks Alliance" in page
    response = client.post(path, {"answer": "confirm"})
    assert response["Location"] == path
    nomination.refresh_from_db()
    assert nomination.confirmation == "confirmed"
    assert "You have confirmed the nomination." in html(client.get(path))


def test_the_nomination_form_lists_every_verified_organisation(client, nominator, cycle, organisation):
    client.force_login(nominator)
    form = client.get("/en/prizes/mine/nominate/").context["form"]
    assert organisation in form.fields["organisation"].queryset
    assert "stocktaking_entry" not in form.fields


def test_a_forged_confirmation_link_is_not_found(client, db):
    assert client.get("/en/prizes/confirm/forged/").status_code == 404


def test_a_late_confirmation_is_refused_with_a_message(client, nomination_draft, nominator, time_machine):
    services.nominate(nomination_draft, nominator)
    token = re.search(r"/confirm/(\S+)/", OutboundMail.objects.get(to=["thandi@cna.example.org"]).body).group(
        1
    )
    time_machine.move_to(datetime(2026, 3, 16, tzinfo=UTC), tick=False)
    page = html(client.get(f"/ar/prizes/confirm/{token}/"))
    assert "انقضى الموعد النهائي للتقديم: لم يعد من الممكن تأكيد الترشيح." in page
    response = client.post(f"/en/prizes/confirm/{token}/", {"answer": "confirm"})
    assert flash(response) == [str(services.CLOSED)]
    assert Submission.objects.get(pk=nomination_draft.pk).confirmation == "pending"


def test_a_cycle_that_accepts_only_english_offers_only_english(client, owner, in_february):
    PrizeCycleFactory(content_languages=["en"])
    client.force_login(owner)
    form = client.get("/ar/prizes/mine/new/").context["form"]
    assert [code for code, _name in form.fields["language"].choices] == ["en"]
