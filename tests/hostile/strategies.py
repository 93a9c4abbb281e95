"""Text an attacker or a careless paste may send: any Unicode (control and zero-width characters, NUL,
lone direction marks), Arabic with its marks, mixed directions, and very long strings."""

from hypothesis import strategies as st

ARABIC = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىيًٌٍَُِّْـ٠١٢٣٤٥٦٧٨٩،؛؟"
TRICKS = [
    "\u200b",
    "\u200c",
    "\u200d",
    "\u200e",
    "\u200f",
    "\u202a",
    "\u202b",
    "\u202e",
    "\u2066",
    "\u2069",
    "\ufeff",
    "\x00",
    "\r\n",
    "\t",
    "%",
    "_",
    "'",
    '"',
    "\\",
    "<script>",
    "{{",
    "{%",
    "&#0;",
    "../",
    # Digits to str.isdigit() that int() refuses, and Arabic-Indic digits that it takes.
    "²",
    "¹",
    "٣",
]

hostile_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(list(ARABIC) + [" ", "A", "z", "1"]), max_size=80),
    st.lists(st.sampled_from(TRICKS + list(ARABIC[:10]) + ["CL-22/009", "WSIS"]), max_size=20).map("".join),
    st.integers(min_value=1_000, max_value=20_000).map(lambda n: "ب" * n),
)

# A "word" as a reader counts them (no space inside), hostile all the same: Arabic with its marks, direction
# and zero-width characters, NUL, markup, any other character that is not a space.
_word_character = st.one_of(
    st.sampled_from([c for c in ARABIC + "".join(TRICKS) if not c.isspace()]),
    st.characters(exclude_categories=("Cs",)).filter(lambda c: not c.isspace()),
)
_word = st.text(alphabet=_word_character, min_size=1, max_size=12)


def hostile_words(min_words, max_words):
    """From ``min_words`` to ``max_words`` hostile words, separated by a space."""
    return st.lists(_word, min_size=min_words, max_size=max_words).map(" ".join)


# Addresses a sign-up or a form may be given: valid ones, international ones (Arabic local part or domain),
# valid-looking ones with a trick inside, and any hostile text.
hostile_email = st.one_of(
    st.emails(),
    st.sampled_from(
        [
            "أمينة@مثال.مصر",
            "amina@مثال.مصر",
            "amina\u200b@example.org",
            "amina@example.org\x00",
            "\u202eamina@example.org",
            "amina@example.org\r\nBcc: all@example.org",
            f"{'a' * 300}@example.org",
            "amina@" + "a" * 300 + ".org",
            '"amina doe"@example.org',
            "amina@[127.0.0.1]",
        ]
    ),
    hostile_text,
)

# What a text box lets through to the services: anything but NUL (Django's CharField refuses it, and
# PostgreSQL would), without the spaces around it (``form_text``) or with them, for a service that strips
# them itself. The caller cuts it to the field's length.
without_nul = hostile_text.map(lambda text: text.replace("\x00", ""))
form_text = without_nul.map(str.strip)
