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
]

hostile_text = st.one_of(
    st.text(max_size=80),
    st.text(alphabet=st.sampled_from(list(ARABIC) + [" ", "A", "z", "1"]), max_size=80),
    st.lists(st.sampled_from(TRICKS + list(ARABIC[:10]) + ["CL-22/009", "WSIS"]), max_size=20).map("".join),
    st.integers(min_value=1_000, max_value=20_000).map(lambda n: "ب" * n),
)
