"""The signed-in stakeholder's own pages: profile and organisations; what a page answers instead when the
account may not create what it offers (an unconfirmed e-mail address, no organisation to act for)."""

from allauth.account.internal.flows.email_verification import send_verification_email_for_user
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.urls import reverse, translate_url
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from . import behalf, services
from .forms import FocalPointRequestForm, ProfileForm


def verify_email_first(request):
    """What a page that creates something answers an account whose e-mail address is not confirmed: why,
    and a button that sends the confirmation mail again."""
    return render(request, "stakeholders/verify_email_first.html", status=403)


def focal_point_needed(request, title):
    """What a page answers that files only for an organisation, to an account that acts for none."""
    return render(request, "stakeholders/focal_point_needed.html", {"title": title}, status=403)


@login_required
@require_POST
def resend_verification(request):
    """Send the confirmation mail again (allauth's rate limit applies), and go back where the user was."""
    if not behalf.email_is_verified(request.user):
        # allauth says "confirmation e-mail sent" itself.
        send_verification_email_for_user(request, request.user)
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = reverse("dashboard:participation")
    return redirect(target)


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
    verified = behalf.email_is_verified(request.user)
    if request.method == "POST" and not verified:
        return verify_email_first(request)
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
        {"form": form, "focal_points": focal_points, "verified": verified},
        status=400 if form.errors else 200,
    )
