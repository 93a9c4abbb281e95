"""The public pages of a cycle's results: its nominees, champions and winners by category, and the
verification of a certificate by its code (a form, the certificate's page, its PDFs). What is shown and
when is decided by ``prizes.results``."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from .. import results as prize_results
from ..models import State


@require_http_methods(["GET", "HEAD"])
def results(request, year):
    """The results of the cycle of ``year`` as published so far; 404 when there is no such cycle."""
    cycle = prize_results.cycle_of_year(year)
    if cycle is None:
        raise Http404
    categories = prize_results.results_by_category(cycle)
    published = prize_results.published_stages(cycle)
    return render(
        request,
        "prizes/results/results.html",
        {
            "cycle": cycle,
            "categories": categories,
            "published": published,
            "champions_published": State.CHAMPION in published,
            "winners_published": State.WINNER in published,
            "languages": settings.LANGUAGES,
        },
    )


def _not_genuine(request, typed):
    return render(request, "prizes/results/verify.html", {"typed": typed, "not_genuine": True}, status=404)


@require_http_methods(["GET", "HEAD"])
def verify(request):
    """The form where anyone types a certificate's code; with ``?code=`` it goes to the code's page."""
    if "code" not in request.GET:
        return render(request, "prizes/results/verify.html", {})
    typed = request.GET["code"].strip()
    if not typed:
        return render(
            request,
            "prizes/results/verify.html",
            {"error": _("Type the verification code printed on the certificate.")},
            status=400,
        )
    code = prize_results.normalise_code(typed)
    if code is None:
        return _not_genuine(request, typed)
    return redirect("prizes:verify_code", code=code)


@require_http_methods(["GET", "HEAD"])
def verified(request, code):
    """Whether a certificate with this code was issued, and what it certifies; 404 with the reason when
    none was (or its stage is not published)."""
    canonical = prize_results.normalise_code(code)
    if canonical is None:
        return _not_genuine(request, code)
    if canonical != code:
        return redirect("prizes:verify_code", code=canonical)
    certificate = prize_results.certificate_for_code(code)
    if certificate is None:
        return _not_genuine(request, code)
    return render(
        request,
        "prizes/results/verified.html",
        {"certificate": certificate, "submission": certificate.submission, "languages": settings.LANGUAGES},
    )


@require_http_methods(["GET", "HEAD"])
def certificate_pdf(request, code, language):
    """The certificate's PDF in ``language``; 404 until it is rendered."""
    certificate = prize_results.certificate_for_code(code)
    if certificate is None or language not in prize_results.languages():
        raise Http404
    stored = certificate.pdf(language)
    if not stored:
        raise Http404
    filename = (
        f"WSIS-Prizes-{certificate.submission.cycle.edition.year}-{certificate.kind}-{code}-{language}.pdf"
    )
    return FileResponse(stored.open("rb"), content_type="application/pdf", filename=filename)
