"""On whose behalf a user may act, asked in one place by every process.

A user acts in their personal capacity (where the process allows it: the item then takes its stakeholder
type and country from the profile) or for an organisation they are a **confirmed** focal point of. Asking
to be one, being declined or being withdrawn is not acting for it. Forms take their choices from
``organisation_field``; services re-check with ``check`` so that a tampered POST stores nothing.
"""

from allauth.account.models import EmailAddress
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from .models import FocalPoint, Organisation

PERSONAL_CAPACITY = gettext_lazy("In my own name (my profile)")


def organisations_of(user):
    """The organisations ``user`` may act for now: those they are a confirmed focal point of."""
    if not user.is_authenticated:
        return Organisation.objects.none()
    confirmed = FocalPoint.objects.filter(user=user, status=FocalPoint.Status.CONFIRMED)
    return Organisation.objects.filter(pk__in=confirmed.values("organisation_id"))


def may_act_for(user, organisation, *, personal) -> bool:
    """Whether ``user`` may file for ``organisation``; ``None`` is the personal capacity, which the process
    allows when ``personal`` is true."""
    if not user.is_authenticated:
        return False
    if organisation is None:
        return personal
    return organisations_of(user).filter(pk=organisation.pk).exists()


def check(user, organisation, *, personal, owner=None, field="organisation"):
    """Refuse (``ValidationError`` on ``field``, translated) what ``user`` may not file; ``owner`` is the
    owner of an item already stored: only they may take it back into their personal capacity."""
    if organisation is None and personal and owner is not None and owner != user:
        raise ValidationError(
            {field: _("Only the person who filed it can send it in their own name.")}, code="behalf"
        )
    if may_act_for(user, organisation, personal=personal):
        return
    if organisation is None:
        message = _("Choose the organization you send this for: one you are a confirmed focal point of.")
    else:
        message = _("You can act only for an organization you are a confirmed focal point of.")
    raise ValidationError({field: message}, code="behalf")


def organisation_field(field, user, *, personal):
    """Set the choices of a form's organisation ``field`` for ``user``: the organisations they act for,
    and the personal capacity when ``personal`` (shown as the empty choice)."""
    field.queryset = organisations_of(user).order_by("name")
    field.required = not personal
    # Without a personal capacity the choices are exactly the organisations, the first one preselected.
    field.empty_label = PERSONAL_CAPACITY if personal else None
    return field


def email_is_verified(user) -> bool:
    """The account's own address is its primary one and verified (allauth): only then does it create
    anything (a draft, a request, a vote)."""
    return (
        user.is_authenticated
        and EmailAddress.objects.filter(
            user=user, email__iexact=user.email, verified=True, primary=True
        ).exists()
    )


def require_verified_email(user):
    """Refuse (``PermissionDenied``) a creation by an account whose address is not verified."""
    if not email_is_verified(user):
        raise PermissionDenied(_("Confirm your e-mail address before you create anything on the portal."))
