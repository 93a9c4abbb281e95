"""Languages and time zones are named in the reader's language, time zones grouped by area; the admin's
JavaScript (the two-list picker, the calendar) and Django's password rules speak Arabic where Django's own
catalogue does not."""

import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.contrib import admin
from django.contrib.auth.password_validation import MinimumLengthValidator
from django.core.exceptions import ValidationError
from django.utils import translation

from forum_events.models import Session
from prizes.models import PrizeCycle
from tests.factories import PrizeCycleFactory, SecretariatFactory, UserFactory
from wsis_portal.languages import content_languages
from wsis_portal.stakeholders.forms import ProfileForm


def javascript_catalog(response):
    """The messages of a Django JavaScript catalogue (jsi18n) response, as a dict."""
    return json.loads(re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1))


def test_content_languages_are_named_in_arabic_on_arabic_pages():
    with translation.override("ar"):
        assert content_languages() == [
            ("ar", "العربية"),
            ("en", "الإنجليزية"),
            ("fr", "الفرنسية"),
            ("es", "الإسبانية"),
            ("ru", "الروسية"),
            ("zh-hans", "الصينية"),
            ("other", "لغة أخرى"),
        ]


def test_interpretation_and_project_languages_are_named_in_the_reader_language():
    session, cycle = Session(languages=["en", "fr"]), PrizeCycle(content_languages=["ar", "en"])
    with translation.override("ar"):
        assert (session.language_names, cycle.language_names) == (
            ["الإنجليزية", "الفرنسية"],
            ["العربية", "الإنجليزية"],
        )
    with translation.override("en"):
        assert (session.language_names, cycle.language_names) == (
            ["English", "French"],
            ["Arabic", "English"],
        )


@pytest.mark.django_db
def test_the_prize_cycles_admin_names_the_project_languages_in_arabic(client):
    PrizeCycleFactory(content_languages=["en", "ar"])
    client.force_login(SecretariatFactory())
    html = client.get("/ar/admin/prizes/prizecycle/").content.decode()
    names = "<bdi>الإنجليزية</bdi>، <bdi>العربية</bdi>"
    assert f'<td dir="auto" class="field-project_languages">{names}</td>' in html


@pytest.mark.django_db
def test_the_language_switcher_names_each_language_in_itself_as_a_foreign_run(client):
    html = client.get("/ar/").content.decode()
    assert '<a href="/en/" hreflang="en" lang="en" dir="ltr">English</a>' in html


@pytest.mark.django_db
def test_time_zones_are_grouped_by_area_and_named_in_arabic():
    with translation.override("ar"):
        choices = ProfileForm(instance=UserFactory()).fields["time_zone"].choices
        assert str(choices[0][1]) == "توقيت جنيف فقط"
    areas = [area for area, _zones in choices[1:]]
    assert areas == [
        "أفريقيا",
        "الأمريكتان",
        "آسيا",
        "المحيط الأطلسي",
        "أستراليا",
        "أوروبا",
        "المحيط الهندي",
        "المحيط الهادئ",
    ]
    zones = {name: label for _area, group in choices[1:] for name, label in group}
    assert (zones["Europe/Zurich"], zones["Africa/Cairo"], zones["Asia/Kolkata"]) == (
        "سويسرا",
        "مصر",
        "الهند",
    )
    assert zones["America/Chicago"] == "الولايات المتحدة الأمريكية (شيكاغو)"
    assert not [label for label in zones.values() if re.search("[A-Za-z]", label)]
    assert not {"US/Eastern", "Asia/Calcutta", "Etc/GMT+5", "UTC"} & set(zones)


@pytest.mark.django_db
def test_a_zone_chosen_before_the_list_left_old_names_out_stays_valid():
    user = UserFactory(time_zone="Asia/Calcutta")
    form = ProfileForm(instance=user)
    assert form.fields["time_zone"].choices[-1] == ("Asia/Calcutta", "Asia/Calcutta")
    assert ProfileForm(instance=UserFactory()).fields["time_zone"].valid_value("Asia/Calcutta") is False


@pytest.mark.django_db
def test_the_admin_two_list_picker_and_calendar_speak_arabic(client):
    client.force_login(SecretariatFactory())
    response = client.get("/ar/admin/jsi18n/")
    catalog = json.loads(
        re.search(r"const newcatalog = (\{.*?\});", response.content.decode(), re.S).group(1)
    )
    assert (catalog["Choose all %s"], catalog["Remove all %s"], catalog["Choose selected %s"]) == (
        "اختيار كل %s",
        "إزالة كل %s",
        "اختيار %s المحددة",
    )
    assert catalog["Sunday"] == "الأحد"
    assert catalog["%s selected option not visible"][2] == "%s خياران محددان غير ظاهرين"


def test_a_short_password_is_refused_in_arabic():
    with translation.override("ar"), pytest.raises(ValidationError) as refused:
        MinimumLengthValidator(10).validate("short")
    assert refused.value.messages == ["كلمة المرور هذه قصيرة جداً: يجب ألا تقل عن 10 أحرف."]


@pytest.mark.django_db
def test_the_admin_search_box_is_labelled_in_arabic(client):
    client.force_login(SecretariatFactory())
    html = client.get("/ar/admin/stocktaking/entry/").content.decode()
    assert '<label for="searchbar"><img src="/static/admin/img/search.svg" alt="ابحث"></label>' in html


@pytest.mark.django_db
def test_every_string_of_the_admin_javascript_has_its_arabic(client, tmp_path):
    """A Django upgrade that brings a new string to the admin's JavaScript fails here until the portal's
    locale/ar/LC_MESSAGES/djangojs.po (or Django's own catalogue) translates it."""
    folder = Path(admin.__file__).parent / "static" / "admin" / "js"
    scripts = [path for path in folder.rglob("*.js") if "vendor" not in path.parts]
    template = tmp_path / "admin.pot"
    keywords = ["-k", "-kgettext", "-kngettext:1,2", "-kpgettext:1c,2", "-knpgettext:1c,2,3"]
    command = ["xgettext", "-L", "JavaScript", "--from-code=UTF-8", *keywords, "-o", template, *scripts]
    subprocess.run(command, check=True)
    # xgettext leaves the plural formula as a placeholder, which Babel refuses to read
    text = template.read_text().replace(
        "nplurals=INTEGER; plural=EXPRESSION;", "nplurals=2; plural=(n != 1);"
    )
    wanted = [message for message in read_po(io.StringIO(text)) if message.id]
    client.force_login(SecretariatFactory())
    catalog = javascript_catalog(client.get("/ar/admin/jsi18n/"))
    keys = [catalog_key(message) for message in wanted]
    assert len(keys) > 60
    assert [key for key in keys if key not in catalog] == []


def catalog_key(message):
    """How Django's JavaScript catalogue names a message: its singular, after its context and EOT if any."""
    singular = message.id[0] if message.pluralizable else message.id
    return f"{message.context}\x04{singular}" if message.context else singular
