"""Every state change of the high-level track: invitations issued and answered through their secret
link, speaking slots requested, changed and withdrawn, and their allocation by protocol.

The rule of allocation (also in the README and on the invitation page): a high-level policy session has a
number of speaking slots. The Member States' active requests for it are ordered by the protocol rank of
their speaker (Head of State or Government first, then Vice-President or Deputy Prime Minister, Minister,
Deputy Minister, Ambassador or head of delegation, other), then by the time of their request; the first
ones fill the slots and are confirmed, the others wait in that order and move up when a confirmed one
withdraws or is outranked; whoever's status changes is told. A Member State speaks at most once per
session. Each allocation runs with the session's row locked, so concurrent requests are allocated one
after the other and the slots are never overbooked.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import is_open
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.links import absolute_url
from wsis_portal.mail.services import send_templated_mail

from .models import Invitation, InvitationLink, Session, SessionType, SlotRequest

CONFIRMATIONS_PHASE = "confirmations"
# What a protocol office may give when it requests or changes a slot.
REQUEST_FIELDS = (
    "speaker_name",
    "speaker_title",
    "rank",
    "is_delegate",
    "attendance",
    "statement",
    "statement_language",
    "biography",
    "photo",
)
Status = SlotRequest.Status


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def may_manage(user) -> bool:
    return user.is_authenticated and user.has_perm("forum_events.change_invitation")


def confirmation_phase(edition):
    """The phase whose deadline closes confirmations and slot requests (process "forum_events")."""
    return next(
        (p for p in edition.phases.all() if p.process == Process.FORUM and p.key == CONFIRMATIONS_PHASE), None
    )


def is_accepting(edition) -> bool:
    """True while the edition's confirmation phase is open (Geneva time, on the server)."""
    phase = confirmation_phase(edition)
    return phase is not None and is_open(phase)


def _check_open(invitation):
    if not is_accepting(invitation.edition):
        raise ValidationError(
            _("The deadline to confirm has passed: your answers are kept but can no longer be changed."),
            code="closed",
        )


def invitation_link(invitation, token, language=None) -> str:
    with translation.override(language or settings.LANGUAGE_CODE):
        return absolute_url(reverse("forum_events:invitation", args=[token]))


def issue_invitation(edition, member_state, by, *, language=None):
    """Invite ``member_state`` to the high-level track of ``edition`` (or give it a new link, voiding the
    old one and those its letters carried) and mail the link to its protocol office. Returns
    ``(invitation, token)``; the token itself is never stored."""
    if not may_manage(by):
        raise PermissionDenied
    token = secrets.token_urlsafe(32)
    defaults = {"token_digest": _digest(token), "issued_at": timezone.now(), "issued_by": by}
    if language:
        defaults["language"] = language
    with transaction.atomic():
        invitation, created = Invitation.objects.update_or_create(
            edition=edition, member_state=member_state, defaults=defaults
        )
        record(by, AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED, invitation)
        if not created:
            InvitationLink.objects.filter(invitation=invitation).delete()
        if member_state.protocol_office_email:
            send_templated_mail(
                "forum_events/email/invitation",
                member_state.protocol_office_email,
                {"invitation": invitation, "link": invitation_link(invitation, token, invitation.language)},
                invitation.language,
            )
    return invitation, token


def add_letter_link(invitation, by) -> str:
    """A further secret link to ``invitation`` for a personalised letter to carry, returned as its token.
    The links already given (the protocol office's, earlier letters') keep working: a letter never voids
    a link in use. Only its digest is stored."""
    if not may_manage(by):
        raise PermissionDenied
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        link = InvitationLink.objects.create(
            invitation=invitation, token_digest=_digest(token), issued_at=timezone.now()
        )
        record(by, AuditEntry.Action.CREATED, link, note="link carried by a personalised letter")
    return token


def invitation_for_token(token: str):
    """The invitation a link names (the protocol office's or one a letter carries), or None for a forged,
    replaced or expired link (its Forum is over)."""
    if not token or len(token) > 100:
        return None
    digest = _digest(token)
    by_letter = InvitationLink.objects.filter(token_digest=digest).values("invitation_id")
    invitation = (
        Invitation.objects.filter(Q(token_digest=digest) | Q(pk__in=by_letter))
        .select_related("edition", "member_state")
        .prefetch_related("edition__phases")
        .first()
    )
    if invitation is None or invitation.edition.ends_on < timezone.localdate(timezone.now()):
        return None
    return invitation


def answer(invitation, accepts: bool):
    """The Member State accepts or declines; declining withdraws its requests. Refused after the deadline."""
    _check_open(invitation)
    with transaction.atomic():
        value = Invitation.Answer.ACCEPTED if accepts else Invitation.Answer.DECLINED
        before = invitation.answer
        Invitation.objects.filter(pk=invitation.pk).update(answer=value, answered_at=timezone.now())
        invitation.answer = value
        record(None, AuditEntry.Action.CHANGED, invitation, {"answer": (before, value)})
        if not accepts:
            for request in invitation.requests.exclude(status=Status.WITHDRAWN):
                _withdraw(request)
    return invitation


