"""Reminder mails written through stencils are exactly the plain renders of their templates: subject, text
and HTML, in Arabic and English, with and without the recipient's time zone, for optional rules (opt-out
link) and the mandatory one; and the stencils are really used (once per language and shape, not per mail)."""

from types import SimpleNamespace

import pytest
from django.template import engines
from django.template.backends.django import DjangoTemplates
from django.template.loader import get_template
from django.utils import timezone, translation

from consultations import services as consultation_services
from consultations.models import Contribution
from forum_events import high_level
from forum_events.models import Invitation
from tests.consultations.factories import ContributionFactory, WorkshopRequestFactory
from tests.factories import EditionFactory, PhaseFactory, SecretariatFactory, UserFactory
from tests.stocktaking.factories import EntryFactory
from wsis_portal.editions.models import Process
from wsis_portal.editions.schedule import GENEVA, geneva_time
from wsis_portal.links import portal_url
from wsis_portal.reminders import registry
from wsis_portal.reminders.services import ReminderMails
from wsis_portal.reminders.stencils import Stencils
from wsis_portal.stakeholders.models import MemberState

pytestmark = pytest.mark.django_db
# Escaped in HTML, raw in text; a percent sign and a placeholder must not upset blocktranslate.
AWKWARD_TITLE = 'Networks <first> & "last" at 100% of %(title)s'
RECIPIENTS = [  # (language, time zone)
    ("en", ""),
    ("en", "America/New_York"),
    ("ar", ""),
    ("ar", "Asia/Riyadh"),
    ("en", "Europe/Zurich"),  # Geneva's own zone: the deadline is written once
]


def fast_and_plain(rule_key, now):
    """``{time zone: (fast, plain)}`` of each candidate's mail (subject, text, HTML), and the stencils."""
    rule = registry.get(rule_key)
    mails = ReminderMails(rule)
    pairs = {}
    candidates = sorted(rule.candidates(now), key=lambda candidate: (candidate.language, candidate.email))
    assert candidates
    for candidate in candidates:
        row = SimpleNamespace(offset=7, recipient=candidate.email)
        with translation.override(candidate.language), timezone.override(GENEVA):
            context = mails.context(candidate, row)
            plain = [get_template(f"{rule.template}{suffix}").render(context) for suffix in mails.SUFFIXES]
            pairs[candidate.language, candidate.time_zone, candidate.email] = (mails.render(context), plain)
    return pairs, mails.templates


def assert_same_and_stencilled(pairs, stencils, shapes):
    for fast, plain in pairs.values():
        assert fast == plain
    assert stencils.plain == [False, False, False]
    assert len(stencils.stencils) == shapes
    assert all(stencil is not None for shape in stencils.stencils.values() for stencil in shape)


def test_contribution_draft_mails_are_the_plain_renders_with_their_opt_out_links(clock):
    for language, zone in RECIPIENTS:
        owner = UserFactory(preferred_language=language, time_zone=zone)
        ContributionFactory(owner=owner, title=AWKWARD_TITLE if zone else f"Draft in {language}")
    pairs, stencils = fast_and_plain("consultations.draft_contribution", timezone.now())
    # en and ar, each with and without a second zone (the Geneva one is written once)
    assert_same_and_stencilled(pairs, stencils, shapes=4)
    by_zone = {zone: fast for (_language, zone, _email), (fast, _plain) in pairs.items()}
    subject, text, html = by_zone["America/New_York"]
    assert subject.strip() == "Reminder: your contribution to the open consultation is not sent yet"
    assert f"“{AWKWARD_TITLE}”" in text
    assert "Networks &lt;first&gt; &amp; &quot;last&quot; at 100% of %(title)s" in html
    assert "<bdi>20 March 2026, 18:59 EDT</bdi>" in html
    assert "/en/reminders/stop/" in text
    assert "/en/reminders/stop/" in html
    # The draft's own page, in the recipient's language, to finish and send it from the mail.
    (york,) = Contribution.objects.filter(owner__time_zone="America/New_York")
    (riyadh,) = Contribution.objects.filter(owner__time_zone="Asia/Riyadh")
    assert f"{portal_url()}/en/consultations/contributions/{york.pk}/\n" in text
    assert f'href="{portal_url()}/en/consultations/contributions/{york.pk}/"' in html
    assert f"{portal_url()}/ar/consultations/contributions/{riyadh.pk}/\n" in by_zone["Asia/Riyadh"][1]
    assert '<html lang="ar" dir="rtl">' in by_zone["Asia/Riyadh"][2]
    assert "21 مارس 2026" in by_zone["Asia/Riyadh"][1]


def test_stocktaking_draft_mails_are_the_plain_renders(time_machine):
    time_machine.move_to(geneva_time(2026, 5, 1, 9, 0), tick=False)
    PhaseFactory(
        edition=EditionFactory(year=2026),
        process=Process.STOCKTAKING,
        key="submissions",
        opens_at=geneva_time(2026, 1, 10, 9, 0),
        closes_at=geneva_time(2026, 5, 10, 23, 59),
    )
    for language, zone in RECIPIENTS:
        EntryFactory(owner=UserFactory(preferred_language=language, time_zone=zone), title=AWKWARD_TITLE)
    pairs, stencils = fast_and_plain("stocktaking.draft_entry", timezone.now())
    assert_same_and_stencilled(pairs, stencils, shapes=4)


