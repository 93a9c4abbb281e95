"""Every state change of the open consultation's contributions, workshop requests and facilitator
nominations. Views and the admin call these; nothing else sets their ``state``.

Drafts may be saved, edited and submitted until the deadline of the edition's "contributions" phase, on
the server in Geneva time (``editions.schedule``); after it they are read-only and kept. A contribution the
secretariat returned for changes can still be corrected and sent again after the deadline: the secretariat
asked for it.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from forum_events.models import Session, SessionSpeaker, SessionType
from wsis_portal.editions.cache import current_edition
from wsis_portal.editions.schedule import is_open
from wsis_portal.lifecycle import transitions
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry, SubmissionState
from wsis_portal.links import absolute_url
from wsis_portal.mail.services import send_templated_mail
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.models import Region
from wsis_portal.stakeholders.regions import REGION_OF_COUNTRY

from .models import Consultation, Contribution, FacilitatorNomination, Speaker, WorkshopRequest

CONSENT_SALT = "consultations.nominee-consent"
CONSENT_MAX_AGE = 60 * 24 * 3600  # a nominee has sixty days to answer
S = SubmissionState


def current_consultation():
    """The consultation of the current edition, or None."""
    edition = current_edition()
    if edition is None:
        return None
    consultation = Consultation.objects.filter(edition=edition).first()
    if consultation is not None:
        consultation.edition = edition  # the cached one, its phases already fetched
    return consultation


def is_accepting(consultation) -> bool:
    """True while the consultation's deadline phase is open (Geneva time, server clock)."""
    phase = consultation.deadline_phase()
    return phase is not None and is_open(phase)


def may_edit(item, user) -> bool:
    """The owner, or a confirmed focal point of the item's organisation."""
    return type(item).objects.editable_by(user).filter(pk=item.pk).exists()


def may_review(user, model) -> bool:
    return user.is_authenticated and user.has_perm(f"consultations.change_{model._meta.model_name}")


def can_change(item) -> bool:
    """Whether the content of ``item`` may be changed now: a draft until the deadline, a returned item
    until the secretariat decides."""
    if item.state == S.RETURNED:
        return True
    return item.state == S.DRAFT and is_accepting(item.consultation)


def _check_open(item):
    if item.state == S.DRAFT and not is_accepting(item.consultation):
        raise ValidationError(
            _("The deadline for this consultation has passed: your draft is kept but can no longer be sent."),
            code="closed",
        )


def origin(organisation, user=None) -> dict:
    """Where an item comes from: the organisation's stakeholder type and country, else the profile's of
    ``user``, and the ITU region of that country."""
    stakeholder_type = (organisation.stakeholder_type if organisation else "") or (
        user.stakeholder_type if user else ""
    )
    country = (organisation.country if organisation and organisation.country else "") or (
        user.country if user else ""
    )
    code = REGION_OF_COUNTRY.get(str(country)) if country else None
    region = Region.objects.filter(code=code).first() if code else None
    return {"stakeholder_type": stakeholder_type, "country": country, "region": region}


def save(item, fields, by, *, relations=None, speakers=None):
    """Create or update a draft (or returned item) from ``fields`` (model fields), ``relations`` (m2m name →
    objects) and, for a workshop request, ``speakers`` (a list of field dicts, in order).

    Guarantees: only someone who may edit it changes it, only while ``can_change``; all of it or nothing is
    saved; the audit log records it.
    """
    creating = item.pk is None
    if creating:
        behalf.require_verified_email(by)
        item.owner = by
        item.state = S.DRAFT
    elif not may_edit(item, by):
        raise PermissionDenied
    if not creating:
        _refuse_unless_changeable(item)
    for name, value in fields.items():
        setattr(item, name, value)
    if creating:
        _refuse_unless_changeable(item)
    if speakers is not None and len(speakers) > item.consultation.max_speakers:
        raise ValidationError(
            _("Propose at most %(max)d speakers."),
            params={"max": item.consultation.max_speakers},
            code="speakers",
        )
    behalf.check(by, item.organisation, personal=True, owner=item.owner)
    for name, value in origin(item.organisation, by).items():
        setattr(item, name, value)
    with transaction.atomic():
        item.save()
        for name, values in (relations or {}).items():
            getattr(item, name).set(values)
        if speakers is not None:
            item.speakers.all().delete()
            Speaker.objects.bulk_create(
                [Speaker(request=item, position=index, **data) for index, data in enumerate(speakers)]
            )
        record(by, AuditEntry.Action.CREATED if creating else AuditEntry.Action.CHANGED, item)
    return item


def _refuse_unless_changeable(item):
    if not can_change(item):
        _check_open(item)
        raise ValidationError(_("This can no longer be changed."), code="read_only")


