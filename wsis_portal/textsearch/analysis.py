"""Text analysis shared by every search of the portal: one function turns text into search terms, and the
same function is applied to documents and to queries, so a query matches whatever the spelling variant.

Arabic: diacritics and tatweel removed; أ إ آ ٱ read as ا; ى as ي; ة as ه; the letters that Persian and
Urdu keyboards type for Arabic ones (ک ی ے ہ ھ ۃ …) read as those; the article and the particles joined to
it (ال، وال، فال، بال، كال، لل) removed; then the Snowball Arabic stemmer, the one PostgreSQL ships. Other
scripts: lower case and the Snowball English stemmer; a hyphenated compound ("e-government") is also one
word, so that it and its joined spelling ("egovernment") find each other. A few very common words are
dropped. Because the terms are computed here, SQLite and PostgreSQL compare the very same terms.
"""

import re
import unicodedata
from functools import lru_cache

import snowballstemmer
from pyarabic import araby

ARABIC_STEMMER = snowballstemmer.stemmer("arabic")
ENGLISH_STEMMER = snowballstemmer.stemmer("english")

# Runs of Arabic letters, runs of other letters (joined by hyphens or not), runs of digits: a change of
# script starts a new token. Arabic runs take their diacritics (U+064B-U+065F, U+0670) along, so a shadda
# does not split a word.
ARABIC_RUN = r"[\u0621-\u065F\u066E-\u06D3\u06FA-\u06FF]+"
LETTERS = r"[^\W\d_\u0600-\u06FF]+"
HYPHEN = re.compile(r"[-\u2010]")  # NFKC has read the non-breaking hyphen U+2011 as U+2010
TOKEN = re.compile(rf"{ARABIC_RUN}|{LETTERS}(?:{HYPHEN.pattern}{LETTERS})*|[0-9]+")
# A soft hyphen only marks where a word may break: "e\u00adgovernment" is "egovernment".
INVISIBLE = str.maketrans({"\N{SOFT HYPHEN}": None})
# Arabic-Indic and Persian digits read as 0-9.
DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
ARABIC_LETTER = re.compile(r"[\u0621-\u064A\u066E-\u06D3\u06FA-\u06FF]")
# Tashkeel, shadda, the other combining marks and the superscript (dagger) alef: pyarabic's strip_tashkeel
# leaves U+0653-U+065F and U+0670 in place, and its normalize_alef would turn U+0670 into a full alef.
DIACRITICS = re.compile(r"[\u064B-\u065F\u0670]")
# The Arabic-script letters of Persian and Urdu keyboards read as the Arabic letters they stand for (names
# from unicodedata; pyarabic has none of them). Letters of their own, such as گ, پ, ٹ, keep their terms.
# NFKC has already turned presentation forms into these letters, and ٸ into ي + high hamza (read as ئ).
PERSIAN_AND_URDU_LETTERS = str.maketrans(
    {
        "\N{ARABIC LETTER KEHEH}": "ك",
        "\N{ARABIC LETTER FARSI YEH}": "ي",
        "\N{ARABIC LETTER YEH BARREE}": "ي",
        "\N{ARABIC LETTER YEH BARREE WITH HAMZA ABOVE}": "ئ",
        "\N{ARABIC LETTER HIGH HAMZA YEH}": "ئ",
        "\N{ARABIC LETTER HEH GOAL}": "ه",
        "\N{ARABIC LETTER HEH GOAL WITH HAMZA ABOVE}": "ه",
        "\N{ARABIC LETTER HEH DOACHASHMEE}": "ه",
        "\N{ARABIC LETTER HEH WITH YEH ABOVE}": "ه",
        "\N{ARABIC LETTER TEH MARBUTA GOAL}": "ة",
    }
)
HIGH_HAMZA_YEH = "ي\N{ARABIC LETTER HIGH HAMZA}"
ARTICLES = ("وال", "فال", "بال", "كال", "لل", "ال")
MINIMUM_STEM = 2

# "s" and "t" are what an apostrophe leaves of "children's" and "don't" (PostgreSQL's list drops them too).
ENGLISH_STOP_WORDS = frozenset(
    """a an and are as at be by for from has in is it its of on or s t that the this to was were
    with""".split()  # noqa: SIM905
)
# Written as they are after normalisation (إلى → الي, على → علي).
ARABIC_STOP_WORDS = frozenset(
    """في من علي الي عن مع او ثم هذا هذه ذلك تلك التي الذي الذين ان و""".split()  # noqa: SIM905
)


def normalise_arabic(word: str) -> str:
    """Remove diacritics and tatweel and unify the letters that are written several ways, Persian and Urdu
    letters included."""
    word = DIACRITICS.sub("", word).translate(PERSIAN_AND_URDU_LETTERS).replace(HIGH_HAMZA_YEH, "ئ")
    # ى first: pyarabic's normalize_alef would read it as ا.
    word = araby.strip_tatweel(word).replace("ى", "ي")
    return araby.normalize_teh(araby.normalize_ligature(araby.normalize_alef(word)))


def strip_articles(word: str) -> str:
    """Remove the article and the particles joined to it, as often as they stand at the start."""
    stripped = True
    while stripped:
        stripped = False
        for article in ARTICLES:
            if word.startswith(article) and len(word) - len(article) >= MINIMUM_STEM:
                word, stripped = word[len(article) :], True
                break
    return word


@lru_cache(maxsize=100_000)
def term(token: str) -> str | None:
    """The search term of one token, or None for a word too common to search for."""
    if token.isdigit():
        return token
    if ARABIC_LETTER.search(token):
        word = normalise_arabic(token)
        if word in ARABIC_STOP_WORDS:
            return None
        return ARABIC_STEMMER.stemWord(strip_articles(word))
    word = token.lower()
    if word in ENGLISH_STOP_WORDS:
        return None
    return ENGLISH_STEMMER.stemWord(word)


def terms(text: str, *, query: bool = False) -> list[str]:
    """The search terms of ``text``, in order, with repetitions.

    A hyphenated compound gives the term of its joined spelling; in a document (not a ``query``) the terms
    of its parts too, so that "e-government" is found by "egovernment", "e-government" and "government",
    while a query for "e-government" finds "egovernment" as well.
    """
    text = unicodedata.normalize("NFKC", text or "").translate(DIGITS).translate(INVISIBLE)
    found = []
    for token in TOKEN.findall(text):
        parts = HYPHEN.split(token)
        if len(parts) > 1 and not query:
            found += map(term, parts)
        found.append(term("".join(parts)))
    return [t for t in found if t]


def document(text: str) -> str:
    """Terms as stored for matching: unique, space-separated and space-framed (" t1 t2 ")."""
    unique = dict.fromkeys(terms(text))
    return f" {' '.join(unique)} " if unique else ""
