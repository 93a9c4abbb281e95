"""Text analysis: each normalisation, on its own, lets a query find a document spelled differently; the
same function reads documents and queries, so both backends compare the very same terms."""

import pytest

from wsis_portal.textsearch.analysis import document, terms


def finds(query, text):
    """True when every term of ``query`` stands in the stored document of ``text``."""
    stored = document(text)
    return all(f" {term} " in stored for term in terms(query))


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("أمن", "امن"),  # hamza above
        ("امن", "أمن"),
        ("إدارة", "ادارة"),  # hamza below
        ("آفاق", "افاق"),  # madda
        ("كتاب", "ٱلكتاب"),  # alef wasla (and the article)
    ],
)
def test_alef_with_hamza_or_madda_reads_as_bare_alef(query, text):
    assert finds(query, text)


@pytest.mark.parametrize(("query", "text"), [("مستشفى", "مستشفي"), ("مبني", "مبنى")])
def test_alef_maqsura_reads_as_ya(query, text):
    assert finds(query, text)


@pytest.mark.parametrize(("query", "text"), [("مدرسة", "مدرسه"), ("شبكه", "شبكة")])
def test_ta_marbuta_reads_as_ha(query, text):
    assert finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("كتاب", "كِتَابٌ"),  # fatha, kasra, dammatan
        ("مدرب", "مُدَرِّبٌ"),  # shadda with kasra
        ("مدرّب", "مدرب"),  # shadda alone, in the query
        ("امن", "أَمْن"),  # sukun
    ],
)
def test_diacritics_are_ignored(query, text):
    assert finds(query, text)


def test_superscript_alef_is_ignored_like_the_other_diacritics():
    assert terms("الرحمٰن") == terms("الرحمن") == ["رحم"]


def test_superscript_alef_on_a_stop_word_still_drops_it():
    assert terms("هٰذا") == []


@pytest.mark.parametrize(("query", "text"), [("كتاب", "كتـــاب"), ("مكتـبة", "مكتبة")])
def test_tatweel_is_ignored(query, text):
    assert finds(query, text)


@pytest.mark.parametrize("text", ["الكتاب", "والكتاب", "فالكتاب", "بالكتاب", "كالكتاب", "للكتاب"])
def test_article_and_particles_joined_to_it_are_removed(text):
    assert terms(text) == ["كتاب"]
    assert finds("كتاب", text)


def test_article_is_kept_when_too_little_would_be_left():
    assert terms("الو") == ["الو"]


def test_different_words_do_not_match():
    assert not finds("كتاب", "مكتب")
    assert not finds("library", "liberty")


@pytest.mark.parametrize(("query", "text"), [("٢٠٢٦", "2026"), ("2026", "٢٠٢٦"), ("۲۰۲۶", "2026")])
def test_arabic_indic_and_persian_digits_read_as_ascii(query, text):
    assert terms(query) == ["2026"]
    assert finds(query, text)


@pytest.mark.parametrize(
    ("query", "text"),
    [
        ("libraries", "library"),
        ("library", "libraries"),
        ("connected", "connecting"),
        ("Connecting", "CONNECTED"),
    ],
)
def test_english_words_are_stemmed_and_lower_cased(query, text):
    assert finds(query, text)


def test_english_stop_words_are_dropped():
    assert terms("the library of the city") == ["librari", "citi"]
    assert finds("library of the city", "city library")


@pytest.mark.parametrize("query", ["children's education", "children’s education"])
def test_possessive_does_not_leave_a_term_the_document_must_hold(query):
    assert terms(query) == ["children", "educ"]
    assert finds(query, "Education for children")


def test_arabic_stop_words_are_dropped_after_normalisation():
    assert terms("في المكتبة على الطاولة إلى") == ["مكتب", "طاول"]
    assert finds("المكتبة في المدينة", "مدينة المكتبة")


def test_query_of_stop_words_only_has_no_term():
    assert terms("the of and في على") == []


@pytest.mark.parametrize(("query", "text"), [("ict", "ICTالرقمية"), ("رقمية", "ICTالرقمية")])
def test_change_of_script_inside_a_token_starts_a_new_term(query, text):
    assert terms("ICTالرقمية") == ["ict", "رقم"]
    assert finds(query, text)


def test_digits_inside_a_word_start_a_new_term():
    assert terms("COVID19 رقم٢٠٢٦") == ["covid", "19", "رقم", "2026"]


def test_presentation_forms_and_ligatures_are_unified():
    assert terms("ﻻ ﺍﻟﻜﺘﺎﺏ") == terms("لا الكتاب") == ["لا", "كتاب"]


def test_document_holds_unique_terms_framed_by_spaces():
    assert document("Libraries, library and LIBRARY of books") == " librari book "


def test_document_of_nothing_searchable_is_empty():
    assert (document("the of"), document(""), document(None)) == ("", "", "")
