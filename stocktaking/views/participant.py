"""A stakeholder's own entries: create, edit, submit; see the state and the secretariat's comments."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wsis_portal.stakeholders import behalf
from wsis_portal.stakeholders.views import focal_point_needed, verify_email_first

from .. import services
from ..forms import EntryForm
from ..models import Entry


@login_required
def my_entries(request):
    return render(request, "stocktaking/my_entries.html", {"entries": Entry.objects.of(request.user)})


def _editable_entry(request, pk):
    """The entry, if the user may edit it; 404 otherwise, as for one that does not exist."""
    entry = get_object_or_404(Entry, pk=pk)
    if not services.may_edit(entry, request.user):
        raise Http404
    return entry


@login_required
@require_http_methods(["GET", "POST"])
def edit(request, pk=None):
    """Create a draft, or edit a draft, a returned entry or (through its revision) a published entry."""
    if pk is None:
        if not behalf.email_is_verified(request.user):
            return verify_email_first(request)
        if not behalf.organisations_of(request.user).exists():
            return focal_point_needed(request, _("New stocktaking entry"))
    entry = Entry() if pk is None else _editable_entry(request, pk)
    if entry.state == "accepted" and not entry.is_revision:
        return redirect("stocktaking:edit", pk=services.revision_for(entry, request.user).pk)
    if not entry.is_editable:
        messages.info(request, _("This entry is with the secretariat; it cannot be changed now."))
        return redirect("stocktaking:mine_detail", pk=entry.pk)
    form = EntryForm(request.POST or None, request.FILES or None, instance=entry, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.save_content(entry, form.content(), request.user)
        except ValidationError as error:
            form.add_error(None, error)
            return render(request, "stocktaking/edit.html", {"form": form, "entry": entry}, status=400)
        if "submit" not in request.POST:
            messages.success(request, _("Your draft has been saved."))
            return redirect("stocktaking:edit", pk=entry.pk)
        try:
            services.submit(entry, request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
            return redirect("stocktaking:edit", pk=entry.pk)
        messages.success(
            request,
            _("Your entry has been sent to the secretariat (reference %(reference)s).")
            % {"reference": entry.public_reference},
        )
        return redirect("stocktaking:mine_detail", pk=entry.pk)
    return render(
        request, "stocktaking/edit.html", {"form": form, "entry": entry}, status=400 if form.errors else 200
    )


@login_required
def mine_detail(request, pk):
    entry = _editable_entry(request, pk)
    return render(request, "stocktaking/mine_detail.html", {"entry": entry})


@login_required
@require_POST
def submit(request, pk):
    entry = _editable_entry(request, pk)
    try:
        services.submit(entry, request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request,
            _("Your entry has been sent to the secretariat (reference %(reference)s).")
            % {"reference": entry.public_reference},
        )
    return redirect("stocktaking:mine_detail", pk=entry.pk)
