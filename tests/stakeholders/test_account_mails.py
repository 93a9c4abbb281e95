"""The account mails (address confirmation, password reset, "an account already exists", "no account has this
address"): the portal's own templates, through the outbox, in the recipient's language, greeting them by
name when the account has one, signed by the secretariat, every link built on PORTAL_URL."""

import re

import pytest
from allauth.account.models import EmailAddress

from tests.factories import PASSWORD, UserFactory
from wsis_portal.mail.models import OutboundMail

PORTAL = "https://wsis.example.org"
SIGNATURE = {
    "en": f"The WSIS secretariat\nWSIS Forum Portal: {PORTAL}/en/",
    "ar": f"أمانة القمة العالمية لمجتمع المعلومات\nبوابة منتدى القمة العالمية لمجتمع المعلومات: {PORTAL}/ar/",
}
NOT_YOU = {
    "en": "If it was not you, you can ignore this message: nothing was changed.",
    "ar": "إذا لم تكن أنت من طلب ذلك، فيمكنك تجاهل هذه الرسالة: لم يتغير أي شيء.",
}
NEUTRAL = {"en": "Dear Sir/Madam,", "ar": "حضرات السادة والسيدات،"}
NAMED = {"en": "Dear Amal Haddad,", "ar": "حضرة Amal Haddad،"}


@pytest.fixture(autouse=True)
def portal_url(settings):
    # A trailing slash, as an operator may well write it: links still have a single one.
    settings.PORTAL_URL = f"{PORTAL}/"


@pytest.fixture
def amal(db):
    return UserFactory(email="amal@example.org", full_name="Amal Haddad", preferred_language="en")


def expected(language, greeting, *paragraphs):
    return "\n\n".join([greeting, *paragraphs, SIGNATURE[language]])


def the_mail(to):
    """The one mail to ``to`` in the outbox: (language, subject, body), its one-time key written KEY."""
    mail = OutboundMail.objects.get(to=[to])
    body = re.sub(r"/(confirm-email|password/reset/key)/[^/\s]+/", r"/\1/KEY/", mail.body)
    return mail.language, mail.subject, body


