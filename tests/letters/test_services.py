"""Circular letters: their CL-YY/NNN references, issuing (which freezes them), corrigenda, audit entries."""

from datetime import date

import pytest

from tests.factories import SecretariatFactory
from wsis_portal.letters import services
from wsis_portal.letters.models import CircularLetter, LetterFrozen, LetterPDF
from wsis_portal.lifecycle.models import AuditEntry

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk():
    return SecretariatFactory()


def test_references_follow_a_sequence_per_year():
    first = CircularLetterFactory()
    second = CircularLetterFactory()
    next_year = CircularLetterFactory(date=date(2027, 1, 4))
    third = CircularLetterFactory()
    assert [first.reference, second.reference, next_year.reference, third.reference] == [
        "CL-26/001",
        "CL-26/002",
        "CL-27/001",
        "CL-26/003",
    ]


def test_a_reference_typed_by_the_secretariat_is_kept_and_uses_no_number():
    typed = CircularLetterFactory(reference="DM-26/1004")
    proposed = CircularLetterFactory()
    assert (typed.reference, proposed.reference) == ("DM-26/1004", "CL-26/001")


def test_a_deleted_draft_number_is_never_given_again():
    CircularLetterFactory().delete()
    assert CircularLetterFactory().reference == "CL-26/002"


def test_issue_freezes_the_letter_and_writes_the_audit_entry(clerk, django_capture_on_commit_callbacks):
    letter = CircularLetterFactory()
    with django_capture_on_commit_callbacks() as callbacks:
        services.issue(letter, clerk)
    letter.refresh_from_db()
    assert (letter.state, letter.issued_by) == ("issued", clerk)
    assert letter.issued_at is not None
    entry = AuditEntry.objects.get(object_id=str(letter.pk), action=AuditEntry.Action.CHANGED)
    assert (entry.actor, entry.changes, entry.note) == (clerk, {"state": ["draft", "issued"]}, "issued")
    assert len(callbacks) == 2
    assert sorted(LetterPDF.objects.values_list("language", "status")) == [
        ("ar", "pending"),
        ("en", "pending"),
    ]


def test_an_issued_letter_cannot_be_saved_deleted_or_issued_again(clerk):
    letter = CircularLetterFactory()
    services.issue(letter, clerk)
    letter.subject_en = "Changed afterwards"
    with pytest.raises(LetterFrozen):
        letter.save()
    with pytest.raises(LetterFrozen):
        letter.delete()
    with pytest.raises(LetterFrozen):
        services.issue(letter, clerk)
    assert CircularLetter.objects.get(pk=letter.pk).subject_en == "WSIS Forum 2026: call for contributions"


def test_corrigendum_is_a_linked_draft_copy(clerk):
    letter = CircularLetterFactory(annex="letters/annexes/2026/programme.pdf")
    services.issue(letter, clerk)
    first = services.corrigendum(letter, clerk)
    second = services.corrigendum(letter, clerk)
    assert (first.reference, second.reference) == ("CL-26/001 Corr.1", "CL-26/001 Corr.2")
    assert (first.state, first.corrigendum_of, first.issued_at) == ("draft", letter, None)
    assert (first.subject_ar, first.body_en, first.signatory_title_ar, first.annex.name) == (
        letter.subject_ar,
        letter.body_en,
        "الأمينة العامة",
        "letters/annexes/2026/programme.pdf",
    )
    entry = AuditEntry.objects.get(object_id=str(first.pk), action=AuditEntry.Action.CREATED)
    assert entry.changes == {"corrigendum_of": [None, "CL-26/001"]}


def test_a_draft_has_no_corrigendum(clerk):
    with pytest.raises(LetterFrozen):
        services.corrigendum(CircularLetterFactory(), clerk)
    assert CircularLetter.objects.count() == 1
