"""The Arabic catalogue is complete, compiled, has Arabic's six plural forms, and covers every string in
the code (a string added without its translation fails here)."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
PO = ROOT / "locale" / "ar" / "LC_MESSAGES" / "django.po"
ARABIC_PLURALS = (
    "nplurals=6; plural=n==0 ? 0 : n==1 ? 1 : n==2 ? 2 : n%100>=3 && n%100<=10 ? 3 "
    ": n%100>=11 && n%100<=99 ? 4 : 5;"
)


def test_catalogue_declares_six_arabic_plural_forms():
    header = PO.read_text().split("\n\n", 1)[0].replace('"\n"', "")
    assert f"Plural-Forms: {ARABIC_PLURALS}\\n" in header
    assert "#, fuzzy" not in header


def test_catalogue_has_no_untranslated_or_fuzzy_entry():
    result = subprocess.run(
        ["msgfmt", "--check", "--statistics", "-o", "/dev/null", str(PO)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "untranslated" not in result.stderr
    assert "fuzzy" not in result.stderr


def test_catalogue_is_compiled():
    with translation.override("ar"):
        assert translation.gettext("Skip to main content") == "الانتقال إلى المحتوى الرئيسي"


def test_arabic_plural_forms_are_chosen_by_count():
    with translation.override("ar"):
        forms = [
            translation.ngettext("%(count)d focal point confirmed.", "%(count)d focal points confirmed.", n)
            % {"count": n}
            for n in (1, 2, 5, 11, 100)
        ]
    assert forms == [
        "أُكِّدت جهة تنسيق واحدة (1).",
        "أُكِّدت جهتا تنسيق (2).",
        "أُكِّدت 5 جهات تنسيق.",
        "أُكِّدت 11 جهة تنسيق.",
        "أُكِّدت 100 جهة تنسيق.",
    ]


@pytest.mark.slow
def test_every_string_in_the_code_is_in_the_catalogue(tmp_path):
    copy = tmp_path / "portal"
    shutil.copytree(
        ROOT,
        copy,
        ignore=shutil.ignore_patterns(
            ".venv", "node_modules", "var", ".git", "*.mo", "staticfiles", "__pycache__", ".*cache"
        ),
    )
    subprocess.run(
        [
            sys.executable,
            "manage.py",
            "makemessages",
            "-l",
            "ar",
            "--ignore=tests",
            "--ignore=bench",
            "-v",
            "0",
        ],
        cwd=copy,
        check=True,
    )
    fresh = copy / "locale" / "ar" / "LC_MESSAGES" / "django.po"
    result = subprocess.run(["msgcmp", str(PO), str(fresh)], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
