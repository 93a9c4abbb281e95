"""A crawl of every page reachable from the home page, measured as an Arabic and an English reader see it.

Pages are visited once per pattern (numbers in the path read as one page: one entry stands for all entries),
in Arabic and in English, at a desktop width and at a phone's; each visit is measured in the browser and the
measures are checked against the portal's rules for both directions (see ``Rules``).
"""

import re
from collections import deque
from dataclasses import dataclass, field
from urllib.parse import urldefrag, urlsplit

DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}

# Links the crawl does not follow: they leave the page (files, feeds), end the session, or change state on GET
# (none should, but the admin's delete confirmations and history pages are the same template for every model).
SKIPPED = re.compile(
    r"(/logout/|/accounts/(logout|password|email|3rdparty|reauthenticate)|/admin/logout/|/admin/password_change/"
    r"|/delete/|/history/|/admin/r/|/jsi18n/|\.(pdf|ics|csv|xlsx|json|zip|docx|png|svg|txt)$|/export|/download"
    r"|/feed|/calendar\.ics|/api/|/set-language/|/media/|/static/|/letters/\w+/pdf|/certificate)"
)
NUMBER = re.compile(r"/\d+(?=/|$)")
TOKEN_SEGMENT = re.compile(r"/[A-Za-z0-9_-]{20,}(?=/|$)")

MEASURE = r"""() => {
  const root = document.documentElement;
  const px = (el) => parseFloat(getComputedStyle(el).fontSize);
  const h1 = document.querySelector('main h1, #content h1, h1');
  let body = 0;
  const texts = 'main p, main li, main td, main dd, main label, #content p, #content td';
  for (const el of document.querySelectorAll(texts)) {
    if (el.closest('h1, h2, h3, h4, [hidden]')) continue;
    if (!el.textContent.trim() || !el.getClientRects().length) continue;
    body = Math.max(body, px(el));
  }
  // Latin-script words in text whose language (the nearest lang attribute) is Arabic.
  const latin = [];
  const skipped = 'script, style, noscript, code, kbd, samp, textarea, template, [hidden], [translate="no"]';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const node = walker.currentNode;
    const parent = node.parentElement;
    if (!parent || parent.closest(skipped)) continue;
    const lang = (parent.closest('[lang]') || root).getAttribute('lang') || '';
    if (!lang.startsWith('ar')) continue;
    if (!parent.getClientRects().length) continue;
    // Addresses (e-mail, web, a dotted name such as example.org or consultations.draft) are codes.
    const addresses = /\S+@\S+|https?:\/\/\S+|\b[\w-]+(\.[\w-]+)*\.[a-z]{2,6}\b\S*/g;
    const text = node.textContent.replace(addresses, ' ');
    for (const word of text.match(/[A-Za-z][A-Za-z0-9'’.-]*[A-Za-z0-9]/g) || []) latin.push(word);
  }
  return {
    width: root.scrollWidth, viewport: window.innerWidth, height: root.scrollHeight,
    h1: h1 ? px(h1) : null, body, latin, title: document.title,
  };
}"""


def pattern(url):
    """The page a URL stands for: its path with numbers and long tokens read as placeholders."""
    path = urlsplit(url).path
    return TOKEN_SEGMENT.sub("/<token>", NUMBER.sub("/<n>", path))


def twin(path, language):
    """The same path in ``language``."""
    return re.sub(r"^/[a-z]{2}(-[a-z]+)?/", f"/{language}/", path)


@dataclass
class Visit:
    path: str
    language: str
    viewport: str
    width: int
    viewport_width: int
    height: int
    h1: float | None
    body: float
    latin: list
    axe: list = field(default_factory=list)


