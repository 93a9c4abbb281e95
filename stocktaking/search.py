"""Searching published entries: full text plus facets, with a count beside every facet value.

Within a facet the values chosen are alternatives (OR); across facets they all apply (AND). The counts of
a facet are taken with every other facet's choice applied but not its own, so that a reader sees what
choosing another value of the same facet would give. The search page, the statistics, the exports and
the API all read their filters through ``SearchParams`` and apply them here, so they always agree.
"""

import hashlib
import itertools
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from urllib.parse import urlencode

from django.contrib.postgres.search import SearchQuery
from django.core.cache import cache
from django.db import connection, connections
from django.db.models import (
    BooleanField,
    Exists,
    ExpressionWrapper,
    ForeignKey,
    IntegerField,
    OuterRef,
    Q,
    Value,
)
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.utils.translation import gettext_lazy as _

from wsis_portal.stakeholders.countries import PORTAL_COUNTRIES
from wsis_portal.textsearch import query as textquery

from . import reference
from .models import Entry, EntryActionLine, EntryCountry

PAGE_SIZE = 20
MAX_QUERY_LENGTH = 200
CACHE_SECONDS = 600
VERSION_KEY = "stocktaking:search-version"
# Long columns a list of results never shows: left in the database.
UNSHOWN = ("description", "review_comment", "search_title", "search_body", "search_tags", "search_vector")


@dataclass(frozen=True)
class Facet:
    """A dimension to filter and count by."""

    name: str
    label: str
    # The number in this facet's tokens (``tag``); never change it, stored tokens carry it.
    number: int
    # A link model with an ``entry`` foreign key, and its column holding the value; or None when the
    # value is a column of the entry itself.
    link: type | None
    column: str
    # The reference data the URL values name (codes, numbers), when they are not stored as they are.
    choices: Callable | None = None
    # PostgreSQL: the entry's array column holding a linked facet's values (migration 0007).
    array: str | None = None

    def tag(self, value) -> str:
        """The token an entry's ``search_tags`` holds for ``value``: "f2x5" for the SDG with id 5.

        Text terms are runs of letters or of digits, never both, so no word can look like a token.
        """
        return f"f{self.number}x{str(value).lower().replace('_', '')}"

    def values_of(self, entry):
        """The database values ``entry`` has for this facet."""
        if self.link is None:
            values = [getattr(entry, self.column)]
        else:
            values = self.link.objects.filter(entry_id=entry.pk).values_list(self.column, flat=True)
        return [value for value in values if value not in (None, "")]

    def parse(self, raw_values):
        """The database values of the URL values that are valid; unknown ones are ignored."""
        if self.name == "country":
            return sorted({value.upper() for value in raw_values if value.upper() in PORTAL_COUNTRIES})
        if self.name == "year":
            return sorted(
                {int(value) for value in raw_values if value.isdecimal() and 1990 <= int(value) <= 2100}
            )
        if self.name == "kind":
            return sorted({value for value in raw_values if value in Entry.Kind.values})
        known = reference.by_value(self.choices())
        return sorted({known[value].pk for value in raw_values if value in known})

    def apply(self, queryset, values):
        """The entries of ``queryset`` that have one of ``values``, looked up in the facet's table."""
        if self.link is None:
            return queryset.filter(**{f"{self.column}__in": values})
        linked = self.link.objects.filter(entry_id=OuterRef("pk"), **{f"{self.column}__in": values})
        return queryset.filter(Exists(linked))

    @property
    def is_number(self) -> bool:
        """Whether the facet's database values are numbers (ids, years), else text (codes)."""
        model = self.link or Entry
        field = next(field for field in model._meta.concrete_fields if field.column == self.column)
        return isinstance(field, IntegerField | ForeignKey)

    def counted(self, position, conditions, quote):
        """SQL counting the rows of ``candidates`` (see ``_counts_from_links``) that meet all
        ``conditions``, by value of this facet: rows of (``position``, the value if a number, the value if
        text, the count)."""
        if self.link is None:
            value, source = f"m.{quote(self.column)}", "candidates m"
        else:
            value = f"l.{quote(self.column)}"
            link_entry = quote(self.link._meta.get_field("entry").column)
            entry = quote(Entry._meta.pk.attname)
            source = f"candidates m JOIN {quote(self.link._meta.db_table)} l ON l.{link_entry} = m.{entry}"
        number, text = (value, "NULL") if self.is_number else ("NULL", value)
        where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
        # Table and column names come from the models; no value is written into the SQL.
        return (
            f"SELECT {position}, CAST({number} AS BIGINT), CAST({text} AS VARCHAR(100)), COUNT(*) "  # noqa: S608
            f"FROM {source} {where} GROUP BY {value}"
        )