def sign_up(client, email, language):
    return client.post(
        f"/{language}/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


@pytest.mark.parametrize(
    ("language", "subject", "paragraphs"),
    [
        (
            "en",
            "[WSIS] Confirm your e-mail address",
            (
                "An account of the portal was created with the address nour@example.org. To confirm that "
                "this address is yours, open this link:",
                f"{PORTAL}/en/accounts/confirm-email/KEY/",
                "If you did not create this account, you can ignore this message: without the confirmation, "
                "the account cannot be used.",
            ),
        ),
        (
            "ar",
            "[WSIS] تأكيد عنوان بريدك الإلكتروني",
            (
                "أُنشئ حساب في البوابة بالعنوان nour@example.org. لتأكيد أن هذا العنوان عنوانك، "
                "افتح هذا الرابط:",
                f"{PORTAL}/ar/accounts/confirm-email/KEY/",
                "إذا لم تنشئ هذا الحساب، يمكنك تجاهل هذه الرسالة: لا يمكن استخدام الحساب دون التأكيد.",
            ),
        ),
    ],
)
def test_sign_up_confirmation_mail_greets_neutrally_as_a_new_account_has_no_name(
    client, db, language, subject, paragraphs
):
    sign_up(client, "nour@example.org", language)
    assert the_mail("nour@example.org") == (
        language,
        subject,
        expected(language, NEUTRAL[language], *paragraphs),
    )


@pytest.mark.parametrize(
    ("language", "subject", "paragraphs"),
    [
        (
            "en",
            "[WSIS] Confirm your e-mail address",
            (
                "Someone, perhaps you, asked the portal to use the address amal@example.org for an account. "
                "To confirm that this address is yours, open this link:",
                f"{PORTAL}/en/accounts/confirm-email/KEY/",
                NOT_YOU["en"],
            ),
        ),
        (
            "ar",
            "[WSIS] تأكيد عنوان بريدك الإلكتروني",
            (
                "طلب أحدهم، وربما أنت، من البوابة استخدام العنوان amal@example.org لحساب. لتأكيد أن هذا "
                "العنوان عنوانك، افتح هذا الرابط:",
                f"{PORTAL}/ar/accounts/confirm-email/KEY/",
                NOT_YOU["ar"],
            ),
        ),
    ],
)
def test_confirmation_mail_sent_again_greets_the_user_by_name_in_their_language(
    client, amal, language, subject, paragraphs
):
    amal.preferred_language = language
    amal.save()
    EmailAddress.objects.filter(user=amal).update(verified=False)
    client.force_login(amal)
    client.post("/en/me/confirm-email/", {"next": "/en/me/"})
    assert the_mail("amal@example.org") == (
        language,
        subject,
        expected(language, NAMED[language], *paragraphs),
    )


@pytest.mark.parametrize(
    ("language", "subject", "paragraphs"),
    [
        (
            "en",
            "[WSIS] Choose a new password",
            (
                "Someone, perhaps you, asked the portal for a new password for the account with the address "
                "amal@example.org. To choose a new password, open this link:",
                f"{PORTAL}/en/accounts/password/reset/key/KEY/",
                NOT_YOU["en"],
            ),
        ),
        (
            "ar",
            "[WSIS] اختيار كلمة مرور جديدة",
            (
                "طلب أحدهم، وربما أنت، من البوابة كلمة مرور جديدة للحساب المرتبط بالعنوان amal@example.org. "
                "لاختيار كلمة مرور جديدة، افتح هذا الرابط:",
                f"{PORTAL}/ar/accounts/password/reset/key/KEY/",
                NOT_YOU["ar"],
            ),
        ),
    ],
)
def test_password_reset_mail_greets_the_user_by_name_in_their_language(
    client, amal, language, subject, paragraphs
):
    amal.preferred_language = language
    amal.save()
    client.post("/en/accounts/password/reset/", {"email": "amal@example.org"})
    assert the_mail("amal@example.org") == (
        language,
        subject,
        expected(language, NAMED[language], *paragraphs),
    )


@pytest.mark.parametrize(
    ("language", "subject", "paragraphs"),
    [
        (
            "en",
            "[WSIS] An account with this address already exists",
            (
                "Someone, perhaps you, tried to create an account on the portal with the address "
                "amal@example.org, but an account with this address already exists.",
                NOT_YOU["en"],
                "If it was you and you have forgotten your password, choose a new one with this link:",
                f"{PORTAL}/en/accounts/password/reset/",
            ),
        ),
        (
            "ar",
            "[WSIS] يوجد بالفعل حساب بهذا العنوان",
            (
                "حاول أحدهم، وربما أنت، إنشاء حساب في البوابة بالعنوان amal@example.org، ولكن يوجد بالفعل "
                "حساب بهذا العنوان.",
                NOT_YOU["ar"],
                "إذا كنت أنت ونسيت كلمة المرور، فاختر كلمة مرور جديدة بهذا الرابط:",
                f"{PORTAL}/ar/accounts/password/reset/",
            ),
        ),
    ],
)
def test_already_registered_mail_greets_the_owner_by_name_in_their_language(
    client, amal, language, subject, paragraphs
):
    amal.preferred_language = language
    amal.save()
    sign_up(client, "amal@example.org", "en" if language == "ar" else "ar")
    assert the_mail("amal@example.org") == (
        language,
        subject,
        expected(language, NAMED[language], *paragraphs),
    )


@pytest.mark.parametrize(
    ("language", "subject", "paragraphs"),
    [
        (
            "en",
            "[WSIS] No account has this address",
            (
                "Someone, perhaps you, asked the portal for a new password or a link for the address "
                "nobody@example.org, but no account has this address.",
                NOT_YOU["en"],
                "If it was you, create an account with this address:",
                f"{PORTAL}/en/accounts/signup/",
            ),
        ),
        (
            "ar",
            "[WSIS] لا يوجد حساب بهذا العنوان",
            (
                "طلب أحدهم، وربما أنت، من البوابة كلمة مرور جديدة أو رابطًا للعنوان nobody@example.org، "
                "ولكن لا يوجد حساب بهذا العنوان.",
                NOT_YOU["ar"],
                "إذا كنت أنت، فأنشئ حسابًا بهذا العنوان:",
                f"{PORTAL}/ar/accounts/signup/",
            ),
        ),
    ],
)
def test_unknown_account_mail_greets_neutrally_in_the_page_language(
    client, db, language, subject, paragraphs
):
    client.post(f"/{language}/accounts/password/reset/", {"email": "nobody@example.org"})
    assert the_mail("nobody@example.org") == (
        language,
        subject,
        expected(language, NEUTRAL[language], *paragraphs),
    )


def test_links_ignore_the_host_the_request_came_to(client, amal):
    client.post("/en/accounts/password/reset/", {"email": "amal@example.org"}, HTTP_HOST="attacker.example")
    body = the_mail("amal@example.org")[2]
    assert re.findall(r"https?://[^/\s]+", body) == [PORTAL, PORTAL]
