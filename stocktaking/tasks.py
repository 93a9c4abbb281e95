"""Celery tasks of the stocktaking: small, idempotent."""

from celery import shared_task


@shared_task(name="stocktaking.tasks.warm_search_cache")
def warm_search_cache() -> int:
    """Compute the figures of the search page and the statistics with no filter, which every visitor of
    /stocktaking/ asks for first: over the whole database they take a second, so do it once, here."""
    from . import charts, search

    params = search.SearchParams()
    search.figures(params, names=charts.DIMENSIONS, own_choice_applies=True)
    return search.figures(params)[0]
