"""Personalised letters: one copy of an issued letter per recipient of an audience, made once each.

Exactly once, step by step:

- a batch is unique per (letter, audience): starting it twice gives the same batch;
- its recipients are listed, and the audience's own work done (invitation links issued), in ONE transaction
  holding the batch row's lock and stamping ``prepared_at``: a second task finds it stamped, a worker killed
  midway leaves nothing behind and the stale-work job starts it again;
- each copy is claimed by a conditional UPDATE before it is rendered; chunks of copies go to whichever
  workers are free, so they render in parallel;
- the ZIP is built by whoever's conditional UPDATE finds no copy left to render; a failed copy retried alone
  puts the ZIP back to waiting, and it is built again with the copy in it.
"""

import io
import zipfile
from datetime import timedelta

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry

from . import audiences, pdf
from .models import CircularLetter, LetterBatch, PersonalLetter

Status = PersonalLetter.Status
Archive = LetterBatch.Archive
CHUNK_SIZE = 8  # copies per task: small enough to spread 193 letters over every worker
STALE_AFTER = timedelta(minutes=10)  # work claimed longer ago than this died with its worker
LOST_AFTER = timedelta(minutes=1)  # work queued longer ago than this lost its task (the broker was down)
UNFINISHED = (Status.PENDING, Status.RENDERING)


def may_manage(user) -> bool:
    return user.is_authenticated and user.has_perm("letters.add_letterbatch")


def start(letter, audience_key, by) -> LetterBatch:
    """Start personalising an issued ``letter`` for an audience: the batch is recorded now and its
    recipients listed by a worker once this commits. Starting it again returns the batch already there."""
    if not may_manage(by):
        raise PermissionDenied
    if audiences.get(audience_key) is None:
        raise ValidationError(_("Choose the addressees of the personalised letters."), code="audience")
    if letter.state != CircularLetter.State.ISSUED:
        raise ValidationError(_("Only an issued letter can be personalised."), code="not_issued")
    from .tasks import prepare_letter_batch

    try:
        with transaction.atomic():
            batch = LetterBatch.objects.create(letter=letter, audience=audience_key, created_by=by)
            record(by, AuditEntry.Action.CREATED, batch)
    except IntegrityError:
        batch = LetterBatch.objects.get(letter=letter, audience=audience_key)
        # A batch whose recipients could not be listed may start again, once its cause is mended.
        again = LetterBatch.objects.filter(pk=batch.pk).exclude(preparation_error="").filter(copies=None)
        if not again.update(prepared_at=None, preparation_error="", created_at=timezone.now()):
            return batch
        batch.refresh_from_db()
        record(by, AuditEntry.Action.CHANGED, batch, note="started again")
    transaction.on_commit(lambda: prepare_letter_batch.delay(batch.pk), robust=True)
    return batch


def prepare(batch_id) -> list[list[int]]:
    """List the batch's recipients once (the audience's work included) and return the chunks of copy ids
    to render; an empty list when it was prepared already or cannot be."""
    with transaction.atomic():
        batch = (
            LetterBatch.objects.select_for_update(of=("self",))
            .select_related("letter", "created_by")
            .get(pk=batch_id)
        )
        if batch.prepared_at is not None:
            return []
        audience = audiences.get(batch.audience)
        try:
            if audience is None:
                raise ValidationError(_("These addressees are no longer known to the portal."))
            with transaction.atomic():  # the audience's work is undone with it if it fails
                recipients = list(audience.recipients(batch.letter, batch.created_by))
        except Exception as error:  # kept on the batch for the secretariat, who may start it again
            reason = " ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            batch.preparation_error = reason[:2000] or error.__class__.__name__
            batch.prepared_at = timezone.now()
            batch.save(update_fields=["preparation_error", "prepared_at"])
            return []
        PersonalLetter.objects.bulk_create(
            PersonalLetter(
                batch=batch,
                recipient_key=recipient.key,
                recipient_label=recipient.label[:200],
                language=recipient.language,
                kept=recipient.kept,
            )
            for recipient in recipients
        )
        batch.prepared_at = timezone.now()
        batch.save(update_fields=["prepared_at"])
        ids = list(PersonalLetter.objects.filter(batch=batch).order_by("pk").values_list("pk", flat=True))
    if not ids:
        build_archive(batch_id)
    return [ids[start : start + CHUNK_SIZE] for start in range(0, len(ids), CHUNK_SIZE)]


def _claim(copy_id, now):
    changed = (
        PersonalLetter.objects.filter(pk=copy_id)
        .filter(Q(status=Status.PENDING) | Q(status=Status.RENDERING, claimed_at__lt=now - STALE_AFTER))
        .update(status=Status.RENDERING, claimed_at=now)
    )
    return changed == 1


