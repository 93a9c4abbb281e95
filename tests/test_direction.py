"""Values of either direction on one line (wsis_portal/direction.py and ``{% isolated_list %}``): each
value in <bdi> (or between FSI and PDI in plain text), joined by the active language's list separator."""

import pytest
from django.template import Context, Template
from django.utils import translation

from wsis_portal.direction import isolated_list, isolated_list_text, list_separator
from wsis_portal.mail.models import OutboundMail


def render(source, **context):
    return Template("{% load direction %}" + source).render(Context(context))


@pytest.mark.parametrize(("language", "separator"), [("ar", "، "), ("en", ", ")])
def test_the_list_separator_is_the_active_languages(language, separator):
    with translation.override(language):
        assert list_separator() == separator


def test_a_list_is_isolated_item_by_item_and_joined_with_the_arabic_comma():
    with translation.override("ar"):
        assert render("{% isolated_list names %}", names=["English", "العربية"]) == (
            "<bdi>English</bdi>، <bdi>العربية</bdi>"
        )


def test_separate_values_are_joined_and_empty_ones_left_out():
    with translation.override("ar"):
        html = render(
            "{% isolated_list name title organisation %}", name="Sofia Marquez", title="", organisation=None
        )
        assert html == "<bdi>Sofia Marquez</bdi>"
        html = render("{% isolated_list name title %}", name="Sofia Marquez", title="Facilitator")
        assert html == "<bdi>Sofia Marquez</bdi>، <bdi>Facilitator</bdi>"


def test_values_are_escaped():
    assert render("{% isolated_list names %}", names=["<b>x</b>", "a & b"]) == (
        "<bdi>&lt;b&gt;x&lt;/b&gt;</bdi>, <bdi>a &amp; b</bdi>"
    )


def test_nothing_to_list_is_empty():
    assert render("{% isolated_list names %}", names=[]) == ""
    assert isolated_list([None, ""]) == ""


def test_plain_text_isolates_with_the_characters_that_do_what_bdi_does():
    with translation.override("ar"):
        assert isolated_list_text(["Kenya", "", "السنغال"]) == "\u2068Kenya\u2069، \u2068السنغال\u2069"


def test_the_arabic_admin_lists_recipients_isolated_with_the_arabic_comma(client, secretariat):
    OutboundMail.objects.create(
        from_email="wsis@itu.int", to=["a@example.org", "b@example.org"], subject="x", body="x"
    )
    client.force_login(secretariat)
    page = client.get("/ar/admin/mail/outboundmail/").content.decode()
    assert "<bdi>a@example.org</bdi>، <bdi>b@example.org</bdi>" in page
