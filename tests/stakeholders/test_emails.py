"""One mailbox, one account: an address is kept in one form (``normalise_email``), whatever its case and
whether its domain is typed in Unicode or in punycode; quoted local parts and backslashes are refused at
sign-up and at a change of address, with a translated message; sign-in and the password reset find the
account by any form of its address."""

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from django.core.exceptions import ValidationError
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import PASSWORD, UserFactory
from tests.stakeholders.mailboxes import (
    EXAMPLES,
    MAILBOX,
    PUNYCODE_DOMAIN,
    escaped,
    plain,
    quoted,
    rolled_back,
    several_plain,
)
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.emails import normalise_email
from wsis_portal.stakeholders.models import User

QUOTED_AR = 'اكتب عنوان البريد الإلكتروني دون علامات تنصيص (") أو شرطات مائلة عكسية (\\).'
INVALID_AR = "أدخل عنوان بريد إلكتروني صحيحًا، مثل name@example.org."
# Django's own message, for what its e-mail field refuses before the portal sees it.
DJANGO_INVALID_AR = "يرجى إدخال عنوان بريد إلكتروني صحيح."


def signup(client, email, language="ar"):
    cache.clear()  # allauth's rate limits: every example reaches the form
    client.logout()
    return client.post(
        f"/{language}/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def email_errors(response):
    return response.context["form"].errors["email"]


# The one form of an address


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("Amina.Diallo@Example.ORG", "amina.diallo@example.org"),
        ("  amina@example.org ", "amina@example.org"),
        ("amina@bücher.example", "amina@bücher.example"),
        ("amina@xn--bcher-kva.example", "amina@bücher.example"),
        ("AMINA@XN--BCHER-KVA.EXAMPLE", "amina@bücher.example"),
        ("amina@BÜCHER.example", "amina@bücher.example"),
        ("أمينة@مثال.مصر", "أمينة@مثال.مصر"),
        ("amina@xn--mgbh0fb.xn--wgbh1c", "amina@مثال.مصر"),
        ("A\u0301mina@example.org", "\u00e1mina@example.org"),
        ("amina+prizes@example.org", "amina+prizes@example.org"),
    ],
)
def test_an_address_is_kept_in_one_form(typed, kept):
    assert normalise_email(typed) == kept


@pytest.mark.parametrize(
    "typed", ['"amina"@example.org', '"am\\ina"@example.org', "am\\ina@example.org", 'amina@"example".org']
)
def test_quotes_and_backslashes_are_refused(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_email(typed)
    assert refused.value.code == "quoted"


@pytest.mark.parametrize(
    "typed",
    [
        "amina@[127.0.0.1]",
        "amina..diallo@example.org",
        "amina\u200b@example.org",
        "amina@localhost",
        "amina@example.test",
        "amina",
        "",
    ],
)
def test_what_email_validator_refuses_is_refused(typed):
    with pytest.raises(ValidationError) as refused:
        normalise_email(typed)
    assert refused.value.code == "invalid"


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ('"amina"@example.org', "amina@example.org"),
        ('"\\a\\mina"@xn--bcher-kva.example', "amina@bücher.example"),
    ],
)
def test_quoted_forms_are_read_when_allowed(typed, kept):
    assert normalise_email(typed, allow_quoted=True) == kept


@given(email=plain)
def test_every_plain_form_of_a_mailbox_is_kept_as_one(email):
    assert normalise_email(email) == MAILBOX


@given(email=st.one_of(plain, quoted))
def test_quoted_forms_of_a_mailbox_are_read_as_the_mailbox(email):
    assert normalise_email(email, allow_quoted=True) == MAILBOX


@given(email=st.emails())
def test_the_kept_form_is_kept_again_as_it_is(email):
    try:
        kept = normalise_email(email)
    except ValidationError:
        return
    assert normalise_email(kept) == kept


# Sign-up


def test_sign_up_keeps_the_address_in_its_one_form(client, db):
    response = signup(client, "Amina.Diallo@XN--BCHER-KVA.example")
    assert response["Location"] == "/ar/accounts/confirm-email/"
    assert list(User.objects.values_list("email", flat=True)) == [MAILBOX]
    assert list(EmailAddress.objects.values_list("email", flat=True)) == [MAILBOX]
    assert OutboundMail.objects.get().to == [MAILBOX]


