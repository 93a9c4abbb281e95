"""Every change of the Forum agenda that the public must know of. The admin (and anything else that edits a
session) calls these; once an edition's agenda is published, a session is only changed through
``update_session``, which keeps the public change list and tells the session's speakers."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext
from modeltranslation.utils import build_localized_fieldname

from wsis_portal.editions.models import Format
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.links import absolute_url
from wsis_portal.mail.services import send_templated_mail

from . import high_level
from .models import Agenda, Session, SessionChange

MAIL_PREFIX = "forum_events/email/session_changed"


def may_edit(user) -> bool:
    """True for staff who may change sessions (the secretariat)."""
    return bool(
        user and user.is_authenticated and user.is_staff and user.has_perm("forum_events.change_session")
    )


def is_published(edition) -> bool:
    return Agenda.objects.filter(edition=edition, published_at__isnull=False).exists()


def publish_agenda(edition, by):
    """Publish the agenda of ``edition`` and return it.

    Guarantees: the publication instant is set once — publishing again changes nothing and writes no audit
    entry; from then on every public change of its sessions made through ``update_session`` is recorded.
    Only staff with ``forum_events.change_session`` may publish.
    """
    if not may_edit(by):
        raise PermissionDenied
    with transaction.atomic():
        agenda, _created = Agenda.objects.get_or_create(edition=edition)
        now = timezone.now()
        # A conditional UPDATE: of two secretariat members publishing at once, only one sets the instant.
        if Agenda.objects.filter(pk=agenda.pk, published_at__isnull=True).update(published_at=now):
            agenda.published_at = now
            record(
                by, AuditEntry.Action.CHANGED, agenda, {"published_at": (None, now)}, note="agenda published"
            )
        else:
            agenda.refresh_from_db()
    return agenda


def when_text(starts_at, ends_at) -> str:
    """A session's time in Geneva time in the active language, e.g. "7 July 2027 09:00–10:30"."""
    if starts_at is None:
        return gettext("Not scheduled")
    start, end = starts_at.astimezone(GENEVA), ends_at.astimezone(GENEVA)
    if start.date() == end.date():
        return f"{date_format(start.date(), 'j F Y')} {start:%H:%M}–{end:%H:%M}"
    return (
        f"{date_format(start.date(), 'j F Y')} {start:%H:%M} – {date_format(end.date(), 'j F Y')} {end:%H:%M}"
    )


def _room_text(rooms):
    """The room in the active language (else in the default language), from {language: room}."""
    return rooms.get(translation.get_language()) or rooms.get(settings.LANGUAGE_CODE) or gettext("No room")


def _format_text(value):
    return str(Format(value).label) if value in Format.values else value


def _public_changes(before, after):
    """[(kind, before text, after text)] of what changed between two states of a session, in the active
    language: the changes the public change list and the speakers are told of."""
    changes = []
    if (before["starts_at"], before["ends_at"]) != (after["starts_at"], after["ends_at"]):
        changes.append(
            (
                SessionChange.Kind.TIME,
                when_text(before["starts_at"], before["ends_at"]),
                when_text(after["starts_at"], after["ends_at"]),
            )
        )
    if before["room"] != after["room"]:
        changes.append((SessionChange.Kind.ROOM, _room_text(before["room"]), _room_text(after["room"])))
    if before["format"] != after["format"]:
        changes.append(
            (SessionChange.Kind.FORMAT, _format_text(before["format"]), _format_text(after["format"]))
        )
    if before["is_cancelled"] != after["is_cancelled"]:
        scheduled, cancelled = gettext("Scheduled"), gettext("Cancelled")
        if after["is_cancelled"]:
            changes.append((SessionChange.Kind.CANCELLED, scheduled, cancelled))
        else:
            changes.append((SessionChange.Kind.REINSTATED, cancelled, scheduled))
    return changes


PUBLIC_FIELDS = ("starts_at", "ends_at", "format", "is_cancelled")