def _mail(item, template, recipient=None, language=None, **context):
    """Mail ``template`` about ``item`` to its owner (or ``recipient``) in their language, with ``link``,
    the item's page, and ``session_link``, its agenda session's page, in that language."""
    owner = item.owner
    if recipient is None:
        if owner is None:
            return
        recipient, language = owner.email, owner.preferred_language
    language = language or "en"
    kind = item._meta.model_name
    with translation.override(language):
        links = {"link": absolute_url(item.get_absolute_url())}
        session = getattr(item, "session", None)
        if session is not None:
            links["session_link"] = absolute_url(session.get_absolute_url())
    send_templated_mail(
        f"consultations/email/{template}",
        recipient,
        {"user": owner, "item": item, "kind": item._meta.verbose_name, "kind_name": kind, **links, **context},
        language,
    )


def _check_complete(item):
    if isinstance(item, Contribution) and not item.topics.exists():
        raise ValidationError(_("Choose at least one topic before sending."), code="incomplete")
    if isinstance(item, WorkshopRequest):
        if not item.action_lines.exists():
            raise ValidationError(_("Choose at least one action line before sending."), code="incomplete")
        if not item.speakers.exists():
            raise ValidationError(_("Propose at least one speaker before sending."), code="incomplete")
        if item.speakers.count() > item.consultation.max_speakers:
            raise ValidationError(
                _("Propose at most %(max)d speakers."),
                params={"max": item.consultation.max_speakers},
                code="speakers",
            )
        _check_workshop_quota(item)


def _check_workshop_quota(item):
    if item.organisation_id is None:
        return
    limit = item.consultation.max_workshop_requests
    sent = (
        WorkshopRequest.objects.filter(consultation=item.consultation, organisation=item.organisation)
        .exclude(pk=item.pk)
        .exclude(state__in=[S.DRAFT, S.REJECTED, S.MERGED])
        .count()
    )
    if sent >= limit:
        raise ValidationError(
            _("Your organization has already sent %(max)d workshop requests, the most it may send."),
            params={"max": limit},
            code="quota",
        )


def submit(item, by):
    """Send a draft or returned item to the secretariat: it gets its reference number and its sender a
    receipt in their language. A draft is refused once the deadline has passed (and kept). A nomination
    also mails its nominee the link to confirm their consent."""
    if not may_edit(item, by):
        raise PermissionDenied
    _check_open(item)
    _check_complete(item)
    reservation = transitions.reserve_reference(item)
    with transaction.atomic():
        transitions.apply(item, "submit", by, reservation=reservation)
        _mail(item, "submitted")
        if isinstance(item, FacilitatorNomination) and item.consent == FacilitatorNomination.Consent.PENDING:
            request_consent(item)
    return item


def return_for_changes(item, by, comment):
    """The secretariat asks for changes, with a comment the submitter reads."""
    if not may_review(by, type(item)):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Say what should be changed."), code="comment_required")
    with transaction.atomic():
        transitions.apply(item, "return", by, comment=comment.strip())
        _mail(item, "returned")
    return item


def decline(item, by, reason):
    """The secretariat declines a submitted item, giving the reason."""
    if not may_review(by, type(item)):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason."), code="reason_required")
    with transaction.atomic():
        transitions.apply(item, "reject", by, comment=reason.strip())
        _mail(item, "declined")
    return item


def accept(item, by, comment=""):
    """The secretariat accepts a submitted item. An accepted workshop request becomes a session of the
    edition's Forum agenda, linked to it, with the speakers it proposed (``session_for``); a nomination
    is accepted only once its nominee has consented."""
    if not may_review(by, type(item)):
        raise PermissionDenied
    if isinstance(item, FacilitatorNomination) and item.consent != FacilitatorNomination.Consent.GIVEN:
        raise ValidationError(_("The nominee has not confirmed their consent yet."), code="no_consent")
    with transaction.atomic():
        transitions.apply(item, "accept", by, comment=comment.strip())
        if isinstance(item, WorkshopRequest):
            item.session = session_for(item)
            WorkshopRequest.objects.filter(pk=item.pk).update(session=item.session)
        _mail(item, "accepted")
    return item


def session_for(request):
    """The agenda session an accepted workshop request becomes: its text in both portal languages until
    the secretariat translates it, and as its speakers those the request proposed, in their order, then
    those of requests already merged into it."""
    texts = {}
    for code, _name in settings.LANGUAGES:
        texts[f"title_{code}"] = request.title
        texts[f"description_{code}"] = request.description
    session = Session.objects.create(
        edition=request.consultation.edition,
        kind=SessionType.WORKSHOP,
        format=request.format,
        day=request.preferred_day,
        organisers=request.organisers,
        languages=list(request.session_languages),
        **texts,
    )
    session.action_lines.set(request.action_lines.all())
    session.sdgs.set(request.sdgs.all())
    join_speakers(session, with_merged(request))
    return session