def _check_session(invitation, session):
    if session.edition_id != invitation.edition_id or session.kind != SessionType.HIGH_LEVEL_POLICY:
        raise ValidationError(_("Choose one of this Forum's high-level policy sessions."), code="session")
    if session.is_cancelled or session.speaking_capacity == 0:
        raise ValidationError(_("This session takes no requests to speak."), code="session")


def request_slot(invitation, session, data, *, preference=1):
    """Request a speaking slot in ``session`` for the invited Member State (its first or second choice).

    Guarantees: only with an accepted invitation, before the deadline, in a high-level policy session of
    the edition, at most once per Member State per session and once per choice; the request is stored and
    allocated with the session locked, so that concurrent requests never overbook it.
    """
    _check_open(invitation)
    if invitation.answer != Invitation.Answer.ACCEPTED:
        raise ValidationError(_("Accept the invitation before requesting a slot."), code="not_accepted")
    _check_session(invitation, session)
    try:
        with transaction.atomic():
            Session.objects.select_for_update().only("pk").get(pk=session.pk)
            request = SlotRequest(
                invitation=invitation,
                member_state_id=invitation.member_state_id,
                session=session,
                preference=preference,
                requested_at=timezone.now(),
                **{name: data[name] for name in REQUEST_FIELDS if name in data},
            )
            request.save()
            record(None, AuditEntry.Action.CREATED, request)
            reallocate(session, changed=request)
    except IntegrityError:
        if SlotRequest.objects.filter(
            invitation=invitation, preference=preference, status__in=[Status.CONFIRMED, Status.WAITING]
        ).exists():
            raise ValidationError(
                _("You have already made this choice: change or withdraw that request."), code="duplicate"
            ) from None
        raise ValidationError(
            _("Your Member State has already requested to speak in this session."), code="duplicate"
        ) from None
    request.refresh_from_db()
    return request


def update_request(request, data):
    """Change the speaker (for example to a delegate), attendance, statement, biography or photo, until the
    deadline. A new rank may move the request up or down the session's order."""
    _check_open(request.invitation)
    if request.status == Status.WITHDRAWN:
        raise ValidationError(_("This request was withdrawn."), code="withdrawn")
    with transaction.atomic():
        Session.objects.select_for_update().only("pk").get(pk=request.session_id)
        changes = {}
        for name in REQUEST_FIELDS:
            if name in data and getattr(request, name) != data[name]:
                changes[name] = (getattr(request, name), data[name])
                setattr(request, name, data[name])
        request.save()
        record(None, AuditEntry.Action.CHANGED, request, changes)
        reallocate(request.session, changed=request)
    request.refresh_from_db()
    return request


def withdraw(request, by=None):
    """Withdraw a request: the protocol office until the deadline, the secretariat (``by``) at any time;
    the next one waiting moves up and is told."""
    if by is not None and not may_manage(by):
        raise PermissionDenied
    if by is None:
        _check_open(request.invitation)
    with transaction.atomic():
        _withdraw(request, by)


def _withdraw(request, by=None):
    Session.objects.select_for_update().only("pk").get(pk=request.session_id)
    before = request.status
    SlotRequest.objects.filter(pk=request.pk).update(status=Status.WITHDRAWN)
    request.status = Status.WITHDRAWN
    record(by, AuditEntry.Action.CHANGED, request, {"status": (before, Status.WITHDRAWN)})
    reallocate(request.session)


# Protocol order: rank, then time of request (the primary key breaks a tie of the same instant).
PROTOCOL_ORDER = ("rank", "requested_at", "pk")


def order(session):
    """The session's active requests in protocol order."""
    return list(
        SlotRequest.objects.filter(session=session)
        .exclude(status=Status.WITHDRAWN)
        .select_related("member_state", "invitation")
        .order_by(*PROTOCOL_ORDER)
    )


def places(session_ids):
    """{request id: (its place in its session's protocol order, the session's number of active requests)}
    for the active requests of ``session_ids``, in one query."""
    places, counts = {}, {}
    rows = SlotRequest.objects.filter(session__in=session_ids).exclude(status=Status.WITHDRAWN)
    for pk, session_id in rows.order_by(*PROTOCOL_ORDER).values_list("pk", "session_id"):
        counts[session_id] = counts.get(session_id, 0) + 1
        places[pk] = (counts[session_id], session_id)
    return {pk: (place, counts[session_id]) for pk, (place, session_id) in places.items()}


def reallocate(session, changed=None):
    """Give the slots of ``session`` to its first active requests in protocol order; the others wait.
    Call with the session's row locked. Tells every request whose status changed (but ``changed``, whose
    sender sees it on the page)."""
    session = Session.objects.get(pk=session.pk)
    for position, request in enumerate(order(session)):
        status = Status.CONFIRMED if position < session.speaking_capacity else Status.WAITING
        if request.status == status:
            continue
        SlotRequest.objects.filter(pk=request.pk).update(status=status)
        if changed is None or request.pk != changed.pk:
            _tell(request, status)


def _tell(request, status):
    email = request.member_state.protocol_office_email
    if email:
        send_templated_mail(
            "forum_events/email/slot_status",
            email,
            {"request": request, "status": Status(status).label, "confirmed": status == Status.CONFIRMED},
            request.invitation.language,
        )


def position_in(request):
    """Where ``request`` stands in its session's order (1 = first), or None once withdrawn."""
    return places([request.session_id]).get(request.pk, (None, 0))[0]
