"""Accounts through django-allauth: sign-up with mandatory verification, sign-in and out, password reset,
change of e-mail, rate limits, and the admin signing in through the same door. Whether an address has an
account is never told: sign-up and password reset answer alike, and the mail says it to the mailbox."""

import re
from datetime import timedelta
from unittest import mock

import pytest
from allauth.account.models import EmailAddress
from django.conf import settings
from django.contrib.auth.hashers import MD5PasswordHasher
from django.utils import timezone

from tests.factories import PASSWORD, UserFactory
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import User

NEW_PASSWORD = "another-long-password-2026"


def signup(client, email="nour@example.org", language="ar"):
    return client.post(
        f"/{language}/accounts/signup/", {"email": email, "password1": PASSWORD, "password2": PASSWORD}
    )


def link_in_last_mail(to):
    mail = OutboundMail.objects.filter(to=[to]).latest("id")
    return re.search(r"https?://\S+", mail.body).group(0).removeprefix(settings.PORTAL_URL)


def test_sign_up_creates_an_unverified_account_in_the_page_language(client, db):
    response = signup(client)
    assert response.status_code == 302
    assert response["Location"] == "/ar/accounts/confirm-email/"
    user = User.objects.get(email="nour@example.org")
    assert user.preferred_language == "ar"
    assert EmailAddress.objects.get(user=user).verified is False


def test_sign_up_queues_the_verification_mail_in_arabic(client, db):
    signup(client)
    mail = OutboundMail.objects.get(to=["nour@example.org"])
    assert mail.language == "ar"
    assert f"{settings.PORTAL_URL}/ar/accounts/confirm-email/" in mail.body
    assert mail.subject == "[WSIS] تأكيد عنوان بريدك الإلكتروني"


def test_unverified_account_cannot_sign_in(client, db):
    signup(client)
    client.logout()
    response = client.post("/en/accounts/login/", {"login": "nour@example.org", "password": PASSWORD})
    assert response["Location"] == "/en/accounts/confirm-email/"
    assert "_auth_user_id" not in client.session


def test_confirming_in_the_session_that_signed_up_signs_in_and_lands_on_the_dashboard(client, db):
    signup(client)
    response = client.post(link_in_last_mail("nour@example.org"))
    assert response["Location"] == "/ar/me/"
    assert EmailAddress.objects.get(email="nour@example.org").verified is True
    assert client.session["_auth_user_id"] == str(User.objects.get(email="nour@example.org").pk)
    assert client.get("/ar/me/").status_code == 200


def test_confirming_in_another_browser_verifies_without_signing_in_then_sign_in_works(client, db):
    signup(client)
    link = link_in_last_mail("nour@example.org")
    client.logout()  # a new session: the link opened in another browser
    response = client.post(link)
    assert response["Location"] == "/ar/accounts/login/"
    assert "_auth_user_id" not in client.session
    assert EmailAddress.objects.get(email="nour@example.org").verified is True
    response = client.post("/ar/accounts/login/", {"login": "nour@example.org", "password": PASSWORD})
    assert response["Location"] == "/ar/me/"


def test_expired_verification_link_is_refused_in_arabic_and_verifies_nothing(client, db, time_machine):
    signup(client)
    link = link_in_last_mail("nour@example.org")
    time_machine.move_to(timezone.now() + timedelta(days=4))
    page = client.get(link).content.decode()
    client.post(link)
    assert "انتهت صلاحية رابط التأكيد هذا أو أنه غير صالح. لم يتغير أي شيء." in page
    assert EmailAddress.objects.get(email="nour@example.org").verified is False


def answer(client, response, email=""):
    """What a client is shown: the status, where it is sent, and that page, its CSRF token aside and
    ``email``, the address it was given, written "ADDRESS"."""
    page = client.get(response["Location"]) if response.status_code == 302 else response
    text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", page.content.decode())
    return response.status_code, response.get("Location"), page.status_code, text.replace(email, "ADDRESS")


def test_sign_up_with_an_address_that_has_an_account_answers_as_a_new_one_and_mails_its_owner(client, db):
    owner = UserFactory(email="taken@example.org", preferred_language="ar")
    new = answer(client, signup(client, email="new@example.org", language="en"), "new@example.org")
    client.logout()
    taken = answer(client, signup(client, email="Taken@Example.org", language="en"), "taken@example.org")
    assert taken == new
    assert "Confirmation email sent to ADDRESS." in new[3]
    assert new[:3] == (302, "/en/accounts/confirm-email/", 200)
    assert list(User.objects.filter(email__iexact="taken@example.org")) == [owner]
    mail = OutboundMail.objects.get(to=["taken@example.org"])
    assert (mail.language, mail.subject) == ("ar", "[WSIS] يوجد بالفعل حساب بهذا العنوان")
    assert "ولكن يوجد بالفعل حساب بهذا العنوان." in mail.body
    assert f"{settings.PORTAL_URL}/ar/accounts/password/reset/\n" in mail.body
    assert "بوابة منتدى القمة العالمية لمجتمع المعلومات" in mail.body


def test_sign_up_with_an_address_that_has_an_account_hashes_a_password_as_a_new_one_does(client, db):
    """The same work either way, so that the time of the answer does not tell either."""
    UserFactory(email="taken@example.org")
    hasher = MD5PasswordHasher.encode
    with mock.patch.object(MD5PasswordHasher, "encode", autospec=True, side_effect=hasher) as encode:
        signup(client, email="new@example.org", language="en")
        client.logout()
        new = encode.call_count
        signup(client, email="taken@example.org", language="en")
    assert (new, encode.call_count - new) == (1, 1)


