"""Arabic and English (and any UN language added to LANGUAGES): the switcher and the remembered choice.

The URL prefix always decides the language of a page, so that every URL can be shared. The language
cookie decides where an unprefixed URL (such as ``/``) goes: for a signed-in stakeholder it follows their
preferred language, which the switcher updates; for a visitor, the language they last read in.

Visitors switch with plain links to the same page in the other language (no form, no CSRF token, so
public pages stay cheap and cacheable); signed-in users switch with a form that also saves the choice.
"""

from dataclasses import dataclass
from functools import cached_property, lru_cache
from urllib.parse import urlsplit, urlunsplit

from babel import Locale
from django.conf import settings
from django.utils import translation
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from django.views.i18n import set_language as django_set_language


def in_language(url, code):
    """``url`` (a path or an absolute URL of the portal) with its language prefix set to ``code``.

    URL paths are the same in every language, only the prefix differs, so swapping it is enough; a URL
    without a language prefix is returned unchanged.
    """
    parts = urlsplit(url)
    segments = parts.path.split("/", 2)
    if len(segments) < 3 or segments[0] or segments[1] not in dict(settings.LANGUAGES):
        return url
    return urlunsplit(parts._replace(path=f"/{code}/{segments[2]}"))


@dataclass
class OtherLanguage:
    """A language the reader can switch to from the current page."""

    code: str
    request: object

    @property
    def name(self):
        return get_language_info(self.code)["name_local"]

    @property
    def bidi(self):
        return get_language_info(self.code)["bidi"]

    @cached_property
    def url(self):
        """This page in that language; that language's home page when this page has no translation."""
        if self.request.resolver_match is None:  # an error page
            return f"/{self.code}/"
        return in_language(self.request.get_full_path(), self.code)


def language_switcher(request):
    """Template context: the languages a reader can switch to from this page."""
    current = get_language()
    others = [OtherLanguage(code, request) for code, _name in settings.LANGUAGES if code != current]
    return {"other_languages": others}


@require_POST
def set_language(request):
    """Switch to another language and stay on the same page; a signed-in user keeps the choice."""
    # Django resolves ``next`` in the active language, which here comes from the cookie or the browser,
    # not from the page the reader is on: activate the page's own language so its URL resolves.
    try:
        next_path = urlsplit(request.POST.get("next", "")).path
    except ValueError:  # "//[" and the like: not a URL, so no page to stay on (Django's view agrees)
        next_path = ""
    with translation.override(translation.get_language_from_path(next_path) or translation.get_language()):
        response = django_set_language(request)
    language = request.POST.get("language")
    user = request.user
    if user.is_authenticated and language in dict(settings.LANGUAGES) and user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])
    return response


class LanguageCookieMiddleware:
    """Keeps the language cookie equal to the signed-in user's preferred language, or to the language a
    visitor last read a page in."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        name = settings.LANGUAGE_COOKIE_NAME
        if name in response.cookies:  # the switcher has just set it
            return response
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            wanted = user.preferred_language
        elif response.status_code < 400:
            wanted = translation.get_language_from_path(request.path_info)
        else:
            wanted = None
        if wanted and request.COOKIES.get(name) != wanted:
            response.set_cookie(
                name,
                wanted,
                max_age=settings.LANGUAGE_COOKIE_AGE,
                samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                secure=settings.LANGUAGE_COOKIE_SECURE,
                httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
            )
        return response


@lru_cache(maxsize=16)
def cldr_locale(language=None):
    """The CLDR locale (Babel's) of Django language ``language``, the active one by default."""
    return Locale.parse(translation.to_locale(language or get_language() or settings.LANGUAGE_CODE))


def language_name(code):
    """The name of language ``code`` in the active language, as CLDR writes it ("الإنجليزية" on an Arabic
    page, "English" on an English one). Only the language switcher names each language in itself."""
    base = code.split("-")[0]  # the UN's "Chinese" is zh-hans here
    return cldr_locale(get_language()).languages.get(base, code)


def un_languages():
    """The six UN languages as (code, name in the active language) choices."""
    return [(code, language_name(code)) for code in settings.UN_LANGUAGES]


def portal_languages():
    """The portal's languages (``LANGUAGES``) as (code, name in the active language) choices."""
    return [(code, language_name(code)) for code, _name in settings.LANGUAGES]


def content_languages():
    """The languages a stakeholder may say their text is written in: the six UN languages, or another."""
    return [*un_languages(), ("other", _("Another language"))]
