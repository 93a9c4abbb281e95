"""The countries the portal's processes know, named and sorted in the reader's language.

A country is known when it is an ITU Member State (``member_states.py``) or when an ITU region counts it
(``regions.py``, which also places the State of Palestine and Palau). ISO 3166 also lists territories
(Antarctica, Bouvet Island, ...) that no process invites, groups or reports on: offering them only makes a
list longer and a statistic emptier, so every country field and filter offers these instead.
"""

import unicodedata

from django.utils.translation import get_language, pgettext_lazy
from django_countries import Countries

from .member_states import ITU_MEMBER_STATES
from .regions import REGION_OF_COUNTRY

PORTAL_COUNTRIES = frozenset(ITU_MEMBER_STATES) | frozenset(REGION_OF_COUNTRY)

# Arabic letters whose code points are out of alphabetical order, read as the letter they sort with.
SORT_AS = str.maketrans({"ة": "ه", "ى": "ي"})


def collation_key(name):
    """Sort key of a name in any script: letters without their marks first (أ, إ and آ sort as ا, é as
    e), then the name itself, so ties keep a fixed order. Arabic letters are in alphabetical order by
    code point once ة and ى are read as ه and ي."""
    decomposed = unicodedata.normalize("NFKD", str(name))
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return letters.translate(SORT_AS).casefold(), str(name)


class PortalCountries(Countries):
    """django-countries restricted to ``PORTAL_COUNTRIES`` and sorted with ``collation_key`` in the active
    language (django-countries' own order drops every letter outside ASCII, which leaves Arabic names in
    their English order)."""

    only = sorted(PORTAL_COUNTRIES)
    # Names as the United Nations writes them in Arabic, where django-countries' Arabic differs (Egyptian
    # spellings such as أنجولا, names turned around such as "السعودية (المملكة العربية)").
    override = {
        "AG": pgettext_lazy("country", "Antigua and Barbuda"),
        "AO": pgettext_lazy("country", "Angola"),
        "BD": pgettext_lazy("country", "Bangladesh"),
        "BS": pgettext_lazy("country", "Bahamas"),
        "BY": pgettext_lazy("country", "Belarus"),
        "CF": pgettext_lazy("country", "Central African Republic"),
        "CI": pgettext_lazy("country", "Côte d'Ivoire"),
        "EC": pgettext_lazy("country", "Ecuador"),
        "EE": pgettext_lazy("country", "Estonia"),
        "ES": pgettext_lazy("country", "Spain"),
        "ET": pgettext_lazy("country", "Ethiopia"),
        "GA": pgettext_lazy("country", "Gabon"),
        "GD": pgettext_lazy("country", "Grenada"),
        "GT": pgettext_lazy("country", "Guatemala"),
        "ID": pgettext_lazy("country", "Indonesia"),
        "LU": pgettext_lazy("country", "Luxembourg"),
        "MD": pgettext_lazy("country", "Republic of Moldova"),
        "NI": pgettext_lazy("country", "Nicaragua"),
        "NZ": pgettext_lazy("country", "New Zealand"),
        "PH": pgettext_lazy("country", "Philippines"),
        "PY": pgettext_lazy("country", "Paraguay"),
        "SA": pgettext_lazy("country", "Saudi Arabia"),
        "TG": pgettext_lazy("country", "Togo"),
        "TO": pgettext_lazy("country", "Tonga"),
        "UY": pgettext_lazy("country", "Uruguay"),
        "ZA": pgettext_lazy("country", "South Africa"),
    }

    def __iter__(self):
        language = get_language()
        cache = self.__dict__.setdefault("_sorted_by_language", {})
        if language not in cache:
            cache[language] = sorted(super().__iter__(), key=lambda country: collation_key(country.name))
        yield from cache[language]


portal_countries = PortalCountries()


def country_choices():
    """The (code, name) choices of every country field and filter: the known countries, named and sorted
    in the active language. Pass the function itself as ``choices`` so each request gets its language."""
    return [(code, name) for code, name in portal_countries]
