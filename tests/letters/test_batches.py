"""Personalised letters: one copy per recipient of an audience, made once each, in chunks, then a ZIP."""

import zipfile

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from tests.factories import SecretariatFactory, UserFactory
from wsis_portal.letters import audiences, batches, services
from wsis_portal.letters.models import LetterBatch, PersonalLetter

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db

Status = PersonalLetter.Status
listed = []  # how many times the test audience listed its recipients


def recipients(letter, by):
    listed.append(letter.pk)
    return [
        audiences.Recipient(f"S{number:02}", f"State {number}", "ar" if number % 2 else "en", {"n": number})
        for number in range(1, 11)
    ]


def personalise(key, kept, language):
    if key == "S07":
        raise audiences.PersonalisationError("No minister's name is recorded for State 7.")
    return {
        "address": [f"Minister {kept['n']}", f"State {kept['n']}"],
        "salutation": "Excellency,",
        "closing": "",
        "link": f"https://portal.example/invitation/{key}/",
        "link_intro": "Your own link:",
    }


@pytest.fixture(autouse=True)
def audience():
    listed.clear()
    registered = audiences.register(audiences.Audience("test", "Test states", recipients, personalise))
    yield registered
    audiences._audiences.pop("test")


@pytest.fixture
def committed(django_capture_on_commit_callbacks):
    """Runs a service and then what it left for after the commit (the tasks, eagerly)."""

    def run(service, *args):
        with django_capture_on_commit_callbacks(execute=True):
            return service(*args)

    return run


@pytest.fixture
def clerk():
    return SecretariatFactory()


@pytest.fixture
def letter(clerk):
    return services.issue(CircularLetterFactory(), clerk)  # its own PDFs are not needed here


def test_a_batch_makes_one_copy_per_recipient_and_keeps_a_failure_with_its_reason(letter, clerk, committed):
    batch = committed(batches.start, letter, "test", clerk)
    progress = batches.progress(batch)
    assert (progress["total"], progress["done"], progress["failed"], progress["waiting"]) == (10, 9, 1, 0)
    failed = batch.copies.get(status=Status.FAILED)
    assert (failed.recipient_key, failed.error) == ("S07", "No minister's name is recorded for State 7.")
    batch.refresh_from_db()
    assert batch.archive_status == LetterBatch.Archive.READY
    with zipfile.ZipFile(batch.archive.open("rb")) as archive:
        names = archive.namelist()
    assert len(names) == 9 and "S07" not in " ".join(names)
    assert names[0] == f"{letter.reference.replace('/', '-')}-S01-ar.pdf"


def test_starting_twice_gives_the_same_batch_and_lists_the_recipients_once(letter, clerk, committed):
    first = committed(batches.start, letter, "test", clerk)
    second = committed(batches.start, letter, "test", clerk)
    assert first.pk == second.pk
    assert listed == [letter.pk]
    assert batches.prepare(first.pk) == []
    assert PersonalLetter.objects.count() == 10


def test_a_failed_copy_is_retried_alone_and_the_zip_is_built_again_with_it(
    letter, clerk, audience, committed
):
    batch = committed(batches.start, letter, "test", clerk)
    rendered = {copy.pk: copy.finished_at for copy in batch.copies.filter(status=Status.DONE)}
    failed = batch.copies.get(status=Status.FAILED)
    audiences.register(
        audiences.Audience(
            "test", "Test states", recipients, lambda key, kept, language: personalise("S08", kept, language)
        )
    )
    assert committed(batches.retry, failed, clerk) is True
    assert batches.retry(failed, clerk) is False  # done already
    assert {c.pk: c.finished_at for c in batch.copies.exclude(pk=failed.pk)} == rendered
    assert batches.progress(batch)["done"] == 10
    batch.refresh_from_db()
    with zipfile.ZipFile(batch.archive.open("rb")) as archive:
        assert len(archive.namelist()) == 10


def test_only_the_secretariat_starts_or_retries_a_batch(letter):
    with pytest.raises(PermissionDenied):
        batches.start(letter, "test", UserFactory())


def test_a_draft_letter_or_an_unknown_audience_is_refused(clerk):
    with pytest.raises(ValidationError):
        batches.start(CircularLetterFactory(), "test", clerk)
    with pytest.raises(ValidationError):
        batches.start(services.issue(CircularLetterFactory(), clerk), "nobody", clerk)


def test_work_whose_task_was_lost_is_found_again(letter, clerk):
    from datetime import timedelta

    from django.utils import timezone

    batch = LetterBatch.objects.create(letter=letter, audience="test", created_by=clerk)
    later = timezone.now() + timedelta(minutes=2)
    assert batches.lost_work(later)["batches"] == [batch.pk]
    chunks = batches.prepare(batch.pk)
    assert [len(chunk) for chunk in chunks] == [8, 2]
    lost = batches.lost_work(later)
    assert (lost["batches"], sum(map(len, lost["chunks"]))) == ([], 10)
    assert batches.render_chunk(lost["chunks"][0]) == 7  # S07 fails
    assert batches.render_chunk(lost["chunks"][0]) == 0  # claimed once only