@pytest.mark.parametrize(
    ("email", "error"),
    [
        ('"amina.diallo"@example.org', QUOTED_AR),
        ("amina@[127.0.0.1]", INVALID_AR),
        ("amina@example.test", INVALID_AR),
    ],
)
def test_sign_up_refuses_with_a_translated_message(client, db, email, error):
    response = signup(client, email)
    assert response.status_code == 200
    assert email_errors(response) == [error]
    assert not User.objects.exists()
    assert not OutboundMail.objects.exists()


def test_sign_up_refuses_quoted_and_escaped_forms_of_a_mailbox(client, db):
    @given(email=st.one_of(quoted, escaped))
    @example(email='"amina.diallo"@bücher.example')
    @example(email='"\\amina.diallo"@xn--bcher-kva.example')
    @example(email="amina\\.diallo@bücher.example")
    @EXAMPLES
    def refused(email):
        with rolled_back():
            response = signup(client, email)
            assert response.status_code == 200
            # A backslash without quotes Django's own field refuses first, in Arabic too.
            assert email_errors(response) == [QUOTED_AR if email.startswith('"') else DJANGO_INVALID_AR]
            assert not User.objects.exists()
            assert not OutboundMail.objects.exists()

    refused()


def test_every_form_of_a_mailbox_signs_up_one_account(client, db):
    @given(emails=several_plain)
    @example(emails=["amina.diallo@bücher.example", "amina.diallo@xn--bcher-kva.example"])
    @EXAMPLES
    def one_account(emails):
        with rolled_back():
            answers = [signup(client, email) for email in emails]
            assert {(answer.status_code, answer["Location"]) for answer in answers} == {
                (302, "/ar/accounts/confirm-email/")
            }
            assert list(User.objects.values_list("email", flat=True)) == [MAILBOX]
            # The first sign-up is asked to verify; each later one tells the owner the account exists.
            subjects = list(OutboundMail.objects.order_by("pk").values_list("to", "subject"))
            assert subjects[0] == ([MAILBOX], "[WSIS] تأكيد عنوان بريدك الإلكتروني")
            assert subjects[1:] == [([MAILBOX], "[WSIS] يوجد بالفعل حساب بهذا العنوان")] * (len(emails) - 1)

    one_account()


# A change of address


def test_a_change_of_address_keeps_the_new_one_in_its_one_form(client, user):
    client.force_login(user)
    response = client.post("/en/accounts/email/", {"action_add": "", "email": "Amina@XN--BCHER-KVA.EXAMPLE"})
    assert response.status_code == 302
    assert EmailAddress.objects.filter(user=user, verified=False).get().email == "amina@bücher.example"


@pytest.mark.parametrize("email", ['"amina"@bücher.example', '"am\\ina"@example.org'])
def test_a_change_of_address_refuses_quotes_with_a_translated_message(client, user, email):
    client.force_login(user)
    response = client.post("/ar/accounts/email/", {"action_add": "", "email": email})
    assert response.status_code == 200
    assert email_errors(response) == [QUOTED_AR]
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [user.email]


# Finding the account


def test_sign_in_finds_the_account_by_any_form_of_its_address(client, db):
    UserFactory(email=MAILBOX)
    response = client.post(
        "/en/accounts/login/", {"login": f"Amina.Diallo@{PUNYCODE_DOMAIN.upper()}", "password": PASSWORD}
    )
    assert response["Location"] == "/en/me/"


def test_password_reset_finds_the_account_by_any_form_of_its_address(client, db):
    UserFactory(email=MAILBOX, preferred_language="ar")
    client.post("/en/accounts/password/reset/", {"email": f"amina.diallo@{PUNYCODE_DOMAIN}"})
    mail = OutboundMail.objects.get()
    # In the account's language, to the address as typed: the same mailbox.
    assert (mail.to, mail.language) == ([f"amina.diallo@{PUNYCODE_DOMAIN}"], "ar")
    assert "/ar/accounts/password/reset/key/" in mail.body
