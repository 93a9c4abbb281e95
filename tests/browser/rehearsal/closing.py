"""Stage: the close of the 2028 edition. The officer publishes the agenda (the public agenda shows it in
Arabic and English), moves the dialogue to another room and time, which tells its moderator and speaker
in their languages; then, once the Forum week is over (the officer moves the edition's dates, as a
rehearsal does), removes the edition's personal data from the admin, after reading what goes and what
stays. Runs after the forum stage (whose sessions, requests and letters it closes)."""

from datetime import date, datetime, timedelta

from django.utils import timezone
from playwright.sync_api import expect

from forum_events.models import (
    Invitation,
    InvitationLink,
    Session,
    SessionChange,
    SessionSpeaker,
    SlotRequest,
)
from wsis_portal.editions.models import Edition
from wsis_portal.editions.schedule import GENEVA
from wsis_portal.letters.models import CircularLetter, LetterBatch, LetterPDF, PersonalLetter
from wsis_portal.mail.models import OutboundMail
from wsis_portal.uploads import private_storage

from . import forum
from .common import YEAR, fill_datetime, run_action, save


def publish(rehearsal, sessions):
    page, axe = rehearsal.officer, rehearsal.axe
    page.goto(f"/ar/admin/forum_events/session/?edition__id__exact={sessions[0].edition_id}")
    axe.check()
    run_action(page, forum.SESSIONS[0]["title_ar"], "publish_agenda")
    expect(page.locator(".messagelist .success")).to_be_visible()
    axe.check()
    assert Edition.objects.get(year=YEAR).agenda.is_published

    for language in ("ar", "en"):
        visitor = rehearsal.open_page(language)
        visitor.goto(f"/{language}/forum/")
        main = visitor.locator("main")
        for spec in forum.SESSIONS:
            expect(main).to_contain_text(spec[f"title_{language}"])
        type(rehearsal.axe)(visitor).check()
        visitor.get_by_role("link", name=forum.SESSIONS[2][f"title_{language}"]).first.click()
        room_en, room_ar = forum.SESSIONS[2]["room"]
        expect(visitor.locator("main")).to_contain_text(room_ar if language == "ar" else room_en)
        type(rehearsal.axe)(visitor).check()


def move_dialogue(rehearsal, dialogue):
    page, axe = rehearsal.officer, rehearsal.axe
    last = OutboundMail.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page.goto(f"/ar/admin/forum_events/session/{dialogue.pk}/change/")
    axe.check()
    fill_datetime(page, "starts_at", datetime(YEAR, 7, 6, 16, 0, tzinfo=GENEVA))
    fill_datetime(page, "ends_at", datetime(YEAR, 7, 6, 17, 0, tzinfo=GENEVA))
    page.locator("input[name=room_en]").fill("CICG, Room 5")
    page.locator("input[name=room_ar]").fill("CICG، القاعة 5")
    save(page, axe)
    # The officer is told that the speakers were told.
    expect(page.locator(".messagelist .info")).to_contain_text(
        "أُدرج التغيير في القائمة العامة وأُرسل إلى مديرَي جلسة أو متحدثَين (2)، كلٌّ بلغته."
    )
    assert set(SessionChange.objects.filter(session=dialogue).values_list("kind", flat=True)) == {
        "time",
        "room",
    }

    mails = {mail.to[0]: mail for mail in OutboundMail.objects.filter(pk__gt=last)}
    assert set(mails) == {forum.MODERATOR[1], forum.SPEAKER[1]}, set(mails)
    moderator, speaker = mails[forum.MODERATOR[1]], mails[forum.SPEAKER[1]]
    assert moderator.language == "ar" and speaker.language == "en"
    assert "CICG، القاعة 5" in moderator.body and "CICG, Room 5" in speaker.body
    assert "16:00" in moderator.body and "16:00" in speaker.body
    assert "New room: CICG, Room 3 → CICG, Room 5" in speaker.body, speaker.body
    assert forum.SESSIONS[2]["title_en"] in speaker.subject
    assert "قاعة جديدة: CICG، القاعة 3 → CICG، القاعة 5" in moderator.body, moderator.body
    assert "موعد جديد" in moderator.body and forum.SESSIONS[2]["title_ar"] in moderator.subject

    visitor = rehearsal.open_page("en")
    visitor.goto("/en/forum/changes/")
    expect(visitor.locator("main")).to_contain_text("CICG, Room 5")
    type(rehearsal.axe)(visitor).check()


