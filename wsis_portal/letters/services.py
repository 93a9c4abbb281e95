"""Every change of state of a circular letter: issuing it (which freezes it and renders its PDFs) and
correcting it by a corrigendum. Views, the admin and tasks call these."""

from datetime import timedelta

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry

from . import pdf
from .models import CircularLetter, LetterFrozen, LetterPDF

State = CircularLetter.State
PDF_STALE_AFTER = timedelta(minutes=10)  # a rendering older than this died with its worker
PDF_LOST_AFTER = timedelta(minutes=1)  # a PDF waiting longer than this lost its task (the broker was down)


def languages():
    return [code for code, _name in settings.LANGUAGES]


def preview(letter, language) -> bytes:
    """The PDF of a draft letter as it stands, in ``language``, marked as a draft on every page, for the
    secretariat to read before issuing it. Never stored: issuing renders the letter's own PDFs."""
    if letter.is_issued:
        raise LetterFrozen(_("This letter was issued: its PDFs are on its page."), code="issued")
    if language not in languages():
        raise ValueError(f"Not a portal language: {language}")
    return pdf.render(letter, language, draft=True)


def issue(letter, by):
    """Issue a draft: it is frozen from now on, and its PDF in every portal language is queued for rendering
    once the transaction commits. Raises ``LetterFrozen`` if it was already issued (by someone else)."""
    from .tasks import render_letter_pdf

    now = timezone.now()
    with transaction.atomic():
        changed = CircularLetter.objects.filter(pk=letter.pk, state=State.DRAFT).update(
            state=State.ISSUED, issued_at=now, issued_by=by
        )
        if not changed:
            raise LetterFrozen(_("This letter was already issued."), code="already_issued")
        letter.refresh_from_db()
        record(by, AuditEntry.Action.CHANGED, letter, {"state": (State.DRAFT, State.ISSUED)}, note="issued")
        for language in languages():
            LetterPDF.objects.get_or_create(letter=letter, language=language)
            # robust: with the broker down the letter is still issued; requeue_stale_work renders it later.
            transaction.on_commit(
                lambda language=language: render_letter_pdf.delay(letter.pk, language), robust=True
            )
    return letter


def corrigendum(letter, by):
    """A new draft copying an issued letter, linked to it, referenced ``<reference> Corr.N``."""
    with transaction.atomic():
        original = CircularLetter.objects.select_for_update().get(pk=letter.pk)
        if not original.is_issued:
            raise LetterFrozen(_("Only an issued letter can be corrected."), code="not_issued")
        number = CircularLetter.objects.filter(corrigendum_of=original).count() + 1
        copy = CircularLetter(
            edition_id=original.edition_id,
            reference=f"{original.reference} Corr.{number}",
            place=original.place,
            addressees=list(original.addressees),
            contact_phone=original.contact_phone,
            contact_email=original.contact_email,
            annex=original.annex.name,
            corrigendum_of=original,
        )
        for field in ("contact_name", "subject", "body", "signatory_name", "signatory_title"):
            for language in languages():
                name = f"{field}_{language}"
                setattr(copy, name, getattr(original, name))
        copy.save()
        record(by, AuditEntry.Action.CREATED, copy, {"corrigendum_of": (None, original.reference)})
    return copy


def claim_pdf(letter_id, language) -> LetterPDF | None:
    """Take the rendering of one PDF; exactly one caller gets it while it waits (or went stale)."""
    stale = timezone.now() - PDF_STALE_AFTER
    changed = (
        LetterPDF.objects.filter(letter_id=letter_id, language=language, letter__state=State.ISSUED)
        .filter(
            Q(status=LetterPDF.Status.PENDING) | Q(status=LetterPDF.Status.RENDERING, claimed_at__lt=stale)
        )
        .update(status=LetterPDF.Status.RENDERING, claimed_at=timezone.now())
    )
    if not changed:
        return None
    return LetterPDF.objects.select_related("letter").get(letter_id=letter_id, language=language)


def render_pdf(letter_id, language) -> bool:
    """Render and store one claimed PDF; True when it was rendered now. Running it twice is harmless."""
    claimed = claim_pdf(letter_id, language)
    if claimed is None:
        return False
    try:
        content = pdf.render(claimed.letter, language)
    except Exception as error:  # recorded on the row for the secretariat to see
        LetterPDF.objects.filter(pk=claimed.pk).update(
            status=LetterPDF.Status.FAILED, error=str(error)[:2000], finished_at=timezone.now()
        )
        return False
    name = f"{claimed.letter.file_stem}-{language}.pdf"
    claimed.file.save(name, ContentFile(content), save=False)
    LetterPDF.objects.filter(pk=claimed.pk).update(
        file=claimed.file.name, status=LetterPDF.Status.DONE, error="", finished_at=timezone.now()
    )
    return True


def stale_pdfs(now=None):
    """The PDFs still waiting after a minute (their task was lost, for example while the broker was down),
    or whose rendering went stale: a periodic job queues them again."""
    now = now or timezone.now()
    return list(
        LetterPDF.objects.filter(letter__state=State.ISSUED)
        .filter(
            Q(status=LetterPDF.Status.PENDING, created_at__lt=now - PDF_LOST_AFTER)
            | Q(status=LetterPDF.Status.RENDERING, claimed_at__lt=now - PDF_STALE_AFTER)
        )
        .values_list("letter_id", "language")
    )