@dataclass
class Crawl:
    """Visits pages from a start path as one reader (one browser context per width)."""

    desktop: object  # Playwright pages, signed in as the same reader
    phone: object
    axe: object  # callable(page) -> list of serious/critical violations
    limit: int = 400
    visits: list = field(default_factory=list)
    seen: set = field(default_factory=set)

    def links(self, page):
        hrefs = page.eval_on_selector_all(
            "a[href]", "links => links.filter(a => !a.closest('[hidden]')).map(a => a.href)"
        )
        origin = urlsplit(page.url)
        for href in hrefs:
            href = urldefrag(href)[0]
            parts = urlsplit(href)
            if parts.netloc != origin.netloc or parts.query or SKIPPED.search(parts.path):
                continue
            if not re.match(r"^/(ar|en)/", parts.path):
                continue
            yield parts.path

    def measure(self, page, path, language, viewport, with_axe):
        response = page.goto(path)
        if response is None or response.status >= 400 or page.url.split("?")[0].endswith("/login/"):
            return None
        found = page.evaluate(MEASURE)
        visit = Visit(
            path=path,
            language=language,
            viewport=viewport,
            width=found["width"],
            viewport_width=found["viewport"],
            height=found["height"],
            h1=found["h1"],
            body=found["body"],
            latin=found["latin"],
        )
        if with_axe:
            visit.axe = self.axe(page)
        self.visits.append(visit)
        return visit

    def run(self, start):
        queue = deque([start])
        while queue and len(self.seen) < self.limit:
            path = queue.popleft()
            key = pattern(twin(path, "ar"))
            if key in self.seen:
                continue
            self.seen.add(key)
            arabic = twin(path, "ar")
            if self.measure(self.desktop, arabic, "ar", "desktop", with_axe=True) is None:
                continue
            queue.extend(self.links(self.desktop))
            self.measure(self.desktop, twin(path, "en"), "en", "desktop", with_axe=True)
            self.measure(self.phone, arabic, "ar", "phone", with_axe=False)
            self.measure(self.phone, twin(path, "en"), "en", "phone", with_axe=False)
        return self.visits


@dataclass
class Rules:
    """What every visit must satisfy; ``allowed_latin`` are the names and codes an Arabic page may show in
    Latin script (people's and organisations' names as their owners wrote them, codes, acronyms)."""

    allowed_latin: set
    max_height_ratio: float = 1.3

    def problems(self, visits):
        found = []
        by_page = {}
        for visit in visits:
            by_page.setdefault((pattern(twin(visit.path, "ar")), visit.viewport), {})[visit.language] = visit
            where = f"{visit.path} ({visit.viewport})"
            if visit.width > visit.viewport_width:
                found.append(f"{where}: {visit.width} px wide in a {visit.viewport_width} px viewport")
            if visit.h1 is not None and visit.h1 <= visit.body:
                found.append(f"{where}: h1 {visit.h1} px is not larger than body text {visit.body} px")
            latin = sorted({w for w in visit.latin if not self.allowed(w)})
            if visit.language == "ar" and latin:
                found.append(f"{where}: Latin outside lang=en: {', '.join(latin[:12])}")
            found.extend(f"{where}: {v}" for v in visit.axe)
        for (_, viewport), pair in by_page.items():
            if viewport != "desktop" or "ar" not in pair or "en" not in pair:
                continue
            ratio = pair["ar"].height / pair["en"].height
            if ratio > self.max_height_ratio:
                arabic, english = pair["ar"].height, pair["en"].height
                found.append(f"{pair['ar'].path}: Arabic {arabic} px is {ratio:.2f}× English {english} px")
        return found

    def allowed(self, word):
        """Names and texts people wrote, acronyms (ITU, WSIS), codes (a word with a digit: C7, CL-26/009)."""
        word = word.strip(".-'’")
        return (
            word in self.allowed_latin
            or word.upper() == word
            or any(character.isdigit() for character in word)
        )


def ratios(visits):
    """Arabic height over English height, per page at the desktop width."""
    heights = {}
    for visit in visits:
        if visit.viewport == "desktop":
            heights.setdefault(pattern(twin(visit.path, "ar")), {})[visit.language] = visit.height
    return {key: pair["ar"] / pair["en"] for key, pair in heights.items() if "ar" in pair and "en" in pair}