def with_merged(request):
    """``request`` followed by the requests merged into it, and into those, in the order they came."""
    found, level = [request], [request.pk]
    while level:
        merged = list(WorkshopRequest.objects.filter(merged_into__in=level).order_by("pk"))
        found += merged
        level = [item.pk for item in merged]
    return found


def join_speakers(session, requests):
    """Add the speakers proposed in ``requests`` (in their order) to the speakers of ``session``, after
    those it has; one already there (same name and organization) is not added again."""
    present = {
        (name.casefold(), organisation.casefold())
        for name, organisation in session.speakers.values_list("name", "organisation")
    }
    last = session.speakers.order_by("-position").values_list("position", flat=True).first()
    position = -1 if last is None else last
    added = []
    for request in requests:
        language = (
            request.language if request.language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
        )
        for speaker in request.speakers.order_by("position", "pk"):
            key = (speaker.name.casefold(), speaker.organisation.casefold())
            if key in present:
                continue
            present.add(key)
            position += 1
            added.append(
                SessionSpeaker(
                    session=session,
                    role=SessionSpeaker.Role.SPEAKER,
                    position=position,
                    name=speaker.name,
                    organisation=speaker.organisation,
                    language=language,
                )
            )
    SessionSpeaker.objects.bulk_create(added)


def merge(item, into, by, comment=""):
    """The secretariat merges a submitted workshop request into another request of the same consultation
    (submitted or accepted): the first is closed as merged and points to the second, whose organizers are
    joined by its own. Its proposed speakers join the second's session now if it is one, or when it is
    accepted; none of them twice."""
    if not may_review(by, WorkshopRequest):
        raise PermissionDenied
    if into.pk == item.pk or into.consultation_id != item.consultation_id:
        raise ValidationError(_("Choose another request of the same consultation."), code="merge_target")
    if into.state not in (S.SUBMITTED, S.ACCEPTED) or into.merged_into_id:
        raise ValidationError(
            _("A request can only be merged into one that is submitted or accepted."), code="merge_target"
        )
    with transaction.atomic():
        transitions.apply(item, "merge", by, comment=comment.strip(), updates={"merged_into": into})
        target = WorkshopRequest.objects.select_for_update().get(pk=into.pk)
        added = [name for name in item.organiser_list if name not in target.organiser_list]
        if added:
            target.organisers = "\n".join(target.organiser_list + added)
            WorkshopRequest.objects.filter(pk=target.pk).update(organisers=target.organisers)
            if target.session_id:
                Session.objects.filter(pk=target.session_id).update(organisers=target.organisers)
        if target.session_id:
            join_speakers(target.session, with_merged(item))
        _mail(item, "merged", target=target)
    return item


def consent_token(nomination) -> str:
    return signing.dumps({"n": nomination.pk, "e": nomination.nominee_email.lower()}, salt=CONSENT_SALT)


def nomination_for_token(token):
    """The nomination a consent link names, or None when the link is forged, too old or out of date (the
    nominee's address was changed since it was sent)."""
    try:
        data = signing.loads(token, salt=CONSENT_SALT, max_age=CONSENT_MAX_AGE)
    except signing.BadSignature:
        return None
    nomination = FacilitatorNomination.objects.filter(pk=data.get("n")).select_related("consultation").first()
    if nomination is None or nomination.nominee_email.lower() != data.get("e"):
        return None
    return nomination


def request_consent(nomination):
    """Mail the nominee the link to give or refuse consent, in the nominator's language (the nominee has
    no account to tell us theirs; the page it opens has the language switcher)."""
    language = nomination.owner.preferred_language if nomination.owner else settings.LANGUAGE_CODE
    with translation.override(language):
        path = reverse("consultations:consent", args=[consent_token(nomination)])
    _mail(
        nomination,
        "consent_request",
        recipient=nomination.nominee_email,
        language=language,
        link=absolute_url(path),
    )


def answer_consent(nomination, agrees: bool):
    """The nominee agrees to be nominated or refuses. Answered once: a second answer changes nothing and
    returns False. The nominator is told either way."""
    value = FacilitatorNomination.Consent.GIVEN if agrees else FacilitatorNomination.Consent.REFUSED
    with transaction.atomic():
        changed = FacilitatorNomination.objects.filter(
            pk=nomination.pk, consent=FacilitatorNomination.Consent.PENDING
        ).update(consent=value, consent_at=timezone.now())
        if not changed:
            return False
        nomination.refresh_from_db()
        record(
            None,
            AuditEntry.Action.CONSENT_GIVEN if agrees else AuditEntry.Action.CONSENT_REFUSED,
            nomination,
            {"consent": (FacilitatorNomination.Consent.PENDING, value)},
        )
        _mail(nomination, "consent_answered")
    return True
