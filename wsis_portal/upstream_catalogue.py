"""Strings that Django and django-allauth show on Arabic pages but whose own Arabic catalogues lack (they were
added upstream after the catalogues were last translated). Listed here so that ``makemessages`` keeps them in
the portal's catalogue, which is read before the libraries' own; nothing imports this module."""

from django.utils.translation import gettext_noop, ngettext_lazy

UPSTREAM = (
    # django.contrib.auth: the password of an account, in the admin.
    gettext_noop("Raw passwords are not stored, so there is no way to see the user’s password."),
    gettext_noop("Reset password"),
    gettext_noop("hash"),
    gettext_noop("salt"),
    gettext_noop("Password-based authentication"),
    gettext_noop("Enabled"),
    gettext_noop("Disabled"),
    gettext_noop(
        "Whether the user will be able to authenticate using a password or not. If disabled, they may still "
        "be able to authenticate using other backends, such as Single Sign-On or LDAP."
    ),
    # django.contrib.admin: the help of a multiple choice.
    gettext_noop("Hold down “Control”, or “Command” on a Mac, to select more than one."),
    # django.contrib.auth: setting a password in the admin, and the password rules on the sign-up page.
    gettext_noop("Conflicting form data submitted. Please try again."),
    gettext_noop("Password-based authentication was disabled."),
    gettext_noop("Set password: %s"),
    gettext_noop("Set password"),
    gettext_noop("Enable password-based authentication for this user by setting a password."),
    ngettext_lazy(
        "This password is too short. It must contain at least %d character.",
        "This password is too short. It must contain at least %d characters.",
        10,
    ),
)
