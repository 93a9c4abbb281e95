"""The secretariat signs in and confirms a focal point in the Django admin, in Arabic."""

import re

from playwright.sync_api import expect

from tests.factories import PASSWORD, FocalPointFactory, SecretariatFactory
from wsis_portal.lifecycle.models import AuditEntry
from wsis_portal.mail.models import OutboundMail
from wsis_portal.stakeholders.models import FocalPoint


def test_secretariat_confirms_a_focal_point_in_the_arabic_admin(page, axe, live_server):
    clerk = SecretariatFactory(email="clerk@example.org", preferred_language="ar")
    request = FocalPointFactory(organisation__name="Pacific Open Data Lab", user__preferred_language="ar")

    page.goto("/ar/admin/")
    expect(page).to_have_url(re.compile(r"/ar/accounts/login/\?next=/ar/admin/"))
    axe.check()
    page.get_by_label("بريد إلكتروني").fill(clerk.email)
    page.get_by_label("كلمة المرور").fill(PASSWORD)
    page.get_by_role("button", name="تسجيل الدخول").click()
    expect(page).to_have_url(re.compile(r"/ar/admin/$"))
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    axe.check()

    page.get_by_role("link", name="جهات التنسيق").first.click()
    expect(page).to_have_url(re.compile(r"/ar/admin/stakeholders/focalpoint/$"))
    axe.check()
    page.get_by_role("row", name=re.compile("Pacific Open Data Lab")).get_by_role("checkbox").check()
    page.get_by_role("combobox", name=re.compile("إجراء")).select_option("confirm_selected")
    page.get_by_role("button", name="نفّذ").click()
    expect(page.locator(".messagelist")).to_contain_text("أُكِّدت جهة تنسيق واحدة (1).")
    axe.check()

    request.refresh_from_db()
    assert (request.status, request.decided_by) == (FocalPoint.Status.CONFIRMED, clerk)
    assert AuditEntry.objects.filter(action="focal_point.confirmed", actor=clerk).count() == 1
    assert OutboundMail.objects.get(to=[request.user.email]).subject.startswith("أصبحت الآن جهة تنسيق")

    page.get_by_role("link", name="سجل التدقيق").first.click()
    expect(page.locator("#result_list")).to_contain_text("Pacific Open Data Lab")
    axe.check()
