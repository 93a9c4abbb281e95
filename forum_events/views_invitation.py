"""The pages a Member State's protocol office uses to answer its invitation, request speaking slots in the
high-level policy sessions, change or withdraw them, and download its own statements. It reaches them
either through its secret invitation link, without an account, or signed in with an account the
secretariat linked to its Member State: both ways share one implementation and differ only in how the
invitation is found and in the page's URLs (a ``Route``). Every request looks the invitation up again;
every rule (deadline, one request per session and per choice, allocation by protocol) is ``high_level``'s."""

import copy
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from wsis_portal.editions import cache as editions_cache

from . import high_level
from .forms import SlotRequestChangeForm, SlotRequestForm
from .models import Invitation, SlotRequest

Status = SlotRequest.Status
# Refusals about the whole page rather than a form's values: shown above the page, whose forms may be gone.
PAGE_ERRORS = {"closed", "not_accepted", "withdrawn"}


@dataclass(frozen=True)
class Route:
    """How the page was reached: the URL name of the page (its files are ``<name>_statement`` and
    ``<name>_photo``) and the URL arguments that name the invitation (the token, or none for an account)."""

    name: str
    kwargs: dict

    def page(self):
        return reverse(self.name, kwargs=self.kwargs)

    def file(self, slot_request, which):
        return reverse(f"{self.name}_{which}", kwargs={**self.kwargs, "pk": slot_request.pk})


def _invitation(token):
    invitation = high_level.invitation_for_token(token)
    if invitation is None:
        raise Http404
    return invitation


def _requests(invitation):
    return list(invitation.requests.select_related("session").order_by("requested_at", "pk"))


def _place_in_order(requests):
    """Each active request's place in its session's protocol order, and how many active requests it has."""
    sessions = {request.session_id for request in requests if request.status != Status.WITHDRAWN}
    found = high_level.places(sessions) if sessions else {}
    for request in requests:
        if request.pk in found:
            request.place, request.active_count = found[request.pk]


def _page(request, invitation, route, *, new_form=None, bound=None, error=None, status=200):
    """The invitation page; ``bound`` is a change form that failed, shown in place of its request's."""
    accepting = high_level.is_accepting(invitation.edition)
    requests = _requests(invitation)
    _place_in_order(requests)
    editable = accepting and invitation.answer == invitation.Answer.ACCEPTED
    for slot_request in requests:
        slot_request.form = None
        slot_request.statement_url = route.file(slot_request, "statement") if slot_request.statement else ""
        slot_request.photo_url = route.file(slot_request, "photo") if slot_request.photo else ""
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
            "page_url": route.page(),
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
    if not str(pk).isdecimal():
        raise Http404
    return get_object_or_404(
        SlotRequest.objects.select_related("session", "member_state", "invitation__edition"),
        pk=pk,
        invitation=invitation,
    )


def _respond(request, invitation, route):
    """The invitation of one Member State: its answer, its requests for speaking slots and their place in
    the order, the forms to request, change and withdraw them; read-only after the deadline. A POST
    acts and comes back to the page."""
    if request.method != "POST":
        return _page(request, invitation, route)
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
                return _page(request, invitation, route, new_form=form, status=400)
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
                return _page(request, invitation, route, new_form=form, status=400)
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
                return _page(request, invitation, route, bound=form, status=400)
            try:
                high_level.update_request(slot_request, form.request_data())
            except ValidationError as error:
                if getattr(error, "code", None) in PAGE_ERRORS:
                    raise
                form.add_error(None, error)
                return _page(request, invitation, route, bound=form, status=400)
            messages.success(request, _("Your request has been changed; its place in the order is below."))
        elif action == "withdraw":
            high_level.withdraw(_own_request(invitation, request.POST.get("request")))
            messages.success(request, _("Your request has been withdrawn."))
        else:
            return _page(request, invitation, route, error=_("Choose what to do."), status=400)
    except ValidationError as error:
        return _page(request, invitation, route, error=" ".join(error.messages), status=400)
    return redirect(route.page())


def _file(slot_request, field):
    """A statement or photo of a request, as an attachment; never public."""
    upload = getattr(slot_request, field)
    if not upload:
        raise Http404
    return FileResponse(upload.open("rb"), as_attachment=True, filename=upload.name.rsplit("/", 1)[-1])


@require_http_methods(["GET", "HEAD", "POST"])
def invitation(request, token):
    """The invitation a secret link names."""
    return _respond(request, _invitation(token), Route("forum_events:invitation", {"token": token}))


@require_GET
def invitation_file(request, token, pk, field):
    return _file(get_object_or_404(SlotRequest, pk=pk, invitation=_invitation(token)), field)


def _member_state_id(user):
    """The Member State whose protocol office the account is; a user the secretariat did not link to one
    may not be here."""
    if user.member_state_id is None:
        raise PermissionDenied
    return user.member_state_id


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def protocol_office(request):
    """The current edition's invitation of the Member State the signed-in account answers for."""
    member_state_id = _member_state_id(request.user)
    edition = editions_cache.current_edition()
    invitation = (
        Invitation.objects.filter(edition=edition, member_state_id=member_state_id)
        .select_related("edition", "member_state")
        .prefetch_related("edition__phases")
        .first()
        if edition is not None
        else None
    )
    if invitation is None:
        return render(
            request,
            "forum_events/protocol_office_not_invited.html",
            {"edition": edition, "member_state": request.user.member_state},
        )
    return _respond(request, invitation, Route("forum_events:protocol_office", {}))


@login_required
@require_GET
def protocol_office_file(request, pk, field):
    """A statement or photo of a request of the account's own Member State, whatever its edition."""
    member_state_id = _member_state_id(request.user)
    return _file(get_object_or_404(SlotRequest, pk=pk, invitation__member_state_id=member_state_id), field)
