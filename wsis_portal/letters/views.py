"""The public list of issued circular letters and their PDFs."""

from django.conf import settings
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_http_methods

from wsis_portal.editions.models import Edition

from .models import CircularLetter, LetterPDF


@require_http_methods(["GET", "HEAD"])
def letter_list(request):
    """Issued letters, newest first, optionally of one edition (``?edition=2026``), with their PDFs."""
    editions = list(
        Edition.objects.filter(circular_letters__state=CircularLetter.State.ISSUED)
        .distinct()
        .order_by("-year")
        .values_list("year", flat=True)
    )
    year = request.GET.get("edition", "")
    letters = CircularLetter.objects.filter(state=CircularLetter.State.ISSUED).order_by("-date", "-reference")
    selected = int(year) if year.isdecimal() and int(year) in editions else None
    if selected is not None:
        letters = letters.filter(edition__year=selected)
    letters = list(letters)
    ready = {
        (row.letter_id, row.language): row
        for row in LetterPDF.objects.filter(letter__in=letters, status=LetterPDF.Status.DONE).exclude(file="")
    }
    for letter in letters:
        letter.ready_pdfs = [
            (language, name) for language, name in settings.LANGUAGES if (letter.pk, language) in ready
        ]
    return render(
        request, "letters/list.html", {"letters": letters, "editions": editions, "selected": selected}
    )


@require_http_methods(["GET", "HEAD"])
def letter_pdf(request, pk, language):
    """The stored PDF of an issued letter; 404 until it is rendered."""
    row = get_object_or_404(
        LetterPDF.objects.select_related("letter"),
        letter_id=pk,
        language=language,
        letter__state=CircularLetter.State.ISSUED,
        status=LetterPDF.Status.DONE,
    )
    if not row.file:
        raise Http404
    filename = f"{row.letter.file_stem}-{language}.pdf"
    return FileResponse(row.file.open("rb"), content_type="application/pdf", filename=filename)
