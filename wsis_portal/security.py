"""The Content-Security-Policy of every page: the portal's pages load only their own scripts, styles,
images and fonts, post forms only to themselves and are never framed. No page has an inline script or
style block; the browser journeys fail on any violation the browser reports."""

from django.conf import settings

DIRECTIVES = {
    "default-src": "'self'",
    "script-src": "'self'",
    "style-src": "'self'",
    "img-src": "'self' data:",
    "font-src": "'self'",
    "connect-src": "'self'",
    "object-src": "'none'",
    "base-uri": "'self'",
    "form-action": "'self'",
    "frame-ancestors": "'none'",
}


def policy(directives=None) -> str:
    directives = {**DIRECTIVES, **(directives or {})}
    return "; ".join(f"{name} {value}" for name, value in directives.items())


# Documents that can run script; a PDF or a CSV opened in the browser is shown by the browser's own viewer,
# which the portal's policy must not govern.
DOCUMENT_TYPES = ("text/html", "image/svg+xml")


class ContentSecurityPolicyMiddleware:
    """Adds the policy (``settings.CONTENT_SECURITY_POLICY``, else ``DIRECTIVES``) to every page that has
    none of its own, and a Permissions-Policy turning off what no page uses."""

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = getattr(settings, "CONTENT_SECURITY_POLICY", None) or policy()

    def __call__(self, request):
        response = self.get_response(request)
        if response.headers.get("Content-Type", "").startswith(DOCUMENT_TYPES):
            response.headers.setdefault("Content-Security-Policy", self.header)
        response.headers.setdefault(
            "Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"
        )
        return response
