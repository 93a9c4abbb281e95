"""Benchmark of the circular letter PDF. Run on demand, never as tests:

    .venv/bin/python bench/letters.py [--runs 10] [--out /tmp/letter-ar.pdf]

Renders a two-page Arabic circular letter (unsaved; the migrated database gives the letterhead) once
to warm WeasyPrint and its fonts up, then --runs times, and prints the warm time per PDF (median and
max, goal <= 0.5 s), its page count and size.
"""

import argparse
import os
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

PARAGRAPH = (
    "ندعوكم إلى المشاركة في **منتدى القمة العالمية لمجتمع المعلومات** لعام 2026 في جنيف، "
    "بما في ذلك عملية المشاورة المفتوحة ومنصة تقييم تنفيذ نواتج القمة وجوائز القمة. "
    "وتتاح الاستمارات على البوابة حتى الموعد النهائي المبيّن في الجدول الزمني للمنتدى."
)


def letter():
    from wsis_portal.letters.models import CircularLetter

    body = "\n\n".join(
        [PARAGRAPH] * 6
        + ["- الحكومات\n- القطاع الخاص\n- المجتمع المدني\n- الهيئات الأكاديمية/المجتمع التقني"]
        + [PARAGRAPH] * 6
    )
    return CircularLetter(
        reference="CL-26/001",
        date=date(2026, 1, 15),
        addressees=["stakeholders", "governments", "private_sector", "civil_society"],
        contact_name="Leila Haddad",
        contact_phone="+41 22 555 0100",
        contact_email="wsis-contact@example.org",
        subject_ar="منتدى القمة العالمية لمجتمع المعلومات لعام 2026: دعوة إلى تقديم مساهمات",
        subject_en="WSIS Forum 2026: call for contributions",
        body_ar=body,
        body_en="Placeholder.",
        signatory_name="Amina Diallo",
        signatory_title_ar="الأمينة العامة",
        signatory_title_en="Secretary-General",
    )


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--out", default="")
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "wsis_portal.settings")
    import django

    django.setup()
    from wsis_portal.letters import pdf

    sample = letter()
    content = pdf.render(sample, "ar")
    times = []
    for _run in range(args.runs):
        start = time.perf_counter()
        content = pdf.render(sample, "ar")
        times.append(time.perf_counter() - start)
    if args.out:
        Path(args.out).write_bytes(content)
    from weasyprint import HTML

    pages = len(HTML(string=pdf.render_html(sample, "ar")).render().pages)
    print(f"Arabic letter PDF, {pages} pages, {len(content) / 1024:.0f} KiB")
    print(
        f"warm render over {args.runs} runs: median {statistics.median(times):.3f} s, "
        f"max {max(times):.3f} s (goal <= 0.5 s)"
    )


if __name__ == "__main__":
    main()