def test_unanswered_invitation_mails_are_the_plain_renders_without_an_opt_out_link(time_machine):
    time_machine.move_to(geneva_time(2027, 4, 1, 9, 0), tick=False)
    edition = EditionFactory(year=2027)
    PhaseFactory(
        edition=edition,
        process=Process.FORUM,
        key=high_level.CONFIRMATIONS_PHASE,
        opens_at=geneva_time(2027, 1, 10, 9, 0),
        closes_at=geneva_time(2027, 4, 30, 23, 59),
    )
    for number, (country, language, zone) in enumerate(
        [
            ("MA", "ar", "Africa/Casablanca"),
            ("JO", "ar", ""),
            ("KE", "en", "Africa/Nairobi"),
            ("FR", "en", ""),
        ]
    ):
        state = MemberState.objects.get(country=country)
        state.protocol_office_email = f"protocol-{country.lower()}@example.org"
        state.save()
        if zone:  # the protocol office signs in with its own mailbox and has a zone
            UserFactory(email=state.protocol_office_email, time_zone=zone)
        Invitation.objects.create(
            edition=edition,
            member_state=state,
            token_digest=str(number),
            issued_at=timezone.now(),
            language=language,
        )
    pairs, stencils = fast_and_plain("forum_events.unanswered_invitation", timezone.now())
    assert_same_and_stencilled(pairs, stencils, shapes=4)
    for (_subject, text, html), _plain in pairs.values():
        assert "opt" not in text.lower()
        assert "reminders/stop" not in html


def test_returned_workshop_mails_are_the_plain_renders_one_stencil_per_return_date(clock):
    secretariat = SecretariatFactory()
    for language, zone in RECIPIENTS[:4]:
        request = WorkshopRequestFactory(
            owner=UserFactory(preferred_language=language, time_zone=zone), title=AWKWARD_TITLE
        )
        consultation_services.submit(request, request.owner)
        consultation_services.return_for_changes(request, secretariat, "Add a speaker from Africa.")
        clock.shift(86400)  # each returned on its own day, printed with a filter: part of the key
    pairs, stencils = fast_and_plain("consultations.returned_workshop", timezone.now())
    assert_same_and_stencilled(pairs, stencils, shapes=4)


def render_both(source, contexts, engine=None):
    template = (engine or engines["django"]).from_string(source)
    stencils = Stencils([template])
    for context in contexts:
        assert stencils.render(context) == [template.render(context)]
    return stencils


def test_values_printed_raw_and_escaped_share_one_stencil():
    stencils = render_both(
        "<p>{{ title }}</p>{% autoescape off %}{{ title }}{% endautoescape %}",
        [{"title": "<b>“A” & 'B'</b>"}, {"title": "plain"}, {"title": ""}],
    )
    assert len(stencils.stencils) == 1


def test_a_tested_value_keys_the_stencil_by_its_truth():
    stencils = render_both(
        "{% if link %}<a href='{{ link }}'>stop</a>{% endif %}{% if not note or link %}!{% endif %}",
        [{"link": "https://a.example/?x=1&y=2"}, {"link": ""}, {}, {"link": "https://b.example/"}],
    )
    assert len(stencils.stencils) == 2


def test_a_value_filtered_or_compared_is_part_of_the_key():
    stencils = render_both(
        "{{ title|upper }} {% if title == 'A' %}equal{% endif %} {{ title|length }} {{ when|date:'j F Y' }}",
        [
            {"title": "A", "when": geneva_time(2026, 3, 20, 23, 59)},
            {"title": "bb", "when": geneva_time(2026, 3, 20, 23, 59)},
            {"title": "A", "when": geneva_time(2026, 3, 21, 0, 30)},
            {"title": "A", "when": geneva_time(2026, 3, 20, 23, 59)},
        ],
    )
    assert len(stencils.stencils) == 3


def test_a_missing_value_prints_like_string_if_invalid():
    engine = DjangoTemplates(
        {"NAME": "invalid", "DIRS": [], "APP_DIRS": False, "OPTIONS": {"string_if_invalid": "?%s?"}}
    )
    render_both("[{{ item.nothing }}]{% if nothing %}x{% endif %}[{{ item.title }}]", [{"item": {}}], engine)
    render_both("[{{ item.title }}]", [{"item": {"title": "T"}}, {}])


def test_a_template_with_a_tag_stencils_do_not_know_is_rendered_plainly():
    stencils = render_both("{% for x in items %}{{ x }}{% endfor %}", [{"items": ["a", "<b>"]}])
    assert stencils.plain == [True]
    assert stencils.stencils == {}


def test_a_filter_that_follows_the_clock_is_rendered_plainly():
    stencils = render_both("{{ when|timesince }}", [{"when": geneva_time(2026, 3, 1, 9, 0)}])
    assert stencils.plain == [True]


def test_a_translated_variable_is_keyed_and_translated_once():
    with translation.override("ar"):
        stencils = render_both(
            "{% load i18n %}{% translate kind %}|{{ title }}",
            [
                {"kind": "Sent", "title": "A"},
                {"kind": "Pending", "title": "B"},
                {"kind": "Sent", "title": "C"},
            ],
        )
    assert len(stencils.stencils) == 2
    with translation.override("ar"):
        assert stencils.render({"kind": "Sent", "title": "D"}) == ["أُرسلت|D"]