FACETS = (
    Facet(
        "action_line",
        _("Action line"),
        1,
        EntryActionLine,
        "action_line_id",
        reference.action_lines,
        "facet_action_lines",
    ),
    Facet(
        "sdg",
        _("Sustainable Development Goal"),
        2,
        Entry.sdgs.through,
        "sustainabledevelopmentgoal_id",
        reference.sdgs,
        "facet_sdgs",
    ),
    Facet(
        "gdc",
        _("Global Digital Compact objective"),
        3,
        Entry.gdc_objectives.through,
        "gdcobjective_id",
        reference.gdc_objectives,
        "facet_gdc_objectives",
    ),
    Facet("region", _("Region"), 4, Entry.regions.through, "region_id", reference.regions, "facet_regions"),
    Facet("country", _("Country"), 5, EntryCountry, "country", array="facet_countries"),
    Facet(
        "stakeholder_type", _("Stakeholder type"), 6, None, "stakeholder_type", reference.stakeholder_types
    ),
    Facet("kind", _("Kind"), 7, None, "kind"),
    Facet("year", _("Year"), 8, None, "year"),
)
FACETS_BY_NAME = {facet.name: facet for facet in FACETS}


@dataclass(frozen=True)
class SearchParams:
    """What a reader asked for, validated: text, facet choices, order and page."""

    q: str = ""
    sort: str = "relevance"
    page: int = 1
    selected: dict = field(default_factory=dict)

    @classmethod
    def from_query(cls, query):
        """From a QueryDict (GET parameters); bad values are dropped, never an error."""
        selected = {}
        for facet in FACETS:
            values = facet.parse([value.strip() for value in query.getlist(facet.name) if value.strip()][:50])
            if values:
                selected[facet.name] = tuple(values)
        sort = query.get("sort", "relevance")
        page = query.get("page", "1")
        return cls(
            q=" ".join(query.get("q", "").split())[:MAX_QUERY_LENGTH],
            sort=sort if sort in ("relevance", "date") else "relevance",
            page=int(page) if page.isdecimal() and 0 < int(page) < 100_000 else 1,
            selected=selected,
        )

    def url_values(self, facet_name):
        """The values of a facet as they stand in the URL."""
        values = self.selected.get(facet_name, ())
        facet = FACETS_BY_NAME[facet_name]
        if facet.choices:
            labels = reference.by_pk(facet.choices())
            return [labels[value].value for value in values]
        return [str(value) for value in values]

    def query_string(self, **changes):
        """This search as a URL query, with ``changes`` (a facet name → list of URL values, q, sort, page)."""
        pairs = []
        q = changes.get("q", self.q)
        if q:
            pairs.append(("q", q))
        for facet in FACETS:
            for value in changes.get(facet.name, self.url_values(facet.name)):
                pairs.append((facet.name, value))
        sort = changes.get("sort", self.sort)
        if sort != "relevance":
            pairs.append(("sort", sort))
        page = changes.get("page", 1)
        if page != 1:
            pairs.append(("page", page))
        return urlencode(pairs)

    @property
    def cache_key(self):
        """The same for every search that filters the same way (page and order aside)."""
        return hashlib.md5(
            f"{self.q}|{sorted(self.selected.items())}".encode(), usedforsecurity=False
        ).hexdigest()


def version() -> int:
    """Changes whenever what the public can see changes (an entry published, changed or removed)."""
    return cache.get_or_set(VERSION_KEY, 0, None)


def published_changed():
    """Start the search caches afresh (kept as an integer, so every cache backend can increment it), and
    have the unfiltered figures computed again in the background."""
    from .tasks import warm_search_cache

    try:
        cache.incr(VERSION_KEY)
    except ValueError:  # not there yet, or evicted
        cache.add(VERSION_KEY, 1, None)
    warm_search_cache.delay()


def tags_of(entry) -> str:
    """The facet tokens of ``entry``, as ``search_tags`` keeps them (space-framed)."""
    tokens = [facet.tag(value) for facet in FACETS for value in facet.values_of(entry)]
    return f" {' '.join(tokens)} " if tokens else ""


