"""Personal data of the high-level track and the agenda is kept only as long as the Forum needs it: once
an edition's Forum week has ended more than ``settings.PERSONAL_DATA_RETENTION_DAYS`` days ago, the
ministers' policy statements, photos and biographies, the speakers' e-mail addresses, the personalised
letters (which name ministers and carry their links) and the invitations' secret links are removed.

What stays is the public record: who spoke in which session, with their title, and the letters as issued.
``manage.py purge_personal_data`` runs it (Celery beat runs it daily). The secretariat may remove an
edition's personal data sooner, from the admin, once its Forum week is over (``purge_ended_edition``): the
retention period is the longest it is kept, not the shortest."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import CharField, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Edition
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.letters.models import LetterBatch, PersonalLetter
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry

from . import high_level, services
from .models import Invitation, InvitationLink, SessionSpeaker, SlotRequest

PERSONAL_FILES = ("statement", "photo")
# A voided link's digest: no token hashes to it (a SHA-256 digest is 64 hexadecimal digits).
VOID = "void-"


def expired_editions(now=None):
    """Editions whose Forum ended more than the retention period ago (on Geneva's calendar)."""
    today = (now or timezone.now()).astimezone(GENEVA).date()
    return Edition.objects.filter(ends_on__lt=today - timedelta(days=settings.PERSONAL_DATA_RETENTION_DAYS))


def personal_data_left(edition) -> dict:
    """What ``purge_edition`` would remove from ``edition`` now, counted by the same kinds."""
    requests = SlotRequest.objects.filter(session__edition=edition)
    batches = LetterBatch.objects.filter(letter__edition=edition)
    files = sum(requests.exclude(**{name: ""}).count() for name in PERSONAL_FILES)
    files += PersonalLetter.objects.filter(batch__in=batches).exclude(file="").count()
    files += batches.exclude(archive="").count()
    return {
        "files": files,
        "biographies": requests.exclude(biography="").count(),
        "speaker_addresses": SessionSpeaker.objects.filter(session__edition=edition)
        .exclude(email="")
        .count(),
        "letter_batches": batches.count(),
        "secret_links": Invitation.objects.filter(edition=edition)
        .exclude(token_digest__startswith=VOID)
        .count()
        + InvitationLink.objects.filter(invitation__edition=edition).count(),
    }


def forum_is_over(edition, now=None) -> bool:
    """True once the last day of the edition's Forum week has passed on Geneva's calendar."""
    return edition.ends_on < (now or timezone.now()).astimezone(GENEVA).date()


def may_purge(user) -> bool:
    """The secretariat, who may change both the agenda and the invitations."""
    return services.may_edit(user) and high_level.may_manage(user)


def purge_ended_edition(edition, by) -> dict:
    """The secretariat removes the personal data of ``edition`` before the retention period ends; returns
    what was removed, by kind, as ``purge_edition`` does (each removal is in the audit log under ``by``).
    Refused while the Forum week is not over: the invitations and the speakers still need it."""
    if not may_purge(by):
        raise PermissionDenied
    if not forum_is_over(edition):
        raise ValidationError(
            _(
                "The Forum of %(edition)s is not over (its last day is %(day)s): its personal data is still "
                "needed."
            ),
            params={"edition": edition, "day": date_format(edition.ends_on, "j F Y")},
            code="not_over",
        )
    return purge_edition(edition, by=by)


def purge_edition(edition, by=None) -> dict:
    """Remove the personal data of ``edition`` (see the module's docstring) and return what was removed,
    by kind. Running it again removes nothing more; each removal is in the audit log, under ``by`` when the
    secretariat asked for it."""
    removed = {"files": 0, "biographies": 0, "speaker_addresses": 0, "letter_batches": 0, "secret_links": 0}
    with transaction.atomic():
        requests = SlotRequest.objects.filter(session__edition=edition).select_for_update()
        files = []
        for request in requests:
            changes = {}
            for name in PERSONAL_FILES:
                upload = getattr(request, name)
                if upload:
                    files.append((upload.storage, upload.name))
                    changes[name] = (upload.name, "")
                    setattr(request, name, "")
            if request.biography:
                changes["biography"] = ("…", "")
                request.biography = ""
                removed["biographies"] += 1
            if changes:
                request.save(update_fields=[*PERSONAL_FILES, "biography", "updated_at"])
                record(by, AuditEntry.Action.CHANGED, request, changes, note="personal data retention")
        removed["speaker_addresses"] = (
            SessionSpeaker.objects.filter(session__edition=edition).exclude(email="").update(email="")
        )
        for batch in LetterBatch.objects.filter(letter__edition=edition).prefetch_related("copies"):
            files += [(copy.file.storage, copy.file.name) for copy in batch.copies.all() if copy.file]
            if batch.archive:
                files.append((batch.archive.storage, batch.archive.name))
            record(by, AuditEntry.Action.DELETED, batch, note="personal data retention")
            batch.delete()
            removed["letter_batches"] += 1
        # A link that still opened the invitation would show what is left of it: void them all.
        removed["secret_links"] = (
            Invitation.objects.filter(edition=edition)
            .exclude(token_digest__startswith=VOID)
            .update(token_digest=Concat(Value(VOID), Cast("pk", CharField())))
        )
        removed["secret_links"] += InvitationLink.objects.filter(invitation__edition=edition).delete()[0]
        removed["files"] = len(files)
        # Files go once the rows no longer name them.
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return removed


def purge(now=None) -> dict:
    """``purge_edition`` for every expired edition; what was removed, by edition year (only the editions
    where something was)."""
    purged = {edition.year: purge_edition(edition) for edition in expired_editions(now)}
    return {year: removed for year, removed in purged.items() if any(removed.values())}
