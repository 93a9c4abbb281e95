"""The signed-in stakeholder's own pages: profile and organisations."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from . import services
from .forms import FocalPointRequestForm, ProfileForm


@login_required
@require_http_methods(["GET", "POST"])
def profile(request):
    form = ProfileForm(request.POST or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        messages.success(request, _("Your profile has been saved."))
        return redirect(translate_url(reverse("stakeholders:profile"), user.preferred_language))
    return render(request, "stakeholders/profile.html", {"form": form}, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def organisations(request):
    form = FocalPointRequestForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.request_focal_point(request.user, **form.request_kwargs())
        except ValidationError as error:
            form.add_error(None, error)
        else:
            messages.success(request, _("Your request has been sent to the secretariat."))
            return redirect("stakeholders:organisations")
    focal_points = request.user.focal_points.select_related("organisation")
    return render(
        request,
        "stakeholders/organisations.html",
        {"form": form, "focal_points": focal_points},
        status=400 if form.errors else 200,
    )
