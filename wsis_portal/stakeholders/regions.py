"""The six ITU regions (the BDT's regional groupings) and the region of each country.

The grouping follows ITU's regional presence; the secretariat should check it against its own list. A
country that no ITU region claims (a territory) is simply not counted in any region.
"""

# (code, English, Arabic)
REGIONS = [
    ("africa", "Africa", "أفريقيا"),
    ("americas", "Americas", "الأمريكتان"),
    ("arab-states", "Arab States", "الدول العربية"),
    ("asia-pacific", "Asia and the Pacific", "آسيا والمحيط الهادئ"),
    ("cis", "Commonwealth of Independent States", "كومنولث الدول المستقلة"),
    ("europe", "Europe", "أوروبا"),
]

COUNTRIES_BY_REGION = {
    "africa": "AO BJ BW BF BI CM CV CF TD CG CI CD GQ ER ET GA GM GH GN GW KE LS LR MG MW ML MU MZ NA NE NG "
    "RW ST SN SC SL ZA SS SZ TZ TG UG ZM ZW",
    "americas": "AG AR BS BB BZ BO BR CA CL CO CR CU DM DO EC SV GD GT GY HT HN JM MX NI PA PY PE KN LC VC "
    "SR TT US UY VE",
    "arab-states": "DZ BH KM DJ EG IQ JO KW LB LY MR MA OM PS QA SA SO SD SY TN AE YE",
    "asia-pacific": "AF AU BD BT BN KH CN FJ IN ID IR JP KI KP KR LA MY MV MH FM MN MM NR NP NZ PK PW PG PH "
    "WS SG SB LK TH TL TO TV VU VN",
    "cis": "AM AZ BY GE KZ KG MD RU TJ TM UA UZ",
    "europe": "AL AD AT BE BA BG HR CY CZ DK EE FI FR DE GR HU IS IE IL IT LV LI LT LU MT MC ME NL MK NO PL "
    "PT RO SM RS SK SI ES SE CH TR GB VA",
}

REGION_OF_COUNTRY = {
    country: region for region, countries in COUNTRIES_BY_REGION.items() for country in countries.split()
}