def filtered(params: SearchParams, *, exclude: str | None = None):
    """Published entries matching the text and every facet choice (but ``exclude``'s).

    On PostgreSQL the text and the facet choices make one tsquery over ``search_vector``, which holds the
    entry's terms and facet tokens: the GIN index alone finds the matching entries, however common the
    words. Elsewhere, the facets are looked up in their own tables; both give the same entries.
    """
    chosen = [(FACETS_BY_NAME[name], values) for name, values in params.selected.items() if name != exclude]
    if connection.vendor == "postgresql":
        query = textquery.tsquery(params.q)
        for facet, values in chosen:
            tokens = SearchQuery(
                " | ".join(facet.tag(value) for value in values), search_type="raw", config="simple"
            )
            query = tokens if query is None else query & tokens
        queryset = Entry.objects.published()
        return queryset.filter(search_vector=query) if query is not None else queryset
    queryset = textquery.match(Entry.objects.published(), params.q)
    for facet, values in chosen:
        queryset = facet.apply(queryset, values)
    return queryset


def figures(params: SearchParams, *, names=None, own_choice_applies=False):
    """(the number of matching entries, {facet name: {database value: count}}), found in one statement and
    cached until the published entries change."""
    names = tuple(names or FACETS_BY_NAME)
    key = f"stocktaking:figures:{version()}:{int(own_choice_applies)}:{','.join(names)}:{params.cache_key}"
    found = cache.get(key)
    if found is None:
        count = _counts_from_arrays if connection.vendor == "postgresql" else _counts_from_links
        found = count(params, names, own_choice_applies)
        cache.set(key, found, CACHE_SECONDS)
    return found


def facet_counts(params: SearchParams, *, names=None, own_choice_applies=False):
    """{facet name: {database value: count}}, as ``figures`` finds them."""
    return figures(params, names=names, own_choice_applies=own_choice_applies)[1]


def _read_counts(cursor, names):
    """(total, counts) from rows of (position, the value if a number, the value if text, the count), the
    total standing at position -1."""
    found, counts = 0, {name: {} for name in names}
    for position, number, text, count in cursor.fetchall():
        value = text if number is None else number
        if position < 0:
            found = count
        elif value not in (None, ""):
            counts[names[position]][value] = count
    return found, counts


def _groups(params: SearchParams, own_choice_applies):
    """The candidate sets the counts need: every choice applied (None), then, unless ``own_choice_applies``,
    every choice but one facet's, for each chosen facet."""
    return [None] if own_choice_applies else [None, *params.selected]


def _candidates(params: SearchParams, groups):
    """The published entries of every group, tagged with the group's position ``branch``: their id and the
    facet columns of the entry itself. Each group is one exact lookup (``filtered``), planned on its own."""
    columns = [Entry._meta.pk.attname, *(facet.column for facet in FACETS if facet.link is None)]
    branches = [
        filtered(params, exclude=exclude)
        .values(*columns, branch=Value(position, output_field=IntegerField()))
        .order_by()
        for position, exclude in enumerate(groups)
    ]
    return branches[0].union(*branches[1:], all=True) if len(branches) > 1 else branches[0]


def _counts_from_links(params: SearchParams, names, own_choice_applies):
    """The figures of ``figures`` on any database, in one statement: the candidates of every group are
    found once, then each facet is counted over its group (the one leaving out its own choice, if chosen),
    joining its link table."""
    groups = _groups(params, own_choice_applies)
    candidates = _candidates(params, groups)
    connection = connections[candidates.db]
    candidates_sql, sql_params = candidates.query.get_compiler(connection=connection).as_sql()
    quote = connection.ops.quote_name
    parts = ["SELECT -1, NULL, NULL, COUNT(*) FROM candidates m WHERE m.branch = 0"]
    for position, name in enumerate(names):
        branch = groups.index(name) if name in groups else 0
        parts.append(FACETS_BY_NAME[name].counted(position, [f"m.branch = {branch:d}"], quote))
    with connection.cursor() as cursor:
        cursor.execute(f"WITH candidates AS ({candidates_sql}) {' UNION ALL '.join(parts)}", sql_params)
        return _read_counts(cursor, names)


def _at_least(groups, needed):
    """A raw tsquery true when at least ``needed`` of ``groups`` (raw tsqueries) are, or None for "always"."""
    if needed == 0:
        return None
    if needed == len(groups):
        return " & ".join(groups)
    return " | ".join(f"({' & '.join(some)})" for some in itertools.combinations(groups, needed))


