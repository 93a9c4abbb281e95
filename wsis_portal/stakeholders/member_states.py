"""The 193 Member States of ITU, as ISO 3166 codes: the 193 UN Member States except Palau, plus the
Vatican City State (Holy See), which is a Member State of ITU."""

ITU_MEMBER_STATES = """
AF AL DZ AD AO AG AR AM AU AT AZ BS BH BD BB BY BE BZ BJ BT BO BA BW BR BN BG BF BI CV KH CM CA CF TD
CL CN CO KM CG CR CI HR CU CY CZ KP CD DK DJ DM DO EC EG SV GQ ER EE SZ ET FJ FI FR GA GM GE DE GH GR
GD GT GN GW GY HT HN HU IS IN ID IR IQ IE IL IT JM JP JO KZ KE KI KW KG LA LV LB LS LR LY LI LT LU MG
MW MY MV ML MT MH MR MU MX FM MC MN ME MA MZ MM NA NR NP NL NZ NI NE NG MK NO OM PK PA PG PY PE PH PL
PT QA KR MD RO RU RW KN LC VC WS SM ST SA SN RS SC SL SG SK SI SB SO ZA SS ES LK SD SR SE CH SY TJ TH
TL TG TO TT TN TR TM TV UG UA AE GB TZ US UY UZ VU VE VN YE ZM ZW VA
""".split()  # noqa: SIM905 - a block of codes reads better than 193 lines


def countries_named(term):
    """The ISO codes of the countries whose name in the active language contains ``term`` (Arabic spelt any
    way: hamza, alef maqsura, ta marbuta, diacritics), or whose code is ``term``."""
    from wsis_portal.textsearch.analysis import normalise_arabic

    from .countries import portal_countries

    term = normalise_arabic(term.strip()).casefold()
    if not term:
        return []
    return [
        code
        for code, name in portal_countries
        if term in normalise_arabic(str(name)).casefold() or term == code.casefold()
    ]
