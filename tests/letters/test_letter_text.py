"""An Arabic letter typed as plain text reads right once rendered: web and e-mail addresses, telephone
numbers, references and Latin names keep their own direction (a wrapped address is never drawn
"//:https", a number never "50 53 730 22 41+"), the paragraphs are justified, pdftotext gives every
Arabic word whole and in order, and the closing and signature share their page with the last lines of
the body."""

import re
import subprocess
from itertools import pairwise

import pytest

from wsis_portal.letters import bidi, pdf

from .factories import CircularLetterFactory

pytestmark = pytest.mark.django_db
DIRECTION_MARKS = dict.fromkeys(range(0x202A, 0x202F))
ARABIC_WORD = re.compile(r"[\u0621-\u065F\u0670-\u06D3]+")  # letters and marks, not punctuation
URL = "https://www.itu.int/net4/wsis/forum/2026/ar/HighLevel/Agenda"
PHONE = "+41 22 730 53 50"
PROOF = (
    "ويمكن الاطلاع على جدول أعمال المنتدى والمواضيع المقترحة له في الموقع التالي "
    f"{URL} ويرجى توجيه الأسئلة إلى wsis-info@itu.int أو الاتصال بالسيدة Gitanjali Sah "
    f"على الرقم {PHONE} مع ذكر المرجع CL-26/009."
)
LATIN_B = '<bdi dir="ltr" class="latin">b</bdi>'
FILLER = "ويستند منتدى القمة إلى نتائج الاستعراض الشامل لتنفيذ نواتج القمة."


def page_text(content, page=None):
    """The text poppler extracts, of one page or all, without the direction marks it adds."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    out = subprocess.run(["pdftotext", *pages, "-", "-"], input=content, capture_output=True, check=True)
    return out.stdout.decode().translate(DIRECTION_MARKS)


def words(text):
    """Whitespace-separated words, split also where Arabic meets Latin script: pdftotext puts the space
    between an Arabic word and a Latin one on the Latin one's other side."""
    spaced = re.sub(r"(?<=[\u0600-\u06FF])(?=[A-Za-z+0-9])|(?<=[A-Za-z0-9])(?=[\u0600-\u06FF])", " ", text)
    return spaced.split()


def pages_of(content):
    info = subprocess.run(["pdfinfo", "-"], input=content, capture_output=True, check=True).stdout.decode()
    return int(re.search(r"^Pages:\s+(\d+)$", info, re.M).group(1))


def letter_with(body, **fields):
    return CircularLetterFactory(body_ar=body, addressees=["ministers"], **fields)


def test_an_arabic_letter_keeps_addresses_numbers_references_and_names_in_reading_order():
    content = pdf.render(letter_with("\n\n".join([PROOF] * 3)), "ar")
    text = page_text(content)
    assert "//:https" not in text and "50 53 730 22 41+" not in text
    # The address wraps at a line's end, and reads whole across the break.
    assert not any(URL in line for line in text.splitlines())
    flat = " ".join(words(text))
    assert URL in re.sub(r"\s+", "", flat)
    first = flat.index("التالي")
    order = ["التالي", "https://www.itu.int/", "ويرجى", "wsis-info@itu.int", "بالسيدة", "Gitanjali Sah"]
    order += ["الرقم", PHONE, "المرجع", "CL-26/009"]
    found = [flat.index(piece, first) for piece in order]
    assert found == sorted(found)


def test_pdftotext_gives_the_arabic_words_of_the_body_whole_and_in_order():
    # Kerning (البريد, ويرجى) and marks (ممتناً, القيّمة, بُعد) split words until the letter turned them off.
    body = "\n\n".join(
        [PROOF, "وسأكون ممتناً لو تفضلتم بتأكيد البريد الإلكتروني ويرجى إرسال آرائكم القيّمة عن بُعد مسبقاً."]
    )
    extracted = ARABIC_WORD.findall(page_text(pdf.render(letter_with(body), "ar")))
    expected = ARABIC_WORD.findall(body)
    assert " ".join(expected) in " ".join(extracted)


@pytest.mark.parametrize("fillers", [9, 13])
def test_the_closing_and_signature_share_the_page_of_the_last_paragraph(fillers):
    """Nine and thirteen paragraphs after the first fill page 1 just short of room for the closing."""
    letter = letter_with("\n\n".join([PROOF] + [FILLER] * fillers), signatory_name_ar="دورين بوغدان-مارتن")
    content = pdf.render(letter, "ar")
    assert pages_of(content) == 2
    last = page_text(content, 2)
    assert "دورين بوغدان-مارتن" in last
    closing = "وتفضلوا، صاحب المعالي / صاحبة المعالي، بقبول فائق التقدير والاحترام."
    # pdftotext moves an Arabic comma across its space: the words are compared.
    assert " ".join(ARABIC_WORD.findall(closing)) in " ".join(ARABIC_WORD.findall(last))
    assert FILLER in " ".join(last.split())  # the end of the body came with them
    assert "دورين" not in page_text(content, 1)


def test_a_one_page_letter_keeps_its_signature_on_it():
    content = pdf.render(letter_with("\n\n".join([PROOF] + [FILLER] * 5)), "ar")
    assert pages_of(content) == 1