def _counts_from_arrays(params: SearchParams, names, own_choice_applies):
    """The figures of ``figures`` on PostgreSQL, in one pass over the entry rows.

    One GIN lookup finds the ``candidates``: the published entries matching the text and every chosen
    facet but at most one, each with a flag per chosen facet. Each facet is then counted over the
    candidates whose flags say they meet the other facets' choices (or all of them, if
    ``own_choice_applies``), reading the values from the entry's own columns and arrays (migration 0007).
    """
    quote = connection.ops.quote_name
    table = quote(Entry._meta.db_table)
    chosen = [(FACETS_BY_NAME[name], values) for name, values in params.selected.items()]
    tokens = [f"({' | '.join(facet.tag(value) for value in values)})" for facet, values in chosen]
    needed = len(chosen) if own_choice_applies else max(0, len(chosen) - 1)
    query, facet_query = textquery.tsquery(params.q), _at_least(tokens, needed)
    if facet_query is not None:
        facet_query = SearchQuery(facet_query, search_type="raw", config="simple")
        query = facet_query if query is None else query & facet_query
    flags = {}
    for position, (facet, values) in enumerate(chosen):
        if facet.array:
            # Our own table and column names; the chosen values go as a parameter.
            test = RawSQL(f"{table}.{quote(facet.array)} && %s", (list(values),))  # noqa: S611 - see above
        else:
            test = Q(**{f"{facet.column}__in": values})
        flags[f"chosen_{position}"] = ExpressionWrapper(test, output_field=BooleanField())
    facets = [FACETS_BY_NAME[name] for name in names]
    arrays = {
        facet.array: RawSQL(f"{table}.{quote(facet.array)}", ())  # noqa: S611 - our own names, no value
        for facet in facets
        if facet.array
    }
    columns = [facet.column for facet in facets if not facet.array]
    candidates = Entry.objects.published()
    if query is not None:
        candidates = candidates.filter(search_vector=query)
    candidates = candidates.values(*columns, **arrays, **flags).order_by()
    candidates_sql, sql_params = candidates.query.get_compiler(connection=connection).as_sql()

    def meeting(exclude):
        wanted = [
            f"m.chosen_{position}"
            for position, (facet, _values) in enumerate(chosen)
            if own_choice_applies or facet.name != exclude
        ]
        return f"WHERE {' AND '.join(wanted)}" if wanted else ""

    # Our own column and alias names, no value: the values are in ``sql_params``.
    parts = [f"SELECT -1, NULL, NULL, COUNT(*) FROM candidates m {meeting(None)}"]  # noqa: S608
    for position, facet in enumerate(facets):
        value = "v" if facet.array else f"m.{quote(facet.column)}"
        source = (
            f"candidates m CROSS JOIN unnest(m.{quote(facet.array)}) v" if facet.array else "candidates m"
        )
        number, text = (value, "NULL") if facet.is_number else ("NULL", value)
        parts.append(
            f"SELECT {position}, CAST({number} AS BIGINT), CAST({text} AS VARCHAR(100)), COUNT(*) "  # noqa: S608
            f"FROM {source} {meeting(facet.name)} GROUP BY {value}"
        )
    with connection.cursor() as cursor:
        # MATERIALIZED: the candidates are found once, not once per facet.
        cursor.execute(
            f"WITH candidates AS MATERIALIZED ({candidates_sql}) {' UNION ALL '.join(parts)}", sql_params
        )
        return _read_counts(cursor, names)


def total(params: SearchParams) -> int:
    key = f"stocktaking:total:{version()}:{params.cache_key}"
    count = cache.get(key)
    if count is None:
        count = filtered(params).count()
        cache.set(key, count, CACHE_SECONDS)
    return count


def ordered(params: SearchParams):
    """The matching entries in the order asked for: relevance (title matches first), else newest first."""
    queryset = filtered(params)
    if params.q and params.sort == "relevance":
        return textquery.with_relevance(queryset, params.q).order_by("-relevance", "-published_at", "-pk")
    if params.q or params.selected:
        # Sorting by an expression keeps PostgreSQL from walking the date index and testing each entry's
        # (out-of-line) search vector until it has a page: the GIN index finds the few matches faster.
        newest = Coalesce("published_at", Value(datetime.min.replace(tzinfo=UTC)))
        return queryset.order_by(newest.desc(), "-pk")
    return queryset.order_by("-published_at", "-pk")


def page_of_results(params: SearchParams, page_size=PAGE_SIZE):
    """The entries of the asked page, with what the result list shows, in a fixed number of queries."""
    start = (params.page - 1) * page_size
    return list(
        ordered(params)
        .defer(*UNSHOWN)
        .select_related("organisation")
        .prefetch_related("action_line_links", "country_links")[start : start + page_size]
    )