def end_the_forum(rehearsal):
    """The rehearsal cannot wait for July 2028: the officer moves the Forum week to the week before."""
    page, axe = rehearsal.officer, rehearsal.axe
    edition = Edition.objects.get(year=YEAR)
    today = timezone.now().astimezone(GENEVA).date()
    page.goto(f"/ar/admin/editions/edition/{edition.pk}/change/")
    axe.check()
    page.locator("input[name=starts_on]").fill((today - timedelta(days=8)).isoformat())
    page.locator("input[name=ends_on]").fill((today - timedelta(days=4)).isoformat())
    save(page, axe)
    edition.refresh_from_db()
    assert edition.ends_on < today


def purge(rehearsal, sessions):
    page, axe = rehearsal.officer, rehearsal.axe
    edition = Edition.objects.get(year=YEAR)
    letter = CircularLetter.objects.get(subject_en=forum.LETTER["subject_en"])
    requests = SlotRequest.objects.filter(session__edition=edition)
    # The files the purge must remove: the statement, the photo, the personalised letters and their ZIP.
    files = [name for pair in requests.values_list("statement", "photo") for name in pair if name]
    files += list(PersonalLetter.objects.filter(batch__letter=letter).values_list("file", flat=True))
    files += list(LetterBatch.objects.filter(letter=letter).values_list("archive", flat=True))
    assert len(files) >= 2 + 2 + 1 and all(private_storage().exists(name) for name in files), files

    page.goto(f"/ar/admin/forum_events/session/?edition__id__exact={edition.pk}")
    run_action(page, forum.SESSIONS[0]["title_ar"], "purge_personal_data")
    # The confirmation page says what goes and what stays, and how much of it there is.
    main = page.locator("#content-main")
    expect(main).to_contain_text("ما يُزال")
    expect(main).to_contain_text("ما يبقى")
    # Other stages' sessions (a workshop from the consultation) are the same edition's.
    addresses = SessionSpeaker.objects.filter(session__edition=edition).exclude(email="").count()
    assert addresses >= 2
    expect(main).to_contain_text(f"عناوين البريد الإلكتروني للمتحدثين: {addresses}")
    axe.check()
    assert SessionSpeaker.objects.filter(session__edition=edition).exclude(email="").count() == addresses
    page.get_by_role("button", name="نعم، أزل البيانات الشخصية").click()
    expect(page.locator(".messagelist .success")).to_contain_text("أُزيلت البيانات الشخصية")
    axe.check()

    # Gone: files, biographies, speakers' addresses, the personalised letters, every secret link.
    assert not requests.exclude(statement="").exists() and not requests.exclude(photo="").exists()
    assert not requests.exclude(biography="").exists()
    assert not SessionSpeaker.objects.filter(session__edition=edition).exclude(email="").exists()
    assert not LetterBatch.objects.filter(letter=letter).exists()
    assert not InvitationLink.objects.filter(invitation__edition=edition).exists()
    assert all(i.token_digest.startswith("void-") for i in Invitation.objects.filter(edition=edition))
    assert not any(private_storage().exists(name) for name in files)
    # Stays: the sessions, who spoke where with their title, the answers, the letter as issued.
    assert Session.objects.filter(pk__in=[s.pk for s in sessions]).count() == 3
    assert sorted(requests.exclude(status="withdrawn").values_list("speaker_name", flat=True)) == sorted(
        ["John Asante", forum.JORDAN["minister_ar"], forum.JORDAN["minister_ar"]]
    )
    assert set(Invitation.objects.filter(edition=edition).values_list("answer", flat=True)) == {"accepted"}
    assert SessionSpeaker.objects.filter(session=sessions[2]).count() == 2
    letter.refresh_from_db()
    assert letter.is_issued and letter.pdfs.filter(status=LetterPDF.Status.DONE).count() == 2

    # The protocol office's link no longer opens anything.
    jordan = rehearsal.people[forum.JORDAN["protocol"]]
    response = jordan.goto(jordan.url)
    assert response.status == 404


def run(rehearsal):
    found = dict(item for item in rehearsal.found if isinstance(item, tuple))
    sessions = list(Session.objects.filter(pk__in=found["forum"]["sessions"]).order_by("starts_at"))
    assert date(YEAR, 7, 3) <= sessions[0].day
    publish(rehearsal, sessions)
    move_dialogue(rehearsal, sessions[2])
    end_the_forum(rehearsal)
    purge(rehearsal, sessions)
