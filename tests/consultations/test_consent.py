"""A nominee agrees or declines to be nominated through the link mailed to them, without an account; once."""

import pytest
from django.contrib.messages import get_messages

from consultations import services
from consultations.models import FacilitatorNomination
from tests.consultations.factories import OPEN, NominationFactory, submitted
from wsis_portal.mail.models import OutboundMail

pytestmark = pytest.mark.django_db

Consent = FacilitatorNomination.Consent


@pytest.fixture
def nomination(time_machine):
    time_machine.move_to(OPEN, tick=False)
    return submitted(
        NominationFactory(
            nominee_name="Leila Haddad",
            nominee_organisation="Arab Digital Forum",
            organisation__name="Nile Digital Inclusion Forum",
            owner__email="nominator@example.org",
        )
    )


def url(nomination, language="en"):
    return f"/{language}/consultations/consent/{services.consent_token(nomination)}/"


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def text(response):
    return " ".join(response.content.decode().split())


def test_page_shows_the_nomination_and_the_two_answers(client, nomination):
    response = client.get(url(nomination))
    html = text(response)
    assert response.status_code == 200
    assert '<dd dir="auto" lang="en">Leila Haddad</dd>' in html
    assert '<dd dir="auto" lang="en">Arab Digital Forum</dd>' in html
    assert "<dd>Civil society</dd>" in html
    assert '<dd dir="auto">Nile Digital Inclusion Forum</dd>' in html
    assert '<button type="submit" name="answer" value="agree"' in html
    assert '<button type="submit" name="answer" value="decline"' in html
    assert '<meta name="robots" content="noindex">' in html


def test_nominee_agrees_and_the_nominator_is_told(client, nomination):
    before = OutboundMail.objects.count()
    response = client.post(url(nomination), {"answer": "agree"})
    assert response.status_code == 302
    assert response["Location"] == url(nomination)
    nomination.refresh_from_db()
    assert nomination.consent == Consent.GIVEN
    assert nomination.consent_at is not None
    mails = list(OutboundMail.objects.order_by("pk")[before:])
    assert [mail.to for mail in mails] == [["nominator@example.org"]]
    html = text(client.get(url(nomination)))
    assert "You have agreed to be nominated." in html
    assert 'name="answer"' not in html


def test_nominee_declines(client, nomination):
    client.post(url(nomination), {"answer": "decline"})
    nomination.refresh_from_db()
    assert nomination.consent == Consent.REFUSED
    assert "You have declined the nomination." in text(client.get(url(nomination)))


def test_second_answer_changes_nothing_and_says_so(client, nomination):
    client.post(url(nomination), {"answer": "agree"})
    mails = OutboundMail.objects.count()
    response = client.post(url(nomination), {"answer": "decline"})
    assert flash(response) == ["You had already answered; your first answer stands."]
    nomination.refresh_from_db()
    assert nomination.consent == Consent.GIVEN
    assert OutboundMail.objects.count() == mails


def test_answer_must_be_one_of_the_two_buttons(client, nomination):
    response = client.post(url(nomination), {"answer": "maybe"})
    assert flash(response) == ["Choose whether you agree to be nominated or not."]
    nomination.refresh_from_db()
    assert nomination.consent == Consent.PENDING


@pytest.mark.parametrize("method", ["get", "post"])
def test_forged_token_is_not_found(client, nomination, method):
    response = getattr(client, method)("/en/consultations/consent/forged-token/", {"answer": "agree"})
    assert response.status_code == 404
    nomination.refresh_from_db()
    assert nomination.consent == Consent.PENDING


def test_link_is_dead_once_the_nominees_address_changed(client, nomination):
    link = url(nomination)
    FacilitatorNomination.objects.filter(pk=nomination.pk).update(nominee_email="someone.else@example.org")
    assert client.get(link).status_code == 404
    assert client.post(link, {"answer": "agree"}).status_code == 404


def test_expired_link_is_not_found(client, nomination, time_machine):
    link = url(nomination)
    time_machine.move_to("2026-06-30T12:00:00+00:00", tick=False)
    assert client.get(link).status_code == 404


def test_page_is_in_arabic_on_the_arabic_link(client, nomination):
    html = text(client.get(url(nomination, "ar")))
    assert '<html lang="ar" dir="rtl">' in html
    assert "<dd>المجتمع المدني</dd>" in html
