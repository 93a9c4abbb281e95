"""Accounts (django-allauth), fed hostile e-mail addresses and passwords: sign-up, sign-in, the password
reset, the change of password and the addresses of an account. Never a 5xx; allauth refuses a form with
200 (the page again, with the errors) and then the database is as it was; the links of its mails with any
text in them open nothing."""

from datetime import UTC, datetime
from urllib.parse import quote

import pytest
from allauth.account.models import EmailAddress
from django.core.cache import cache
from hypothesis import example, given
from hypothesis import strategies as st

from tests.factories import PASSWORD, UserFactory
from tests.hostile.checks import ACCEPTED, FUZZ, REFUSED, Watch
from tests.hostile.strategies import hostile_email, hostile_text
from wsis_portal.stakeholders.emails import normalise_email

pytestmark = pytest.mark.django_db

NOW = datetime(2026, 2, 10, 12, 0, tzinfo=UTC)
STRONG = "a-long-test-password-2026"
# allauth shows a refused form again, with 200.
REFUSED_WITH_200 = {"refused": lambda response: response.status_code == 200, "codes": (200, 302)}
passwords = st.one_of(st.just(STRONG), hostile_text)


def fresh(client, user=None):
    """The client signed out, or in as ``user``; allauth's rate limits (counted in the cache) at zero, so
    that every example reaches the form."""
    cache.clear()
    if user is None:
        client.logout()
    else:
        client.force_login(user)
    return client


def as_typed(email):
    """An address accepted is the account's as typed (in the one form the portal keeps), never cut to another
    one."""

    def check(response):
        assert EmailAddress.objects.order_by("-pk").first().email == normalise_email(email)

    return check


def test_sign_up(client):
    watch = Watch()

    @given(email=hostile_email, password=passwords)
    @example(email="أمينة@مثال.مصر", password=STRONG)
    @example(email="amina@example.org", password=STRONG)
    @example(email="amina@example.org\x00", password=STRONG)
    @example(email=f"{'a' * 300}@example.org", password=STRONG)
    @FUZZ
    def signs_up(email, password):
        data = {"email": email, "password1": password, "password2": password}
        watch.post(fresh(client), "/ar/accounts/signup/", data, **REFUSED_WITH_200, then=as_typed(email))

    signs_up()
    watch.expect(ACCEPTED, REFUSED)


def test_sign_in(client):
    UserFactory(email="amina@example.org")
    watch = Watch()

    @given(login=st.one_of(st.just("amina@example.org"), hostile_email), password=passwords)
    @example(login="amina@example.org", password=PASSWORD)
    @example(login="amina@example.org\x00", password=PASSWORD)
    @FUZZ
    def signs_in(login, password):
        data = {"login": login, "password": password}
        watch.post(fresh(client), "/en/accounts/login/", data, **REFUSED_WITH_200)

    signs_in()
    watch.expect(ACCEPTED, REFUSED)


def test_password_reset(client):
    UserFactory(email="amina@example.org", preferred_language="ar")
    watch = Watch()

    @given(email=hostile_email)
    @example(email="AMINA@example.org")
    @example(email="amina@example.org\x00")
    @FUZZ
    def asks(email):
        watch.post(fresh(client), "/ar/accounts/password/reset/", {"email": email}, **REFUSED_WITH_200)

    asks()
    watch.expect(ACCEPTED, REFUSED)


def test_change_of_password(client, time_machine):
    # Signing in again before each example writes the same last_login: the clock stands still.
    time_machine.move_to(NOW, tick=False)
    user = UserFactory(email="amina@example.org")
    watch = Watch()

    @given(old=st.one_of(st.just(PASSWORD), hostile_text), new=passwords)
    @example(old=PASSWORD, new="كلمة-مرور-طويلة-\u200f2026")
    @example(old=PASSWORD + "\x00", new=STRONG)
    @FUZZ
    def changes(old, new):
        data = {"oldpassword": old, "password1": new, "password2": new}
        watch.post(fresh(client, user), "/en/accounts/password/change/", data, **REFUSED_WITH_200)

    changes()
    watch.expect(ACCEPTED, REFUSED)


def test_addresses_of_an_account(client, time_machine):
    time_machine.move_to(NOW, tick=False)
    user = UserFactory(email="amina@example.org")
    watch = Watch()

    @given(email=hostile_email, action=st.sampled_from(["action_add", "action_send", "action_remove"]))
    @example(email="amina.diallo@مثال.مصر", action="action_add")
    @example(email="amina@example.org\x00", action="action_add")
    @example(email="amina@example.org\x00", action="action_remove")
    @example(email=f"{'a' * 300}@example.org", action="action_add")
    @FUZZ
    def manages(email, action):
        data = {"email": email, action: ""}
        then = as_typed(email) if action == "action_add" else still_signed_up
        watch.post(fresh(client, user), "/en/accounts/email/", data, **REFUSED_WITH_200, then=then)

    def still_signed_up(response):
        """Whatever address it names, sending or removing never takes the account's own address away."""
        assert EmailAddress.objects.filter(user=user, email="amina@example.org", primary=True).exists()

    manages()
    watch.expect(ACCEPTED, REFUSED)


@given(key=hostile_text)
@example(key="MQ-abc\x00")
@FUZZ
def test_links_of_any_text_open_nothing(client, db, key):
    """The verification and password-reset links, with any key: a page that says the link is not valid, or
    not found; never a 5xx and nothing verified or changed."""
    path = quote(key, safe="")
    if not path:
        return
    for url in (f"/ar/accounts/confirm-email/{path}/", f"/en/accounts/password/reset/key/{path}/"):
        assert client.get(url).status_code in (200, 302, 404)
        assert client.post(url, {"password1": STRONG, "password2": STRONG}).status_code in (200, 302, 404)
