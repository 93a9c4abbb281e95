"""The public side of the stocktaking: search with facets, an entry's page, statistics and open data."""

import math

from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .. import charts, exports, reference, search, services
from ..models import Entry
from ..presentation import facet_options, result_rows
from ..search import FACETS, SearchParams


@require_GET
def search_page(request):
    params = SearchParams.from_query(request.GET)
    count, counts = search.figures(params)
    pages = max(1, math.ceil(count / search.PAGE_SIZE))
    if params.page > pages:
        raise Http404
    return render(
        request,
        "stocktaking/search.html",
        {
            "params": params,
            "count": count,
            "pages": pages,
            "results": result_rows(search.page_of_results(params)),
            "facets": [facet_options(facet, params, counts[facet.name]) for facet in FACETS],
            "chosen_filters": sum(len(values) for values in params.selected.values()),
            "query_string": params.query_string(),
            "previous_page": params.query_string(page=params.page - 1) if params.page > 1 else None,
            "next_page": params.query_string(page=params.page + 1) if params.page < pages else None,
            "date_order": params.query_string(sort="date"),
            "relevance_order": params.query_string(sort="relevance"),
        },
    )


@require_GET
def entry_page(request, pk):
    entry = get_object_or_404(
        Entry.objects.published()
        .select_related("organisation")
        .prefetch_related(
            "action_line_links__action_line", "country_links", "regions", "sdgs", "gdc_objectives"
        ),
        pk=pk,
    )
    countries = [reference.country_label(link.country.code) for link in entry.country_links.all()]
    return render(request, "stocktaking/entry.html", {"entry": entry, "countries": countries})


@require_GET
def attachment(request, pk):
    """The attached file: public once the entry is published, else only for its editors and reviewers."""
    entry = get_object_or_404(Entry, pk=pk)
    public = entry.state == "accepted" and not entry.is_revision
    if not public and not (services.may_edit(entry, request.user) or services.may_review(request.user)):
        # The same answer as for an entry that does not exist: the id tells nothing.
        raise Http404
    if not entry.attachment:
        raise Http404
    name = entry.attachment.name.rsplit("/", 1)[-1]
    return FileResponse(entry.attachment.open("rb"), as_attachment=True, filename=name)


@require_GET
def statistics(request):
    params = SearchParams.from_query(request.GET)
    count, counts = search.figures(params, names=charts.DIMENSIONS, own_choice_applies=True)
    return render(
        request,
        "stocktaking/statistics.html",
        {
            "params": params,
            "count": count,
            "charts": charts.for_counts(counts),
            "query_string": params.query_string(),
        },
    )


@require_GET
def export(request, fmt):
    params = SearchParams.from_query(request.GET)
    if fmt == "csv":
        return exports.csv_response(search.filtered(params))
    return exports.json_response(search.filtered(params))
