"""The sweep sends each due reminder exactly once: twice-run sweeps, paused rules, opt-outs, stale claims,
a crash between the outbox and the mark, and the recipient's language."""

from datetime import timedelta
from unittest import mock

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone

from consultations import services as consultation_services
from wsis_portal.editions.schedule import geneva_time
from wsis_portal.mail.models import OutboundMail
from wsis_portal.reminders import services
from wsis_portal.reminders.models import ReminderDelivery, ReminderOptOut, ReminderRule
from wsis_portal.reminders.tasks import sweep_reminders

from .conftest import AFTER_ONE_DAY

pytestmark = pytest.mark.django_db
RULE = "consultations.draft_contribution"


def deliveries():
    return list(
        ReminderDelivery.objects.order_by("offset").values_list("rule", "recipient", "offset", "status")
    )


def test_a_sweep_run_twice_sends_one_mail_per_due_reminder(draft, eager_celery):
    assert sweep_reminders() == 1  # one batch claimed, sent by the (eager) batch task
    assert sweep_reminders() == 0
    assert deliveries() == [(RULE, "amina@example.org", 7, "sent")]
    assert list(OutboundMail.objects.values_list("to", "subject")) == [
        (["amina@example.org"], "Reminder: your contribution to the open consultation is not sent yet")
    ]
    row = ReminderDelivery.objects.get()
    assert (row.object_id, row.content_type, row.attempts) == (
        draft.pk,
        ContentType.objects.get_for_model(draft),
        1,
    )
    assert row.due_at == geneva_time(2026, 3, 13, 23, 59)


def test_the_next_offset_sends_the_next_reminder(draft, clock):
    services.sweep()
    clock.move_to(AFTER_ONE_DAY, tick=False)
    services.sweep()
    services.sweep()
    assert deliveries() == [(RULE, "amina@example.org", 1, "sent"), (RULE, "amina@example.org", 7, "sent")]
    assert OutboundMail.objects.count() == 2


def test_a_submitted_contribution_gets_no_reminder(draft, owner):
    consultation_services.submit(draft, owner)
    OutboundMail.objects.all().delete()
    services.sweep()
    assert deliveries() == []
    assert OutboundMail.objects.count() == 0


def test_the_mail_has_html_with_dir_and_plain_text_in_the_recipient_language(draft, owner):
    owner.preferred_language = "ar"
    owner.save()
    services.sweep()
    mail = OutboundMail.objects.get()
    assert mail.language == "ar"
    assert '<html lang="ar" dir="rtl">' in mail.html_body
    assert "Community networks first" in mail.body
    assert "<bdi>20 " in mail.html_body
    assert ReminderDelivery.objects.get().language == "ar"


def test_an_english_mail_is_left_to_right_with_the_geneva_deadline(draft):
    services.sweep()
    mail = OutboundMail.objects.get()
    assert '<html lang="en" dir="ltr">' in mail.html_body
    assert "until 20 March 2026, 23:59 CET (Geneva time)" in mail.body
    assert "In your time zone" not in mail.body


def test_the_mail_also_gives_the_deadline_in_the_recipient_time_zone(draft, owner):
    owner.time_zone = "America/New_York"
    owner.save()
    services.sweep()
    mail = OutboundMail.objects.get()
    # 23:59 in Geneva (CET, winter time still) is 18:59 in New York, already on summer time (EDT).
    assert "until 20 March 2026, 23:59 CET (Geneva time)" in mail.body
    assert "In your time zone (" in mail.body
    assert "20 March 2026, 18:59 EDT." in mail.body
    assert "<bdi>20 March 2026, 18:59 EDT</bdi>" in mail.html_body


def test_a_recipient_in_geneva_time_gets_the_deadline_once(draft, owner):
    owner.time_zone = "Europe/Zurich"
    owner.save()
    services.sweep()
    assert "In your time zone" not in OutboundMail.objects.get().body


