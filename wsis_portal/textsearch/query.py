"""Matching search terms on PostgreSQL (full-text search, GIN index) or SQLite (LIKE); ranking them the
same way on both.

A model searched this way keeps ``search_title`` and ``search_body`` (the terms of ``analysis.document``)
and, on PostgreSQL, ``search_vector``: a tsvector that a trigger builds from those columns (and from
``search_tags``, filter tokens, when the model has them) with the ``simple`` configuration, so that it
holds exactly the terms computed in Python.
"""

from django.contrib.postgres.search import SearchQuery
from django.db import connection
from django.db.models import Case, FloatField, IntegerField, Q, Value, When
from django.db.models.functions import Cast

from .analysis import terms


def query_terms(text: str) -> list[str]:
    """The distinct terms of a query, in the order typed."""
    return list(dict.fromkeys(terms(text, query=True)))


def _postgresql() -> bool:
    return connection.vendor == "postgresql"


def tsquery(text: str):
    """PostgreSQL: the SearchQuery requiring every term of ``text``, or None when it has none."""
    wanted = query_terms(text)
    return SearchQuery(" ".join(wanted), config="simple") if wanted else None


def match(queryset, text: str):
    """Rows whose title or body holds every term of ``text`` (all rows when ``text`` has none)."""
    wanted = query_terms(text)
    if not wanted:
        return queryset
    if _postgresql():
        return queryset.filter(search_vector=SearchQuery(" ".join(wanted), config="simple"))
    condition = Q()
    for term in wanted:
        condition &= Q(search_title__contains=f" {term} ") | Q(search_body__contains=f" {term} ")
    return queryset.filter(condition)


def with_relevance(queryset, text: str):
    """Annotate ``relevance`` on rows that ``match`` ``text``: 2 for each term in the title, 1 for each
    term only in the body.

    A matching row holds every term in its title or its body, so only the short title is read: the body
    (long, kept out of line by PostgreSQL) would be read for every match only to learn what is known.
    The same expression on both backends, so results come in the same order. PostgreSQL's ``ts_rank``
    is not used: for several terms it rewards their proximity so much that a body-only match with the
    terms side by side outranks a title that holds them far apart.
    """
    wanted = query_terms(text)
    score = Value(0, output_field=IntegerField())
    for term in wanted:
        score = score + Case(
            When(search_title__contains=f" {term} ", then=Value(2)),
            default=Value(1),
            output_field=IntegerField(),
        )
    return queryset.annotate(relevance=Cast(score, FloatField()))


def trigger_sql(table: str, tags: bool = False) -> tuple[str, str]:
    """SQL creating (and dropping) the PostgreSQL trigger that keeps ``search_vector`` of ``table``, and its
    GIN index. With ``tags``, the ``search_tags`` column (filter tokens) goes into the vector too."""
    function = f"{table}_search_vector"
    tag_part = "|| setweight(to_tsvector('simple', coalesce(NEW.search_tags, '')), 'D')" if tags else ""
    columns = "search_title, search_body, search_tags" if tags else "search_title, search_body"
    # ``table`` comes from the migration, never from input.
    create = f"""
        CREATE OR REPLACE FUNCTION {function}() RETURNS trigger AS $$
        BEGIN
            NEW.search_vector :=
                setweight(to_tsvector('simple', coalesce(NEW.search_title, '')), 'A') ||
                setweight(to_tsvector('simple', coalesce(NEW.search_body, '')), 'B') {tag_part};
            RETURN NEW;
        END $$ LANGUAGE plpgsql;
        DROP TRIGGER IF EXISTS {function} ON {table};
        CREATE TRIGGER {function} BEFORE INSERT OR UPDATE OF {columns} ON {table}
            FOR EACH ROW EXECUTE FUNCTION {function}();
        CREATE INDEX IF NOT EXISTS {table}_search_gin ON {table} USING gin (search_vector);
        UPDATE {table} SET search_title = search_title;
    """
    drop = f"""
        DROP INDEX IF EXISTS {table}_search_gin;
        DROP TRIGGER IF EXISTS {function} ON {table};
        DROP FUNCTION IF EXISTS {function}();
    """
    return create, drop
