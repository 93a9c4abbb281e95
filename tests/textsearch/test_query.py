"""Matching and ranking on a real model (stocktaking entries): PostgreSQL (tsvector kept by a trigger) and
SQLite (LIKE on the stored terms) return the same rows in the same order of relevance."""

import pytest

from stocktaking.models import Entry
from stocktaking.services import refresh_search_document
from tests.stocktaking.factories import EntryFactory
from wsis_portal.textsearch.query import match, with_relevance

pytestmark = pytest.mark.django_db


def titles(queryset):
    return sorted(queryset.values_list("title", flat=True))


def ranked(text):
    queryset = with_relevance(match(Entry.objects.all(), text), text)
    return list(queryset.order_by("-relevance", "title").values_list("title", flat=True))


@pytest.fixture
def entries():
    EntryFactory(title="Digital library for rural schools", description="Books on tablets.")
    EntryFactory(title="Rural clinics online", description="Telemedicine and a small library of guides.")
    EntryFactory(title="Coding clubs", description="Young people learn to program.")
    EntryFactory(title="مكتبة رقمية للقرى", description="حافلات مجهزة بالحواسيب.")


def test_every_term_is_required(entries):
    assert titles(match(Entry.objects.all(), "rural library")) == [
        "Digital library for rural schools",
        "Rural clinics online",
    ]
    assert titles(match(Entry.objects.all(), "rural library programming")) == []


def test_a_term_may_stand_in_the_title_or_in_the_body(entries):
    assert titles(match(Entry.objects.all(), "clinics guides")) == ["Rural clinics online"]


def test_variant_spellings_and_stems_match_in_the_database(entries):
    assert titles(match(Entry.objects.all(), "المكتبه الرقميه")) == ["مكتبة رقمية للقرى"]
    assert titles(match(Entry.objects.all(), "libraries")) == [
        "Digital library for rural schools",
        "Rural clinics online",
    ]


def test_query_without_a_term_keeps_every_row(entries):
    assert match(Entry.objects.all(), "the of في").count() == 4


def test_match_composes_with_other_filters(entries):
    assert titles(match(Entry.objects.filter(title__startswith="Rural"), "library")) == [
        "Rural clinics online"
    ]


def test_title_match_ranks_above_a_body_only_match(entries):
    assert ranked("library") == ["Digital library for rural schools", "Rural clinics online"]


def test_title_match_ranks_above_a_body_only_match_however_far_apart_its_terms_are(db):
    EntryFactory(title="x", description="A rural library on wheels.")
    long_title = (
        "Rural connectivity programme bringing solar power, community networks, mobile phones, "
        "tablets, laptops and teacher training to schools, clinics, markets, farms and the public library"
    )
    EntryFactory(title=long_title, description="x")
    assert ranked("rural library") == [long_title, "x"]


def test_more_terms_in_the_title_rank_higher(db):
    EntryFactory(title="Rural library", description="x")
    EntryFactory(title="Rural network", description="A library.")
    EntryFactory(title="Network", description="A rural library.")
    assert ranked("rural library") == ["Rural library", "Rural network", "Network"]


def test_relevance_is_zero_without_a_term(entries):
    assert set(with_relevance(Entry.objects.all(), "the").values_list("relevance", flat=True)) == {0.0}


def test_search_terms_follow_a_change_of_the_text(db):
    entry = EntryFactory(title="Coding clubs")
    entry.title = "Robotics clubs"
    entry.save()
    refresh_search_document(entry)
    assert titles(match(Entry.objects.all(), "robotics")) == ["Robotics clubs"]
    assert titles(match(Entry.objects.all(), "coding")) == []


@pytest.fixture
def spelled_variously(db):
    EntryFactory(title="مكتبة رقمية للقرى", description="حافلات مجهزة بالحواسيب.")
    EntryFactory(title="شبكة المعلومات", description="مدرسة في كل قرية.")
    EntryFactory(title="E-government services", description="One multistakeholder platform.")
    EntryFactory(title="eGovernment for cities", description="A multi-stakeholder board.")
    EntryFactory(title="Government archives", description="Records kept for everyone.")


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("مکتبة رقمیة", ["مكتبة رقمية للقرى"]),  # keheh, farsi yeh
        ("شبکہ", ["شبكة المعلومات"]),  # keheh, heh goal
        ("مدرسۃ", ["شبكة المعلومات"]),  # teh marbuta goal, in the body
        ("مدرسھ قریے", ["شبكة المعلومات"]),  # heh doachashmee, farsi yeh, yeh barree
    ],
)
def test_arabic_typed_on_persian_and_urdu_keyboards_matches_in_the_database(spelled_variously, query, found):
    assert titles(match(Entry.objects.all(), query)) == found


@pytest.mark.parametrize(
    ("query", "found"),
    [
        ("e-government", ["E-government services", "eGovernment for cities"]),
        ("egovernment", ["E-government services", "eGovernment for cities"]),
        ("government", ["E-government services", "Government archives"]),
        ("multi-stakeholder", ["E-government services", "eGovernment for cities"]),
        ("multistakeholder", ["E-government services", "eGovernment for cities"]),
    ],
)
def test_hyphenated_and_joined_compounds_match_in_the_database(spelled_variously, query, found):
    assert titles(match(Entry.objects.all(), query)) == found


def test_a_joined_query_ranks_the_hyphenated_title_above_the_body(db):
    EntryFactory(title="x", description="A multistakeholder forum.")
    EntryFactory(title="Multi-stakeholder forum", description="x")
    assert ranked("multistakeholder") == ["Multi-stakeholder forum", "x"]
