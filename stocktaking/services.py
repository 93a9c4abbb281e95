"""Every state change of a stocktaking entry. Views, the admin and the import call these; nothing else
sets ``entry.state``."""

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from wsis_portal.editions.cache import current_edition
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA, is_open
from wsis_portal.lifecycle import transitions
from wsis_portal.lifecycle.audit import record
from wsis_portal.lifecycle.models import AuditEntry, SubmissionState
from wsis_portal.mail.services import send_templated_mail
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.models import Region
from wsis_portal.stakeholders.regions import REGION_OF_COUNTRY
from wsis_portal.textsearch.analysis import document

from . import search
from .models import Entry, EntryActionLine, EntryCountry

SUBMISSION_PHASE = "submissions"
# What an entry says, as opposed to its place in the review: copied between an entry and its revision.
CONTENT_FIELDS = (
    "kind",
    "title",
    "description",
    "language",
    "organisation",
    "stakeholder_type",
    "is_global",
    "start_date",
    "end_date",
    "work_status",
    "website",
    "contact_name",
    "contact_email",
    "attachment",
)


def may_edit(entry, user) -> bool:
    """True when ``user`` owns the entry or is a confirmed focal point of its organisation; a revision may
    also be edited by whoever may edit the published entry (the one open revision is shared)."""
    ids = [entry.pk, entry.revision_of_id] if entry.revision_of_id else [entry.pk]
    return Entry.objects.editable_by(user).filter(pk__in=ids).exists()


def may_review(user) -> bool:
    return user.is_authenticated and user.has_perm("stocktaking.change_entry")


def submission_phase_is_open() -> bool:
    """Entries can be submitted unless the current edition sets a stocktaking submission phase, closed now."""
    edition = current_edition()
    if edition is None:
        return True
    phases = [
        p for p in edition.phases.all() if p.process == Process.STOCKTAKING and p.key == SUBMISSION_PHASE
    ]
    return not phases or any(is_open(phase) for phase in phases)


def country_names(code):
    """The name of a country in every language of the portal, so a search in any of them finds it."""
    names = []
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names.append(str(countries.name(code)))
    return names


def search_documents(entry) -> tuple[str, str]:
    """The stored search terms of ``entry``'s title, and of its description, organisation and countries.
    Reads only fields that the migrations' historical models have as well (migration 0008 uses it)."""
    organisation = entry.organisation
    parts = [entry.description]
    if organisation is not None:
        parts += [organisation.name, organisation.acronym]
    for link in entry.country_links.all():
        parts += country_names(link.country.code)
    return document(entry.title), document(" ".join(parts))


def refresh_search_document(entry):
    """Recompute the search terms of ``entry`` (``search_documents``) and its facet tokens. Call it whenever
    its content, tags, year or stakeholder type change."""
    # Set on the instance too, so that saving it later does not write back stale (empty) terms.
    entry.search_title, entry.search_body = search_documents(entry)
    entry.search_tags = search.tags_of(entry)
    Entry.objects.filter(pk=entry.pk).update(
        search_title=entry.search_title, search_body=entry.search_body, search_tags=entry.search_tags
    )


def save_content(entry, data, by):
    """Create or update the content of ``entry`` (a draft, a returned entry or a revision) from ``data``.

    ``data`` holds the model fields and ``action_lines``, ``main_action_line``, ``countries``, ``regions``,
    ``sdgs`` and ``gdc_objectives``. Regions of the chosen countries are added; C7's e-applications bring
    C7 with them. Guarantees the entry is editable by ``by`` and stays a draft or returned entry.
    """
    if entry.pk is None:
        behalf.require_verified_email(by)
        entry.owner = by
        entry.state = SubmissionState.DRAFT
    elif not (may_edit(entry, by) and entry.is_editable):
        raise PermissionDenied
    behalf.check(by, data.get("organisation", entry.organisation), personal=False)
    for name in CONTENT_FIELDS:
        if name in data:
            # As a model form does: a cleared file (False) becomes empty, an absent one (None) is kept.
            Entry._meta.get_field(name).save_form_data(entry, data[name])
    entry.stakeholder_type = entry.organisation.stakeholder_type if entry.organisation else ""
    with transaction.atomic():
        created = entry.pk is None
        entry.save()
        save_relations(entry, data)
        refresh_search_document(entry)
        record(by, AuditEntry.Action.CREATED if created else AuditEntry.Action.CHANGED, entry)
    return entry


def save_relations(entry, data):
    """Set the tags of ``entry`` from ``data`` (see ``save_content``)."""
    lines = list(data["action_lines"])
    main = data.get("main_action_line") or lines[0]
    parents = {line.parent for line in lines if line.parent_id} - set(lines)
    EntryActionLine.objects.filter(entry=entry).delete()
    EntryActionLine.objects.bulk_create(
        [
            EntryActionLine(entry=entry, action_line=line, is_main=line == main)
            for line in lines + list(parents)
        ]
    )
    countries = sorted(set(data.get("countries") or ()))
    EntryCountry.objects.filter(entry=entry).delete()
    EntryCountry.objects.bulk_create([EntryCountry(entry=entry, country=code) for code in countries])
    region_codes = {REGION_OF_COUNTRY[code] for code in countries if code in REGION_OF_COUNTRY}
    entry.regions.set(set(data.get("regions") or ()) | set(Region.objects.filter(code__in=region_codes)))
    entry.sdgs.set(data.get("sdgs") or ())
    entry.gdc_objectives.set(data.get("gdc_objectives") or ())


