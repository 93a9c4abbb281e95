"""A plain-text mail is not HTML: every mail template in text turns autoescaping off, so that a title or a
comment with an apostrophe or an ampersand reaches the reader as typed (not as ``&#x27;`` or ``&amp;``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_every_plain_text_mail_template_turns_autoescaping_off():
    templates = [
        path
        for path in ROOT.glob("**/email/*.txt")
        if ".venv" not in path.parts and "node_modules" not in path.parts
    ]
    assert len(templates) > 40
    escaping = [
        str(path.relative_to(ROOT)) for path in templates if "{% autoescape off %}" not in path.read_text()
    ]
    assert escaping == []
