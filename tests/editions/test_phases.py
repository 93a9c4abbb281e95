"""A phase of an edition is picked from the phases its process declares, never typed: the admin offers the
declared phases grouped by process, refuses a phase of another process, and names what a process lacks."""

import re

import pytest

from tests.factories import EditionFactory, PhaseFactory
from wsis_portal.editions import phases
from wsis_portal.editions.forms import PhaseForm
from wsis_portal.editions.models import Phase, Process

pytestmark = pytest.mark.django_db
ADD = "/en/admin/editions/phase/add/"


@pytest.fixture
def clerk(client, secretariat):
    client.force_login(secretariat)
    return secretariat


def phase_form(edition, process, key):
    return {
        "edition": edition.pk,
        "process": process,
        "key": key,
        "name_en": "A phase",
        "name_ar": "مرحلة",
        "opens_at_0": "2026-01-10",
        "opens_at_1": "09:00:00",
        "closes_at_0": "2026-03-15",
        "closes_at_1": "23:59:00",
    }


def test_each_process_declares_its_phases_with_those_it_requires():
    declared = {
        process.value: [(phase.key, phase.required) for phase in phases.declared(process)]
        for process in Process
    }
    assert declared == {
        "consultations": [("contributions", True), ("final-brief", False)],
        "stocktaking": [("submissions", False)],
        "prizes": [
            ("submission", True),
            ("nomination", True),
            ("voting", True),
            ("selection", True),
            ("ceremony", False),
        ],
        "forum_events": [("confirmations", True), ("forum-week", False)],
    }


def test_phase_form_offers_the_declared_phases_grouped_by_process():
    choices = [
        (
            str(group),
            [(key, str(label)) for key, label in options] if isinstance(options, list) else str(options),
        )
        for group, options in PhaseForm().fields["key"].choices
    ]
    assert choices == [
        ("", "---------"),
        (
            "Open Consultation Process",
            [("contributions", "Official contributions"), ("final-brief", "Final brief")],
        ),
        ("WSIS Stocktaking", [("submissions", "Submission of entries")]),
        (
            "WSIS Prizes",
            [
                ("submission", "Submission and nomination of projects"),
                ("nomination", "Expert review and choice of the nominees"),
                ("voting", "Public voting"),
                ("selection", "Choice of the winners"),
                ("ceremony", "Prize ceremony"),
            ],
        ),
        (
            "Forum agenda and high-level track",
            [
                ("confirmations", "Confirmation of participation in the high-level track"),
                ("forum-week", "Forum week"),
            ],
        ),
    ]


def test_phase_page_marks_each_option_with_its_process_for_the_filter(client, clerk):
    html = client.get(ADD).content.decode()
    options = re.findall(r'<option value="([^"]+)" data-process="([^"]+)"', html)
    assert options == [
        ("contributions", "consultations"),
        ("final-brief", "consultations"),
        ("submissions", "stocktaking"),
        ("submission", "prizes"),
        ("nomination", "prizes"),
        ("voting", "prizes"),
        ("selection", "prizes"),
        ("ceremony", "prizes"),
        ("confirmations", "forum_events"),
        ("forum-week", "forum_events"),
    ]
    assert "js/phase_keys.js" in html


def test_arabic_phase_page_names_the_phases_in_arabic(client, clerk):
    html = client.get("/ar/admin/editions/phase/add/").content.decode()
    assert '<optgroup label="جوائز القمة العالمية لمجتمع المعلومات">' in html
    assert '<option value="voting" data-process="prizes">التصويت العام</option>' in html


def test_declared_phase_of_the_chosen_process_is_saved_with_its_key(client, clerk):
    edition = EditionFactory()
    response = client.post(ADD, phase_form(edition, "prizes", "voting"))
    assert response.status_code == 302
    assert list(Phase.objects.values_list("process", "key")) == [("prizes", "voting")]


