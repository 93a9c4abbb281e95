"""The pages a Member State's protocol office uses through its secret invitation link, without an account:
answer the invitation, request speaking slots in the high-level policy sessions, change or withdraw them,
and download its own statements. Every request looks the invitation up by its token again; every rule
(deadline, one request per session and per choice, allocation by protocol) is ``high_level``'s."""

import copy

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import high_level
from .forms import SlotRequestChangeForm, SlotRequestForm
from .models import SlotRequest

Status = SlotRequest.Status
# Refusals about the whole page rather than a form's values: shown above the page, whose forms may be gone.
PAGE_ERRORS = {"closed", "not_accepted", "withdrawn"}


def _invitation(token):
    invitation = high_level.invitation_for_token(token)
    if invitation is None:
        raise Http404
    return invitation


def _requests(invitation):
    return list(invitation.requests.select_related("session").order_by("requested_at", "pk"))


def _place_in_order(requests):
    """Each active request's place in its session's order and the number of active requests there, in one
    query (the order of ``high_level.order``: the model's ordering, rank then time of request)."""
    sessions = {request.session_id for request in requests if request.status != Status.WITHDRAWN}
    if not sessions:
        return
    places, counts = {}, {}
    rows = SlotRequest.objects.filter(session__in=sessions).exclude(status=Status.WITHDRAWN)
    for pk, session_id in rows.order_by(*SlotRequest._meta.ordering).values_list("pk", "session_id"):
        counts[session_id] = counts.get(session_id, 0) + 1
        places[pk] = counts[session_id]
    for request in requests:
        if request.pk in places:
            request.place = places[request.pk]
            request.active_count = counts[request.session_id]


def _page(request, invitation, *, new_form=None, bound=None, error=None, status=200):
    """The invitation page; ``bound`` is a change form that failed, shown in place of its request's."""
    accepting = high_level.is_accepting(invitation.edition)
    requests = _requests(invitation)
    _place_in_order(requests)
    editable = accepting and invitation.answer == invitation.Answer.ACCEPTED
    for slot_request in requests:
        slot_request.form = None
        if editable and slot_request.status != Status.WITHDRAWN:
            if bound is not None and bound.instance.pk == slot_request.pk:
                slot_request.form = bound
            else:
                slot_request.form = SlotRequestChangeForm(
                    instance=slot_request, prefix=f"request-{slot_request.pk}"
                )
    if editable and new_form is None:
        new_form = SlotRequestForm(edition=invitation.edition, prefix="new")
    return render(
        request,
        "forum_events/invitation.html",
        {
            "invitation": invitation,
            "token": request.resolver_match.kwargs["token"],
            "phase": high_level.confirmation_phase(invitation.edition),
            "accepting": accepting,
            "editable": editable,
            "requests": requests,
            "new_form": new_form if editable else None,
            "error": error,
        },
        status=status,
    )


def _own_request(invitation, pk):
    if not str(pk).isdigit():
        raise Http404
    return get_object_or_404(
        SlotRequest.objects.select_related("session", "member_state", "invitation__edition"),
        pk=pk,
        invitation=invitation,
    )


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    """The invitation of one Member State: its answer, its requests for speaking slots and their place in
    the order, the forms to request, change and withdraw them; read-only after the deadline."""
    invitation = _invitation(token)
    if request.method != "POST":
        return _page(request, invitation)
    action = request.POST.get("action")
    try:
        if action in ("accept", "decline"):
            high_level.answer(invitation, action == "accept")
            messages.success(
                request,
                _("You have accepted the invitation.")
                if action == "accept"
                else _("You have declined the invitation."),
            )
        elif action == "request":
            form = SlotRequestForm(request.POST, request.FILES, edition=invitation.edition, prefix="new")
            if not form.is_valid():
                return _page(request, invitation, new_form=form, status=400)
            try:
                high_level.request_slot(
                    invitation,
                    form.cleaned_data["session"],
                    form.request_data(),
                    preference=form.cleaned_data["preference"],
                )
            except ValidationError as error:
                if getattr(error, "code", None) in PAGE_ERRORS:
                    raise
                form.add_error(None, error)
                return _page(request, invitation, new_form=form, status=400)
            messages.success(request, _("Your request has been recorded; its place in the order is below."))
        elif action == "update":
            slot_request = _own_request(invitation, request.POST.get("request"))
            # The form gets a copy: the service compares the stored values with the new ones.
            form = SlotRequestChangeForm(
                request.POST,
                request.FILES,
                instance=copy.copy(slot_request),
                prefix=f"request-{slot_request.pk}",
            )
            if not form.is_valid():
                return _page(request, invitation, bound=form, status=400)
            try:
                high_level.update_request(slot_request, form.request_data())
            except ValidationError as error:
                if getattr(error, "code", None) in PAGE_ERRORS:
                    raise
                form.add_error(None, error)
                return _page(request, invitation, bound=form, status=400)
            messages.success(request, _("Your request has been changed; its place in the order is below."))
        elif action == "withdraw":
            high_level.withdraw(_own_request(invitation, request.POST.get("request")))
            messages.success(request, _("Your request has been withdrawn."))
        else:
            return _page(request, invitation, error=_("Choose what to do."), status=400)
    except ValidationError as error:
        return _page(request, invitation, error=" ".join(error.messages), status=400)
    return redirect("forum_events:invitation", token=token)


@require_GET
def invitation_file(request, token, pk, field):
    """A statement or photo of one of the invitation's own requests, as an attachment; never public."""
    slot_request = get_object_or_404(SlotRequest, pk=pk, invitation=_invitation(token))
    upload = getattr(slot_request, field)
    if not upload:
        raise Http404
    return FileResponse(upload.open("rb"), as_attachment=True, filename=upload.name.rsplit("/", 1)[-1])