def render_copy(copy_id) -> bool:
    """Render and store one copy if this caller claims it; True when it was rendered now. A failure is
    kept on the copy with its reason. Running it twice is harmless."""
    if not _claim(copy_id, timezone.now()):
        return False
    copy = PersonalLetter.objects.select_related("batch__letter").get(pk=copy_id)
    audience = audiences.get(copy.batch.audience)
    try:
        if audience is None:
            raise audiences.PersonalisationError(_("These addressees are no longer known to the portal."))
        personal = audience.personalise(copy.recipient_key, copy.kept, copy.language)
        content = pdf.render(copy.batch.letter, copy.language, personal)
    except Exception as error:  # kept on the copy for the secretariat, who mends it and retries
        PersonalLetter.objects.filter(pk=copy_id, status=Status.RENDERING).update(
            status=Status.FAILED,
            error=str(error)[:2000],
            finished_at=timezone.now(),
            attempts=copy.attempts + 1,
        )
        return False
    copy.file.save(copy.filename, ContentFile(content), save=False)
    PersonalLetter.objects.filter(pk=copy_id, status=Status.RENDERING).update(
        file=copy.file.name,
        status=Status.DONE,
        error="",
        finished_at=timezone.now(),
        attempts=copy.attempts + 1,
    )
    return True


def render_chunk(copy_ids) -> int:
    """Render the copies of one chunk, then build the batch's ZIP if nothing is left; returns how many
    were rendered now."""
    rendered = sum(render_copy(copy_id) for copy_id in copy_ids)
    for batch_id in set(PersonalLetter.objects.filter(pk__in=copy_ids).values_list("batch_id", flat=True)):
        build_archive(batch_id)
    return rendered


def build_archive(batch_id) -> bool:
    """Collect the rendered copies in the batch's ZIP, once all copies are rendered or failed; True when
    this call built it. Whoever's conditional UPDATE wins builds it; the others do nothing."""
    now = timezone.now()
    unfinished = PersonalLetter.objects.filter(batch=OuterRef("pk"), status__in=UNFINISHED)
    claimed = (
        LetterBatch.objects.filter(pk=batch_id, prepared_at__isnull=False)
        .filter(
            Q(archive_status=Archive.WAITING)
            | Q(archive_status=Archive.BUILDING, archive_claimed_at__lt=now - STALE_AFTER)
        )
        .filter(~Exists(unfinished))
        .update(archive_status=Archive.BUILDING, archive_claimed_at=now)
    )
    if not claimed:
        return False
    batch = LetterBatch.objects.select_related("letter").get(pk=batch_id)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for copy in (
            batch.copies.filter(status=Status.DONE).select_related("batch__letter").order_by("recipient_key")
        ):
            with copy.file.open("rb") as handle:
                archive.writestr(copy.filename, handle.read())
    name = f"{batch.letter.file_stem}-{batch.audience}.zip"
    batch.archive.save(name, ContentFile(buffer.getvalue()), save=False)
    LetterBatch.objects.filter(pk=batch_id, archive_status=Archive.BUILDING).update(
        archive=batch.archive.name, archive_status=Archive.READY
    )
    return True


def retry(copy, by) -> bool:
    """Render one failed copy again (after its data was mended); the ZIP is then built again with it.
    Returns False when the copy had not failed (someone retried it already)."""
    if not may_manage(by):
        raise PermissionDenied
    from .tasks import render_letter_chunk

    with transaction.atomic():
        changed = PersonalLetter.objects.filter(pk=copy.pk, status=Status.FAILED).update(
            status=Status.PENDING, error="", claimed_at=None, finished_at=None, queued_at=timezone.now()
        )
        if not changed:
            return False
        LetterBatch.objects.filter(pk=copy.batch_id).update(archive_status=Archive.WAITING)
        record(by, AuditEntry.Action.CHANGED, copy, {"status": (Status.FAILED, Status.PENDING)}, note="retry")
        transaction.on_commit(lambda: render_letter_chunk.delay([copy.pk]), robust=True)
    return True


def progress(batch) -> dict:
    """``total``, ``done``, ``failed`` and ``waiting`` copies of a batch, counted in one query, and
    whether the batch is finished (every copy rendered or failed and the ZIP built)."""
    counts = PersonalLetter.objects.filter(batch=batch).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(status=Status.DONE)),
        failed=Count("pk", filter=Q(status=Status.FAILED)),
    )
    counts["waiting"] = counts["total"] - counts["done"] - counts["failed"]
    counts["prepared"] = batch.prepared_at is not None
    counts["finished"] = counts["prepared"] and batch.archive_status == Archive.READY
    counts["percent"] = (
        round(100 * (counts["done"] + counts["failed"]) / counts["total"]) if counts["total"] else 0
    )
    return counts


def lost_work(now=None) -> dict:
    """What a periodic job must queue again: batches whose recipients were never listed, chunks of copies
    waiting or claimed too long (their task was lost with the broker or their worker died), and ZIPs
    nobody built."""
    now = now or timezone.now()
    batches = list(
        LetterBatch.objects.filter(prepared_at__isnull=True, created_at__lt=now - LOST_AFTER).values_list(
            "pk", flat=True
        )
    )
    copies = list(
        PersonalLetter.objects.filter(
            Q(status=Status.PENDING, queued_at__lt=now - LOST_AFTER)
            | Q(status=Status.RENDERING, claimed_at__lt=now - STALE_AFTER)
        )
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    archives = list(
        LetterBatch.objects.filter(prepared_at__isnull=False)
        .exclude(archive_status=Archive.READY)
        .filter(~Exists(PersonalLetter.objects.filter(batch=OuterRef("pk"), status__in=UNFINISHED)))
        .values_list("pk", flat=True)
    )
    return {
        "batches": batches,
        "chunks": [copies[start : start + CHUNK_SIZE] for start in range(0, len(copies), CHUNK_SIZE)],
        "archives": archives,
    }