def test_phase_of_another_process_is_refused(client, clerk):
    edition = EditionFactory()
    response = client.post(ADD, phase_form(edition, "consultations", "voting"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["key"] == [
        "Choose one of the phases of the Open Consultation Process."
    ]
    assert not Phase.objects.exists()


def test_phase_of_another_process_is_refused_in_arabic(client, clerk):
    edition = EditionFactory()
    response = client.post(
        "/ar/admin/editions/phase/add/", phase_form(edition, "stocktaking", "contributions")
    )
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["key"] == [
        "اختر مرحلة من مراحل منصة تقييم تنفيذ نواتج القمة."
    ]
    assert not Phase.objects.exists()


def test_typed_key_no_process_declares_is_refused(client, clerk):
    edition = EditionFactory()
    response = client.post(ADD, phase_form(edition, "prizes", "Voting"))
    assert response.status_code == 200
    assert response.context["adminform"].form.errors["key"] == [
        "Select a valid choice. Voting is not one of the available choices."
    ]
    assert not Phase.objects.exists()


def test_phase_of_another_process_is_refused_in_the_editions_phases(client, clerk):
    response = client.post(
        "/en/admin/editions/edition/add/",
        {
            "year": 2028,
            "starts_on": "2028-07-03",
            "ends_on": "2028-07-07",
            "venue_en": "Geneva",
            "venue_ar": "جنيف",
            "phases-TOTAL_FORMS": 1,
            "phases-INITIAL_FORMS": 0,
            **{
                f"phases-0-{name}": value
                for name, value in phase_form(EditionFactory(), "prizes", "contributions").items()
                if name != "edition"
            },
        },
    )
    assert response.status_code == 200
    assert response.context["inline_admin_formsets"][0].formset.errors[0]["key"] == [
        "Choose one of the phases of the WSIS Prizes."
    ]
    assert not Phase.objects.filter(edition__year=2028).exists()


def test_stored_key_no_process_declares_is_shown_and_must_be_replaced(client, clerk):
    phase = PhaseFactory(process="prizes", key="votes")
    url = f"/en/admin/editions/phase/{phase.pk}/change/"
    html = client.get(url).content.decode()
    assert (
        '<option value="votes" selected data-process="prizes">“votes” (not a phase of this process)</option>'
        in html
    )
    response = client.post(url, phase_form(phase.edition, "prizes", "votes"))
    assert response.context["adminform"].form.errors["key"] == [
        "Choose one of the phases of the WSIS Prizes."
    ]
    response = client.post(url, phase_form(phase.edition, "prizes", "voting"))
    assert response.status_code == 302
    phase.refresh_from_db()
    assert phase.key == "voting"


def test_missing_lists_the_required_phases_an_edition_lacks_in_their_order():
    edition = EditionFactory()
    PhaseFactory(edition=edition, process="prizes", key="voting")
    PhaseFactory(edition=edition, process="prizes", key="ceremony")
    PhaseFactory(edition=edition, process="consultations", key="submission")
    assert [phase.key for phase in phases.missing(edition, Process.PRIZES)] == [
        "submission",
        "nomination",
        "selection",
    ]


def test_a_phase_left_unnamed_takes_the_name_its_process_gives_it_in_each_language(clerk, client):
    edition = EditionFactory(year=2028)
    data = {**phase_form(edition, "prizes", "voting"), "name_en": "", "name_ar": ""}
    response = client.post(ADD, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    phase = Phase.objects.get(edition=edition, key="voting")
    assert (phase.name_en, phase.name_ar) == ("Public voting", "التصويت العام")


def test_a_name_typed_by_the_secretariat_is_kept(clerk, client):
    edition = EditionFactory(year=2028)
    client.post(ADD, {**phase_form(edition, "prizes", "voting"), "name_ar": ""})
    phase = Phase.objects.get(edition=edition, key="voting")
    assert (phase.name_en, phase.name_ar) == ("A phase", "التصويت العام")


# A phase a process needs, once the process is set up for the edition, stays


@pytest.fixture
def consultation_phase():
    from tests.consultations.factories import ConsultationFactory

    consultation = ConsultationFactory()
    return consultation.deadline_phase()


IN_USE = (
    "The “Official contributions” phase of the Open Consultation Process cannot be removed from the WSIS "
    "Forum {year}: the process is already set up for this edition and needs it. Change its dates instead."
)


def test_a_required_phase_in_use_cannot_be_deleted_from_the_admin(client, clerk, consultation_phase):
    url = f"/en/admin/editions/phase/{consultation_phase.pk}/delete/"
    page = client.get(url)
    assert IN_USE.format(year=consultation_phase.edition.year) in page.content.decode()
    response = client.post(url, {"post": "yes"})
    assert IN_USE.format(year=consultation_phase.edition.year) in response.content.decode()
    assert Phase.objects.filter(pk=consultation_phase.pk).exists()


def test_a_required_phase_in_use_cannot_be_deleted_in_bulk(client, clerk, consultation_phase):
    response = client.post(
        "/en/admin/editions/phase/",
        {"action": "delete_selected", "_selected_action": [consultation_phase.pk], "post": "yes"},
    )
    assert IN_USE.format(year=consultation_phase.edition.year) in response.content.decode()
    assert Phase.objects.filter(pk=consultation_phase.pk).exists()


def test_a_required_phase_in_use_cannot_become_another_phase(client, clerk, consultation_phase):
    data = phase_form(consultation_phase.edition, "consultations", "final-brief")
    response = client.post(f"/en/admin/editions/phase/{consultation_phase.pk}/change/", data)
    assert response.context["adminform"].form.errors["key"] == [
        IN_USE.format(year=consultation_phase.edition.year)
    ]
    consultation_phase.refresh_from_db()
    assert consultation_phase.key == "contributions"


def test_a_phase_not_yet_in_use_can_be_deleted(client, clerk):
    phase = PhaseFactory(process="prizes", key="voting")
    response = client.post(f"/en/admin/editions/phase/{phase.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not Phase.objects.filter(pk=phase.pk).exists()


def test_the_edition_page_refuses_to_delete_a_required_phase_in_use(client, clerk, consultation_phase):
    edition = consultation_phase.edition
    url = f"/ar/admin/editions/edition/{edition.pk}/change/"
    form = client.get(url).context["adminform"].form
    data = {name: value for name, value in form.initial.items() if value is not None}
    data.update(
        {
            "starts_on": edition.starts_on.isoformat(),
            "ends_on": edition.ends_on.isoformat(),
            "is_hybrid": "on",
            "phases-TOTAL_FORMS": "1",
            "phases-INITIAL_FORMS": "1",
            "phases-0-id": consultation_phase.pk,
            "phases-0-edition": edition.pk,
            "phases-0-process": "consultations",
            "phases-0-key": "contributions",
            "phases-0-name_en": consultation_phase.name_en,
            "phases-0-name_ar": consultation_phase.name_ar,
            "phases-0-opens_at_0": "2026-01-10",
            "phases-0-opens_at_1": "09:00:00",
            "phases-0-DELETE": "on",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 200
    errors = response.context["inline_admin_formsets"][0].formset.non_form_errors()
    assert errors == [
        "لا يمكن حذف مرحلة “المساهمات الرسمية” من مراحل عملية المشاورة المفتوحة من منتدى القمة العالمية "
        f"لمجتمع المعلومات {edition.year}: العملية مُعدّة بالفعل لهذه الدورة وتحتاج إليها. "
        "غيّر مواعيدها بدلًا من ذلك."
    ]
    assert Phase.objects.filter(pk=consultation_phase.pk).exists()