def test_the_arabic_mail_gives_the_local_deadline_in_arabic(draft, owner):
    owner.preferred_language = "ar"
    owner.time_zone = "Asia/Riyadh"
    owner.save()
    services.sweep()
    mail = OutboundMail.objects.get()
    assert "بتوقيتك المحلي" in mail.body
    assert "21 مارس 2026" in mail.body  # 23:59 in Geneva is already 01:59 the next day in Riyadh


def test_a_paused_rule_sends_nothing_until_it_is_resumed(draft):
    services.sync_rules()
    ReminderRule.objects.filter(key=RULE).update(paused=True)
    services.sweep()
    assert (deliveries(), OutboundMail.objects.count()) == ([], 0)
    ReminderRule.objects.filter(key=RULE).update(paused=False)
    services.sweep()
    assert deliveries() == [(RULE, "amina@example.org", 7, "sent")]


def test_the_opt_out_link_stops_the_rule_for_that_address(client, draft, clock):
    services.sweep()
    link = OutboundMail.objects.get().body.split("open this link: ")[1].split()[0]
    path = link.removeprefix("http://127.0.0.1:8000")
    assert path.startswith("/en/reminders/stop/")
    page = client.get(path)
    assert page.status_code == 200
    assert ReminderOptOut.objects.count() == 0
    assert client.post(path).status_code == 200
    assert list(ReminderOptOut.objects.values_list("email", "rule")) == [("amina@example.org", RULE)]
    clock.move_to(AFTER_ONE_DAY, tick=False)
    services.sweep()
    assert deliveries() == [(RULE, "amina@example.org", 7, "sent")]
    assert OutboundMail.objects.count() == 1


def test_a_forged_opt_out_link_is_not_found(client, db):
    token = services.opt_out_token("amina@example.org", RULE)
    assert client.get(reverse("reminders:opt_out", args=[token[:-2] + "xx"])).status_code == 404
    official = services.opt_out_token("protocol@example.org", "forum_events.unanswered_invitation")
    assert client.get(reverse("reminders:opt_out", args=[official])).status_code == 404


def test_a_pending_reminder_of_an_opted_out_recipient_is_cancelled(draft):
    services.sweep()
    ReminderDelivery.objects.update(status="pending")
    services.opt_out("Amina@example.org", RULE)
    assert services.sweep() == {"sent": 0, "failed": 0, "cancelled": 1, "batches": 1}
    assert OutboundMail.objects.count() == 1


def stale_claim(draft, minutes):
    return ReminderDelivery.objects.create(
        rule=RULE,
        content_type=ContentType.objects.get_for_model(draft),
        object_id=draft.pk,
        recipient="amina@example.org",
        language="en",
        offset=7,
        anchor=geneva_time(2026, 3, 20, 23, 59),
        due_at=geneva_time(2026, 3, 13, 23, 59),
        status="claimed",
        claim_token="lost-worker",
        claimed_at=timezone.now() - timedelta(minutes=minutes),
        attempts=1,
    )


def test_a_stale_claim_is_sent_again_once(draft):
    row = stale_claim(draft, 16)
    services.sweep()
    services.sweep()
    row.refresh_from_db()
    assert (row.status, row.attempts, OutboundMail.objects.count()) == ("sent", 2, 1)


def test_a_recent_claim_is_left_to_its_worker(draft):
    row = stale_claim(draft, 14)
    services.sweep()
    row.refresh_from_db()
    assert (row.status, row.attempts, OutboundMail.objects.count()) == ("claimed", 1, 0)


def test_a_crash_while_sending_leaves_no_mail_and_the_reminder_is_sent_once_later(draft, clock):
    with (
        mock.patch(
            "wsis_portal.mail.backends.OutboxBackend.send_messages", side_effect=RuntimeError("killed")
        ),
        pytest.raises(RuntimeError),
    ):
        services.sweep()
    assert deliveries() == [(RULE, "amina@example.org", 7, "claimed")]
    assert OutboundMail.objects.count() == 0
    services.sweep()
    assert OutboundMail.objects.count() == 0
    clock.shift(timedelta(minutes=16))
    services.sweep()
    services.sweep()
    assert deliveries() == [(RULE, "amina@example.org", 7, "sent")]
    assert OutboundMail.objects.count() == 1
