"""A stakeholder's contributions, binding workshop requests and facilitator nominations: draft, edit and
send them; see their state and the secretariat's comments. Every rule (who, until when) is checked by
``services``; these views report what it says."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST

from wsis_portal.lifecycle.models import SubmissionState
from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.views import verify_email_first

from .. import services
from ..forms import ContributionForm, NominationForm, WorkshopRequestForm, speaker_formset
from ..models import Contribution, FacilitatorNomination, WorkshopRequest


@dataclass(frozen=True)
class Kind:
    """One kind of input to the consultation, as its pages need it."""

    name: str
    model: type
    form: type
    related: tuple
    prefetch: tuple
    new_title: Promise
    edit_title: Promise

    @property
    def detail_template(self):
        return f"consultations/detail_{self.name}.html"

    def url(self, view, item):
        suffix = {"detail": "", "edit": "_edit", "submit": "_submit"}[view]
        return reverse(f"consultations:{self.name}{suffix}", args=[item.pk])


KINDS = {
    kind.name: kind
    for kind in (
        Kind(
            "contribution",
            Contribution,
            ContributionForm,
            ("organisation",),
            ("topics", "action_lines"),
            gettext_lazy("New contribution"),
            gettext_lazy("Edit the contribution"),
        ),
        Kind(
            "workshop",
            WorkshopRequest,
            WorkshopRequestForm,
            ("organisation", "merged_into", "session"),
            ("action_lines", "sdgs", "speakers"),
            gettext_lazy("New workshop request"),
            gettext_lazy("Edit the workshop request"),
        ),
        Kind(
            "nomination",
            FacilitatorNomination,
            NominationForm,
            ("organisation",),
            (),
            gettext_lazy("New nomination of a high-level track facilitator"),
            gettext_lazy("Edit the nomination"),
        ),
    )
}


def _kind(name):
    try:
        return KINDS[name]
    except KeyError:
        raise Http404 from None


def _own_item(request, kind, pk, shown=True):
    """The item, if the user may edit it (404 otherwise, as for one that does not exist), with what its
    pages show (``shown``) or only what sending it needs."""
    items = kind.model.objects.select_related("consultation__edition", *kind.related)
    items = items.prefetch_related("consultation__edition__phases", *(kind.prefetch if shown else ()))
    item = get_object_or_404(items, pk=pk)
    if not services.may_edit(item, request.user):
        raise Http404
    return item


def _detail(request, kind, item, status=200):
    is_draft = item.state == SubmissionState.DRAFT
    return render(
        request,
        "consultations/detail.html",
        {
            "kind": kind,
            "item": item,
            "changeable": services.can_change(item),
            "closed": is_draft and not services.is_accepting(item.consultation),
            "urls": {view: kind.url(view, item) for view in ("detail", "edit", "submit")},
        },
        status=status,
    )


def _sent(request, kind, item, refused_url):
    """Send ``item`` and say how it went: to its page when sent, to ``refused_url`` when refused."""
    try:
        services.submit(item, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect(refused_url)
    messages.success(
        request,
        _("Sent to the secretariat, with the reference %(reference)s. A receipt is on its way by e-mail.")
        % {"reference": item.reference},
    )
    return redirect(kind.url("detail", item))


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, kind, pk=None):
    """A new draft, or a draft or returned item to change; after the deadline a draft is read only."""
    kind = _kind(kind)
    if pk is None:
        if not behalf.email_is_verified(request.user):
            return verify_email_first(request)
        consultation = services.current_consultation()
        if consultation is None or not services.is_accepting(consultation):
            return render(request, "consultations/closed.html", {"kind": kind, "consultation": consultation})
        item = kind.model(consultation=consultation)
    else:
        item = _own_item(request, kind, pk)
        if not services.can_change(item):
            if item.state == SubmissionState.DRAFT:
                # Past the deadline: the draft is shown as it is kept, and a change is refused.
                return _detail(request, kind, item, status=400 if request.method == "POST" else 200)
            messages.info(request, _("This is with the secretariat; it cannot be changed now."))
            return redirect(kind.url("detail", item))
    data = request.POST if request.method == "POST" else None
    form = kind.form(data, instance=item, user=request.user)
    speakers = speaker_formset(data, item) if kind.model is WorkshopRequest else None
    if data is not None and form.is_valid() and (speakers is None or speakers.is_valid()):
        fields, relations = form.content()
        try:
            item = services.save(
                item,
                fields,
                request.user,
                relations=relations,
                speakers=speakers.speakers() if speakers is not None else None,
            )
        except ValidationError as error:
            form.add_error(None, error)
        else:
            if "submit" in request.POST:
                return _sent(request, kind, item, kind.url("edit", item))
            messages.success(request, _("Your draft has been saved."))
            return redirect(kind.url("edit", item))
    has_errors = data is not None and (
        bool(form.errors) or (speakers is not None and not speakers.is_valid())
    )
    return render(
        request,
        "consultations/edit.html",
        {"kind": kind, "item": item, "form": form, "speakers": speakers},
        status=400 if has_errors else 200,
    )


@login_required
@require_http_methods(["GET", "HEAD"])
def detail(request, kind, pk):
    kind = _kind(kind)
    return _detail(request, kind, _own_item(request, kind, pk))


@login_required
@require_POST
def submit(request, kind, pk):
    kind = _kind(kind)
    item = _own_item(request, kind, pk, shown=False)
    return _sent(request, kind, item, kind.url("detail", item))
