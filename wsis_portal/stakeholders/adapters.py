"""django-allauth, adapted: an address is refused when longer than an account keeps, a new account starts
in the language it was created in, mail goes out in the recipient's language (links included) and names the
portal, and signing in lands on the dashboard in the user's preferred language."""

from types import SimpleNamespace

from allauth.account import app_settings
from allauth.account.adapter import DefaultAccountAdapter
from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.utils import translation

from wsis_portal.languages import in_language

# Links that allauth puts in its mails; they follow the recipient's language.
MAIL_LINKS = ("activate_url", "password_reset_url")


class PortalAccountAdapter(DefaultAccountAdapter):
    def clean_email(self, email):
        """An address longer than the accounts keep (254 characters, as SMTP allows) is refused: allauth would
        cut it to another address at sign-up, and the database refuse it when added to an account."""
        MaxLengthValidator(app_settings.EMAIL_MAX_LENGTH)(email)
        return super().clean_email(email)

    def save_user(self, request, user, form, commit=True):
        user.preferred_language = translation.get_language() or settings.LANGUAGE_CODE
        return super().save_user(request, user, form, commit=commit)

    def send_mail(self, template_prefix, email, context):
        user = context.get("user")
        language = getattr(user, "preferred_language", None) or translation.get_language()
        context = {
            **context,
            **{key: in_language(context[key], language) for key in MAIL_LINKS if key in context},
        }
        request = context.get("request") or self.request
        context["current_site"] = SimpleNamespace(name=settings.SITE_NAME, domain=request.get_host())
        with translation.override(language):
            super().send_mail(template_prefix, email, context)

    def get_login_redirect_url(self, request):
        url = super().get_login_redirect_url(request)
        language = getattr(request.user, "preferred_language", None)
        if language and language in dict(settings.LANGUAGES):
            url = in_language(url, language)
        return url
