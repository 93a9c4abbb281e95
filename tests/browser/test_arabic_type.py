"""Arabic type: the portal's own Arabic face (served from its static files, never from a CDN) draws the Arabic
letters, Latin words keep the system face, and the heading scale is the same in both directions."""

import pytest

pytestmark = pytest.mark.browser


def sizes(page):
    return page.evaluate(
        """() => ({
            h1: parseFloat(getComputedStyle(document.querySelector('h1')).fontSize),
            p: parseFloat(getComputedStyle(document.querySelector('main p')).fontSize),
            html: parseFloat(getComputedStyle(document.documentElement).fontSize),
        })"""
    )


def test_arabic_letters_are_drawn_in_the_portal_s_own_face(page, live_server):
    page.goto("/ar/")
    page.evaluate("document.fonts.ready")
    loaded = page.evaluate(
        "() => [...document.fonts].filter(f => f.status === 'loaded').map(f => [f.family, f.weight])"
    )
    assert ["Portal Arabic", "400"] in loaded
    fonts = page.evaluate(
        "() => performance.getEntriesByType('resource').map(e => e.name).filter(n => n.includes('.woff2'))"
    )
    assert fonts and all(url.startswith(f"{live_server.url}/static/fonts/NotoSansArabic-") for url in fonts)
    # Only Arabic text asks for it: an English page downloads no font at all.
    english = page.context.new_page()
    english.goto("/en/")
    english.evaluate("document.fonts.ready")
    assert not english.evaluate(
        "() => performance.getEntriesByType('resource').filter(e => e.name.includes('.woff2')).length"
    )
    english.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_headings_keep_their_scale_in_arabic(page, width):
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/en/")
    english = sizes(page)
    page.goto("/ar/")
    arabic = sizes(page)
    # The root grows once for Arabic letters; every ratio stays what it is in English (nothing compounds).
    assert arabic["html"] == 17 and english["html"] == 16
    assert arabic["h1"] / arabic["html"] == pytest.approx(english["h1"] / english["html"], abs=0.01)
    assert arabic["p"] / arabic["html"] == pytest.approx(english["p"] / english["html"], abs=0.01)
    assert arabic["h1"] > arabic["p"] * 1.5