def test_weak_password_is_refused_with_a_translated_error(client, db):
    response = client.post(
        "/ar/accounts/signup/", {"email": "x@example.org", "password1": "123", "password2": "123"}
    )
    assert response.status_code == 200
    assert "كلمة المرور" in response.content.decode()
    assert not User.objects.filter(email="x@example.org").exists()


def test_sign_out(client, user):
    client.force_login(user)
    response = client.post("/en/accounts/logout/")
    assert response["Location"] == "/en/"
    assert "_auth_user_id" not in client.session


def test_password_reset_mail_goes_out_in_the_users_language(client, db):
    UserFactory(email="ar-user@example.org", preferred_language="ar")
    client.post("/en/accounts/password/reset/", {"email": "ar-user@example.org"})
    mail = OutboundMail.objects.get(to=["ar-user@example.org"])
    assert mail.language == "ar"
    assert mail.subject == "[WSIS] اختيار كلمة مرور جديدة"
    assert f"{settings.PORTAL_URL}/ar/accounts/password/reset/key/" in mail.body
    assert "بوابة منتدى القمة العالمية لمجتمع المعلومات" in mail.body


def test_password_reset_answers_alike_for_a_known_and_an_unknown_address(client, db):
    UserFactory(email="known@example.org", preferred_language="en")
    known = answer(client, client.post("/ar/accounts/password/reset/", {"email": "known@example.org"}))
    unknown = answer(client, client.post("/ar/accounts/password/reset/", {"email": "unknown@example.org"}))
    assert unknown == known
    assert known[:3] == (302, "/ar/accounts/password/reset/done/", 200)
    assert OutboundMail.objects.get(to=["known@example.org"]).subject == "[WSIS] Choose a new password"


def test_password_reset_for_an_unknown_address_tells_it_in_the_page_language(client, db):
    client.post("/ar/accounts/password/reset/", {"email": "Unknown@Example.org"})
    mail = OutboundMail.objects.get()
    assert (mail.to, mail.language, mail.subject) == (
        ["unknown@example.org"],
        "ar",
        "[WSIS] لا يوجد حساب بهذا العنوان",
    )
    assert (
        "طلب أحدهم، وربما أنت، من البوابة كلمة مرور جديدة أو رابطًا للعنوان unknown@example.org، "
        "ولكن لا يوجد حساب بهذا العنوان."
    ) in mail.body
    assert f"إذا كنت أنت، فأنشئ حسابًا بهذا العنوان:\n\n{settings.PORTAL_URL}/ar/accounts/signup/" in mail.body
    assert not User.objects.exists()


def test_password_reset_link_sets_a_new_password(client, db):
    user = UserFactory(email="forgot@example.org")
    client.post("/en/accounts/password/reset/", {"email": "forgot@example.org"})
    link = link_in_last_mail("forgot@example.org")
    form_url = client.get(link)["Location"]
    response = client.post(form_url, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.check_password(NEW_PASSWORD)


def test_change_of_email_waits_for_verification_of_the_new_address(client, user):
    client.force_login(user)
    old = user.email
    response = client.post("/en/accounts/email/", {"action_add": "", "email": "new-address@example.org"})
    assert response.status_code == 302
    assert OutboundMail.objects.filter(to=["new-address@example.org"]).count() == 1
    user.refresh_from_db()
    assert user.email == old
    client.post(link_in_last_mail("new-address@example.org"))
    user.refresh_from_db()
    assert user.email == "new-address@example.org"
    assert list(EmailAddress.objects.filter(user=user).values_list("email", flat=True)) == [
        "new-address@example.org"
    ]


def test_repeated_failed_sign_ins_lock_the_account_for_a_while_with_a_translated_error(client, db):
    UserFactory(email="target@example.org")
    for _ in range(5):
        client.post("/ar/accounts/login/", {"login": "target@example.org", "password": "wrong"})
    response = client.post("/ar/accounts/login/", {"login": "target@example.org", "password": PASSWORD})
    assert "تجاوزت الحد المسموح لمحاولة تسجيل الدخول" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_too_many_sign_in_requests_from_one_address_get_a_429_page(client, db):
    statuses = [
        client.post("/ar/accounts/login/", {"login": f"u{n}@example.org", "password": "x"}).status_code
        for n in range(31)
    ]
    assert statuses[:10] == [200] * 10
    assert statuses[-1] == 429


@pytest.mark.parametrize("path", ["/en/admin/login/", "/en/admin/login/?next=/en/admin/stakeholders/"])
def test_admin_login_goes_through_allauth(client, db, path):
    response = client.get(path)
    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/login/?next=/en/admin/")


def test_admin_login_refuses_a_foreign_next(client, db):
    assert client.get("/en/admin/login/?next=https://evil.example/")["Location"] == (
        "/en/accounts/login/?next=/en/admin/"
    )


def test_admin_login_refuses_a_signed_in_non_staff_user(client, user):
    client.force_login(user)
    assert client.get("/en/admin/login/").status_code == 403


def test_staff_signs_in_to_the_admin_through_allauth(client, secretariat):
    response = client.post(
        "/en/accounts/login/?next=/en/admin/",
        {"login": secretariat.email, "password": PASSWORD, "next": "/en/admin/"},
    )
    assert response["Location"] == "/en/admin/"
    assert client.get("/en/admin/").status_code == 200
