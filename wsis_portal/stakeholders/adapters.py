"""django-allauth, adapted: an address is refused when longer than an account keeps, and kept in the one form
of ``emails.normalise_email`` (which refuses quoted local parts and backslashes); a new account starts in
the language it was created in; mail goes out in the recipient's language, greets them by name when the
account has one, and its links (activation, password reset, sign-up) are the portal's own absolute links
(``wsis_portal.links``), never built on the host the request came to; and signing in lands on the dashboard in
the user's preferred language.

Enumeration is prevented (``ACCOUNT_PREVENT_ENUMERATION``): signing up with an address that has an account
answers as a new sign-up does and mails the owner, in the owner's language."""

import secrets
from types import SimpleNamespace
from urllib.parse import urlsplit, urlunsplit

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from allauth.account.utils import filter_users_by_email
from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.core.validators import MaxLengthValidator
from django.urls import reverse
from django.utils import translation

from wsis_portal.languages import in_language
from wsis_portal.links import absolute_url, portal_host

from .emails import normalise_email

# Links that allauth puts in its mails; they are moved onto PORTAL_URL, in the recipient's language.
MAIL_LINKS = ("activate_url", "password_reset_url", "signup_url")


def portal_link(url, language):
    """``url``, a link allauth built on the host of the request, on the portal's public address and in
    ``language``."""
    parts = urlsplit(url)
    return absolute_url(in_language(urlunsplit(("", "", parts.path, parts.query, parts.fragment)), language))


class PortalAccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """An address longer than the accounts keep (254 characters, as SMTP allows) is refused: allauth would
        cut it to another address at sign-up, and the database refuse it when added to an account. Any other
        is refused unless email-validator takes it, and kept normalised (``normalise_email``)."""
        MaxLengthValidator(app_settings.EMAIL_MAX_LENGTH)(email)
        return super().clean_email(normalise_email(email))

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)

    def send_account_already_exists_mail(self, email):
        # Hash a throw-away password, as creating the account would: the answer takes as long.
        make_password(secrets.token_urlsafe())
        super().send_account_already_exists_mail(email)

    def send_mail(self, template_prefix, email, context):
        """In the language of the account the mail is about, or else of the account with that address (the
        "account already exists" mail), or else of the page (the "unknown account" mail). The templates get
        that account as ``user`` (``None`` when there is none), the links on ``PORTAL_URL`` and
        ``portal_url``, the portal's home page in that language."""
        user = context.get("user") or next(iter(filter_users_by_email(email, prefer_verified=True)), None)
        language = getattr(user, "preferred_language", None) or translation.get_language()
        with translation.override(language):
            context = {
                **context,
                **{key: portal_link(context[key], language) for key in MAIL_LINKS if key in context},
                "user": user,
                "portal_url": absolute_url(reverse("home")),
                "current_site": SimpleNamespace(name=settings.SITE_NAME, domain=portal_host()),
            }
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", None)
        if language and language in dict(settings.LANGUAGES):
            url = in_language(url, language)
        return url