def test_arabic_paragraphs_are_justified_and_addresses_isolated_in_the_html():
    html = pdf.render_html(letter_with(PROOF), "ar")
    assert ".body p { margin-block: 0 3mm; text-align: justify; }" in html
    assert (
        '<bdi dir="ltr" class="url"><span class="host">https://www.itu.int</span>'
        "/net4/wsis/forum/2026/ar/HighLevel/Agenda</bdi>"
    ) in html
    assert f'<bdi dir="ltr" class="phone">{PHONE}</bdi>' in html
    assert '<bdi dir="ltr" class="latin">Gitanjali Sah</bdi>' in html


def test_fields_the_secretariat_types_are_isolated_too():
    letter = letter_with(
        "نص.",
        subject_ar="دعوة إلى منتدى القمة (WSIS) لعام 2026، الهاتف +41 22 730 53 50",
        contact_name_ar="السيدة Gitanjali Sah",
    )
    html = pdf.render_html(letter, "ar")
    assert (
        '<p class="subject">الموضوع: دعوة إلى منتدى القمة (<bdi dir="ltr" class="latin">WSIS</bdi>) لعام '
        '2026، الهاتف <bdi dir="ltr" class="phone">+41 22 730 53 50</bdi></p>'
    ) in html
    assert '<td>السيدة <bdi dir="ltr" class="latin">Gitanjali Sah</bdi></td>' in html


def test_the_english_letter_isolates_arabic_names_right_to_left():
    letter = CircularLetterFactory(body_en="Please write to سالم الهنائي at wsis-info@itu.int.")
    html = pdf.render_html(letter, "en")
    assert (
        '<p>Please write to <bdi dir="rtl">سالم الهنائي</bdi> at '
        '<bdi dir="ltr" class="email">wsis-info@itu.int</bdi>.</p>'
    ) in html


@pytest.mark.parametrize(
    "text, expected",
    [
        ("الرقم +41 22 730 53 50.", 'الرقم <bdi dir="ltr" class="phone">+41 22 730 53 50</bdi>.'),
        ("الرقم +41227305350", 'الرقم <bdi dir="ltr" class="phone">+41227305350</bdi>'),
        ("الرقم 022 730 5350", 'الرقم <bdi dir="ltr" class="phone">022 730 5350</bdi>'),
        ("عام 2026 و70/125", "عام 2026 و70/125"),  # one number, or digits a slash holds together
        ("المرجع CL-26/009 Corr.1،", 'المرجع <bdi dir="ltr" class="latin">CL-26/009 Corr.1</bdi>،'),
        ("والرمز WSIS-2026-HLT", 'والرمز <bdi dir="ltr" class="latin">WSIS-2026-HLT</bdi>'),
        ("القمة (WSIS+20)", 'القمة (<bdi dir="ltr" class="latin">WSIS+20</bdi>)'),
        (
            "الموقع www.wsis.org/prizes، ثم",
            'الموقع <bdi dir="ltr" class="url"><span class="host">www.wsis.org</span>/prizes</bdi>، ثم',
        ),
        (
            "راسلوا Leila wsis-info@itu.int",
            'راسلوا <bdi dir="ltr" class="latin">Leila</bdi> '
            '<bdi dir="ltr" class="email">wsis-info@itu.int</bdi>',
        ),
        (
            "<b>نص</b> & **x**",
            f'&lt;{LATIN_B}&gt;نص&lt;/{LATIN_B}&gt; &amp; **<bdi dir="ltr" class="latin">x</bdi>**',
        ),
    ],
)
def test_runs_are_isolated_in_arabic_text_and_everything_is_escaped(text, expected):
    assert bidi.isolate(text, rtl=True) == expected


def test_bold_is_only_made_where_asked():
    assert bidi.isolate("**مهم** CL-26/009", rtl=True, bold=True) == (
        '<strong>مهم</strong> <bdi dir="ltr" class="latin">CL-26/009</bdi>'
    )


def word_boxes(content):
    """(line's top, left, right, word) of every word of page 1, as poppler places them."""
    out = subprocess.run(
        ["pdftotext", "-bbox", "-f", "1", "-l", "1", "-", "-"], input=content, capture_output=True
    )
    found = re.findall(
        r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        out.stdout.decode(),
    )
    return [(round(float(top)), float(left), float(right), word) for left, top, right, word in found]


def test_justifying_a_line_never_spreads_a_telephone_number():
    body = (
        "Questions go to wsis-info@itu.int or to Ms Gitanjali Sah at +41 22 730 53 50, quoting CL-26/009. "
        * 4
    )
    boxes = word_boxes(pdf.render(CircularLetterFactory(body_en=body), "en"))
    lines = {}
    for top, left, right, word in sorted(boxes):
        lines.setdefault(top, []).append((left, right, word))
    # The gap after each word of the lines where the body's number is whole.
    gaps = [
        {word: after[0] - right for (_, right, word), after in pairwise(line)}
        for line in lines.values()
        if [word for *_, word in line].count("730") == 1 and "Telephone" not in [word for *_, word in line]
    ]
    number = ("+41", "22", "730", "53")
    inside = [max(gap.pop(word) for word in number) for gap in gaps]
    between = [min(gap.values()) for gap in gaps]
    assert all(a <= b + 0.01 for a, b in zip(inside, between, strict=True))
    assert any(a < b - 1 for a, b in zip(inside, between, strict=True))  # a line widened, but not the number