def _mail_owner(entry, template, owner=None, **context):
    """Mail ``owner`` (by default the entry's) about ``entry``, in the language they prefer."""
    owner = owner or entry.owner
    if owner is None:
        return
    send_templated_mail(
        f"stocktaking/email/{template}",
        owner.email,
        {"user": owner, "entry": entry, **context},
        owner.preferred_language,
    )


def submit(entry, by):
    """Send a draft or returned entry (or revision) to the secretariat: it gets its reference number, the
    owner a receipt in their language, the secretariat a notice. Refused after the submission phase closed."""
    if not may_edit(entry, by):
        raise PermissionDenied
    if not submission_phase_is_open():
        raise ValidationError(_("Submissions to the stocktaking are closed for this edition."), code="closed")
    if not entry.action_line_links.exists():
        raise ValidationError(_("Choose at least one action line before submitting."), code="incomplete")
    reservation = transitions.reserve_reference(entry)
    with transaction.atomic():
        transitions.apply(entry, "submit", by, reservation=reservation)
        _mail_owner(entry, "submitted")
        send_templated_mail("stocktaking/email/to_review", settings.SECRETARIAT_EMAIL, {"entry": entry}, "en")
    return entry


def return_for_changes(entry, by, comment):
    """The secretariat sends a submitted entry back with a comment the owner reads."""
    if not may_review(by):
        raise PermissionDenied
    if not comment.strip():
        raise ValidationError(_("Say what should be changed."), code="comment_required")
    with transaction.atomic():
        transitions.apply(entry, "return", by, comment=comment.strip())
        _mail_owner(entry, "returned")
    return entry


def reject(entry, by, reason):
    """The secretariat declines a submitted entry (or revision), giving the reason."""
    if not may_review(by):
        raise PermissionDenied
    if not reason.strip():
        raise ValidationError(_("Give the reason."), code="reason_required")
    with transaction.atomic():
        transitions.apply(entry, "reject", by, comment=reason.strip())
        _mail_owner(entry, "rejected")
    return entry


def approve(entry, by):
    """The secretariat accepts a submitted entry: it is published. A revision is applied to the published
    entry it revises (which keeps its address and reference) and then removed. Its submitter is told."""
    if not may_review(by):
        raise PermissionDenied
    author = entry.owner
    with transaction.atomic():
        if entry.revision_of_id:
            published = _apply_revision(entry, by)
        else:
            now = timezone.now()
            published = transitions.apply(
                entry, "accept", by, updates={"published_at": now, "year": now.astimezone(GENEVA).year}
            )
            refresh_search_document(published)  # its year is a facet token now
        _mail_owner(published, "accepted", owner=author)
        # robust: a cache outage must not turn a committed change into an error page.
        transaction.on_commit(search.published_changed, robust=True)
    return published


def _apply_revision(revision, by):
    transitions.apply(revision, "accept", by)
    published = Entry.objects.select_for_update().get(pk=revision.revision_of_id)
    changes = {
        name: (getattr(published, name), getattr(revision, name))
        for name in CONTENT_FIELDS
        if getattr(published, name) != getattr(revision, name)
    }
    copy_content(revision, published)
    published.save()
    refresh_search_document(published)
    record(by, AuditEntry.Action.REVISION_APPLIED, published, changes)
    revision.delete()
    return published


def copy_content(source, target):
    """Give ``target`` (saved) the content and tags of ``source``."""
    for name in CONTENT_FIELDS:
        setattr(target, name, getattr(source, name))
    target.save()
    save_relations(
        target,
        {
            "action_lines": [
                link.action_line for link in source.action_line_links.select_related("action_line")
            ],
            "main_action_line": next(
                (link.action_line for link in source.action_line_links.all() if link.is_main), None
            ),
            "countries": [link.country.code for link in source.country_links.all()],
            "regions": list(source.regions.all()),
            "sdgs": list(source.sdgs.all()),
            "gdc_objectives": list(source.gdc_objectives.all()),
        },
    )


def revision_for(entry, by):
    """The revision in which ``by`` edits a published entry: the open one, or a new copy.

    The published version stays visible until the secretariat accepts the revision.
    """
    if not may_edit(entry, by):
        raise PermissionDenied
    open_revision = entry.revisions.filter(
        state__in=[SubmissionState.DRAFT, SubmissionState.SUBMITTED, SubmissionState.RETURNED]
    ).first()
    if open_revision is not None:
        return open_revision
    with transaction.atomic():
        revision = Entry.objects.create(
            revision_of=entry,
            owner=by,
            state=SubmissionState.DRAFT,
            **{name: getattr(entry, name) for name in CONTENT_FIELDS},
        )
        copy_content(entry, revision)
        record(by, AuditEntry.Action.CREATED, revision, note=f"revision of {entry.reference}")
    return revision
