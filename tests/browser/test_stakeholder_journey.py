"""A stakeholder signs up in Arabic, verifies the address from the mail (which signs them in), fills the
profile and switches to English, keeping the choice."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD
from wsis_portal.links import portal_url
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import User


def test_sign_up_verify_sign_in_profile_and_switch_to_english(page, axe, live_server):
    page.goto("/ar/")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    axe.check()

    page.get_by_role("navigation", name="القائمة الرئيسية").get_by_role("link", name="إنشاء حساب").click()
    expect(page).to_have_url(re.compile(r"/ar/accounts/signup/$"))
    axe.check()
    page.get_by_label("بريد إلكتروني").fill("nour.haddad@example.org")
    page.get_by_label("كلمة المرور", exact=False).first.fill(PASSWORD)
    page.locator("#id_password2").fill(PASSWORD)
    page.get_by_role("button", name="الاشتراك").click()
    expect(page).to_have_url(re.compile(r"/ar/accounts/confirm-email/$"))
    axe.check()

    mail = OutboundMail.objects.get(to=["nour.haddad@example.org"])
    assert mail.language == "ar"
    link = re.search(r"https?://\S+/ar/accounts/confirm-email/\S+", mail.body).group(0)
    assert link.startswith(f"{portal_url()}/ar/")
    page.goto(link.removeprefix(portal_url()))  # PORTAL_URL is not the live server's address
    axe.check()
    # Confirmed in the browser that signed up: signed in, on "My participation", with no second sign-in.
    page.get_by_role("button", name="تأكيد").click()
    expect(page).to_have_url(re.compile(r"/ar/me/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("مشاركتي")
    axe.check()

    page.get_by_role("navigation", name="حسابي").get_by_role("link", name="الملف الشخصي").click()
    axe.check()
    page.get_by_label("الاسم الكامل").fill("نور حداد")
    page.get_by_label("اللقب أو المنصب").fill("مسؤولة السياسات الرقمية")
    page.get_by_label("فئة أصحاب المصلحة").select_option("academia")
    page.get_by_label("البلد").select_option("EG")
    page.get_by_label("المنطقة الزمنية").select_option("Africa/Cairo")
    page.get_by_role("button", name="حفظ الملف الشخصي").click()
    expect(page.get_by_role("status")).to_contain_text("حُفظ ملفك الشخصي.")
    axe.check()

    user = User.objects.get(email="nour.haddad@example.org")
    assert (
        user.full_name,
        user.stakeholder_type,
        user.country.code,
        user.time_zone,
        user.preferred_language,
    ) == ("نور حداد", "academia", "EG", "Africa/Cairo", "ar")

    page.get_by_role("button", name="English").click()
    expect(page).to_have_url(re.compile(r"/en/me/profile/$"))
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.get_by_label("Full name")).to_have_value("نور حداد")
    axe.check()
    user.refresh_from_db()
    assert user.preferred_language == "en"

    page.goto("/")
    expect(page).to_have_url(re.compile(r"/en/$"))


def test_profile_error_is_announced_and_keeps_what_was_typed(page, axe, live_server):
    from tests.factories import UserFactory

    UserFactory(email="amal@example.org", preferred_language="ar")
    page.goto("/ar/accounts/login/")
    page.get_by_label("بريد إلكتروني").fill("amal@example.org")
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()
    page.goto("/ar/me/profile/")
    page.get_by_label("الاسم الكامل").fill("")
    page.get_by_label("اللقب أو المنصب").fill("منسقة")
    page.get_by_role("button", name="حفظ الملف الشخصي").click()
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("يُرجى تصحيح ما يلي:")
    expect(summary).to_be_focused()
    expect(page.get_by_label("اللقب أو المنصب")).to_have_value("منسقة")
    expect(page.get_by_label("الاسم الكامل")).to_have_attribute("aria-invalid", "true")
    axe.check()


def test_keyboard_reaches_the_skip_link_first_and_switches_language(page, live_server):
    page.goto("/en/")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/en/#main$"))
    switcher = page.get_by_role("link", name="العربيّة")
    switcher.focus()
    outline = switcher.evaluate("element => getComputedStyle(element).outlineStyle")
    assert outline == "solid"
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/ar/$"))


def test_phone_width_has_no_horizontal_scroll(page, live_server):
    from tests.factories import FocalPointFactory

    focal_point = FocalPointFactory(organisation__name="Institute for Information Society Studies (Rabat)")
    page.set_viewport_size({"width": 360, "height": 740})
    for path in ("/ar/", "/en/", "/ar/accounts/signup/", "/ar/accounts/login/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
    page.goto("/en/accounts/login/")
    page.get_by_label("Email").fill(focal_point.user.email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("main").get_by_role("button", name="Sign In").click()
    for path in ("/ar/me/", "/ar/me/profile/", "/ar/me/organizations/", "/en/me/organizations/"):
        page.goto(path)
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), path