def _public_state(session):
    """What the public is told of when it changes: the schedule, the room in every language, the format."""
    state = {name: getattr(session, name) for name in PUBLIC_FIELDS}
    state["room"] = {
        code: getattr(session, build_localized_fieldname("room", code)) or ""
        for code, _name in settings.LANGUAGES
    }
    return state


def _fields():
    concrete = {
        field.name: field for field in Session._meta.get_fields() if getattr(field, "concrete", False)
    }
    concrete.pop("id", None)
    concrete.pop("created_at", None)
    return concrete


def update_session(session, data, by):
    """Apply ``data`` ({field name: new value}; many-to-many fields take a list or queryset) to ``session``
    and save it; return the saved session, whose ``public_changes`` lists the kinds of change recorded in
    public and ``told`` the addresses mailed (both empty when nothing public changed or before publication).

    Guarantees, all in one transaction:
    - the audit log gets one entry with every field that changed (none when nothing did);
    - when the edition's agenda is published, each public change — time (start or end), room, format,
      cancellation or reinstatement — becomes a ``SessionChange`` whose before/after are readable text
      (times in Geneva time, "7 July 2027 09:00–10:30"), and every speaker or moderator with an e-mail is
      sent one message, in their own language, listing those changes; the mails go through the outbox and
      leave only once the transaction commits;
    - before publication, or when nothing public changed, no change is recorded and no mail is queued;
    - a new number of speaking slots reallocates the session's slot requests in protocol order at once
      (the next ones waiting are confirmed, or the last confirmed ones wait again), and each protocol
      office whose request changed status is told.
    Only staff with ``forum_events.change_session`` may do it.
    """
    if not may_edit(by):
        raise PermissionDenied
    fields = _fields()
    unknown = set(data) - set(fields)
    if unknown:
        raise ValueError(f"Unknown session fields: {', '.join(sorted(unknown))}")
    with transaction.atomic():
        session = Session.objects.select_for_update().get(pk=session.pk)
        session.public_changes, session.told = [], []
        before = _public_state(session)
        audit = {}
        many = {}
        for name, value in data.items():
            field = fields[name]
            if field.many_to_many:
                old = list(getattr(session, name).all())
                new = list(value)
                if {item.pk for item in old} != {item.pk for item in new}:
                    audit[name] = (old, new)
                    many[name] = new
                continue
            old = getattr(session, field.attname if field.is_relation else name)
            new = value.pk if field.is_relation and hasattr(value, "pk") else value
            if old != new:
                audit[name] = (getattr(session, name), value)
                setattr(session, field.attname if field.is_relation else name, new)
        if not audit:
            return session
        session.save()
        for name, items in many.items():
            getattr(session, name).set(items)
        record(by, AuditEntry.Action.CHANGED, session, audit)
        if "speaking_capacity" in audit:
            high_level.reallocate(session)
        after = _public_state(session)
        if before != after and is_published(session.edition_id):
            _record_and_tell(session, before, after)
    return session


def _record_and_tell(session, before, after):
    # The public record is written in every portal language; each speaker reads the same changes in theirs.
    records = None
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            changes = _public_changes(before, after)
        if records is None:
            records = [SessionChange(session=session, kind=kind) for kind, _old, _new in changes]
        for record_, (_kind, old, new) in zip(records, changes, strict=True):
            setattr(record_, build_localized_fieldname("before", code), old)
            setattr(record_, build_localized_fieldname("after", code), new)
    session.public_changes = [change.kind for change in records]
    SessionChange.objects.bulk_create(records)
    for speaker in session.speakers.exclude(email=""):
        with translation.override(speaker.language):
            lines = [
                {"label": SessionChange.Kind(kind).label, "before": old, "after": new}
                for kind, old, new in _public_changes(before, after)
            ]
            context = {
                "speaker": speaker,
                "session": session,
                "changes": lines,
                "when": when_text(session.starts_at, session.ends_at),
                "url": absolute_url(session.get_absolute_url()),
            }
        send_templated_mail(MAIL_PREFIX, speaker.email, context, speaker.language)
        session.told.append(speaker.email)
