"""The secretariat's screen for the agenda's sessions: filters, titles in both languages, the workshop
request a session comes from, read-only, and every change in the audit log."""

from datetime import date

import pytest

from consultations import services
from forum_events.models import Session
from tests.consultations.factories import OPEN, WorkshopRequestFactory, submitted
from tests.factories import EditionFactory, SecretariatFactory
from wsis_portal.lifecycle.models import AuditEntry

pytestmark = pytest.mark.django_db

SESSIONS = "/en/admin/forum_events/session/"


@pytest.fixture
def clerk(client):
    clerk = SecretariatFactory()
    client.force_login(clerk)
    return clerk


def session(title, **fields):
    defaults = {
        "edition": EditionFactory(),
        "kind": "workshop",
        "format": "hybrid",
        "title_ar": f"{title} (ar)",
    }
    return Session.objects.create(title_en=title, **{**defaults, **fields})


@pytest.fixture
def sessions(db):
    return {
        "opening": session("Opening", kind="opening", format="in_person", day=date(2026, 7, 6)),
        "talkx": session("TalkX on AI", kind="talkx", format="virtual", day=date(2026, 7, 7)),
        "older": session("Workshop of 2025", edition=EditionFactory(year=2025)),
    }


@pytest.fixture
def accepted_request(clerk, time_machine):
    time_machine.move_to(OPEN, tick=False)
    request = submitted(WorkshopRequestFactory(title="Community networks in practice"))
    services.accept(request, clerk)
    request.refresh_from_db()
    return request


def listed(response):
    return sorted(str(item) for item in response.context["cl"].result_list)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("kind__exact=opening", ["Opening"]),
        ("format__exact=virtual", ["TalkX on AI"]),
        ("day=2026-07-07", ["TalkX on AI"]),
        ("kind__exact=workshop", ["Workshop of 2025"]),
    ],
)
def test_session_filters(client, clerk, sessions, query, expected):
    response = client.get(f"{SESSIONS}?{query}")
    assert response.status_code == 200
    assert listed(response) == expected


def test_session_filter_by_edition(client, clerk, sessions):
    edition = sessions["older"].edition
    assert listed(client.get(f"{SESSIONS}?edition__id__exact={edition.pk}")) == ["Workshop of 2025"]


def test_sessions_are_searched_by_title_in_either_language_and_by_request(
    client, clerk, sessions, accepted_request
):
    assert listed(client.get(SESSIONS, {"q": "TalkX on AI (ar)"})) == ["TalkX on AI"]
    assert listed(client.get(SESSIONS, {"q": accepted_request.reference})) == [
        "Community networks in practice"
    ]


def test_list_shows_the_request_a_session_comes_from(client, clerk, accepted_request):
    html = client.get(SESSIONS).content.decode()
    assert f'<td class="field-from_request">{accepted_request.reference}</td>' in html


@pytest.mark.parametrize("count", [1, 3])
def test_list_query_count_does_not_grow_with_the_sessions(client, clerk, django_assert_num_queries, count):
    for index in range(count):
        session(f"Session {index}")
    client.get(SESSIONS)
    # session, user, own and groups' permissions, the edition filter's choices, the two counts, the page
    # (with editions and requests joined) and the dates of the day filter
    with django_assert_num_queries(8):
        response = client.get(SESSIONS)
    assert len(response.context["cl"].result_list) == count


def test_change_page_shows_the_workshop_request_read_only(client, clerk, accepted_request):
    html = client.get(f"{SESSIONS}{accepted_request.session_id}/change/").content.decode()
    link = (
        f'<a href="/en/admin/consultations/workshoprequest/{accepted_request.pk}/change/">'
        f"<bdi>{accepted_request.reference}</bdi></a> — "
        '<span dir="auto">Community networks in practice</span>'
    )
    assert link in html
    assert 'name="workshop_request' not in html
    assert 'name="title_en"' in html
    assert 'name="title_ar"' in html


def test_session_without_request_says_so(client, clerk, sessions):
    response = client.get(f"{SESSIONS}{sessions['opening'].pk}/change/")
    assert response.context["adminform"].form.instance == sessions["opening"]
    assert '<div class="readonly">—</div>' in response.content.decode()


def test_secretariat_translates_a_session_and_the_change_is_audited(client, clerk, accepted_request):
    session_id = accepted_request.session_id
    response = client.post(
        f"{SESSIONS}{session_id}/change/",
        {
            "edition": accepted_request.consultation.edition_id,
            "kind": "workshop",
            "title_en": "Community networks in practice",
            "title_ar": "الشبكات المجتمعية في الممارسة",
            "description_en": "How they connect the last billion.",
            "description_ar": "",
            "format": "hybrid",
            "day": "2026-07-08",
            "organisers": "Community Networks Alliance",
            "languages": '["en", "ar"]',
            "action_lines": [],
            "sdgs": [],
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    saved = Session.objects.get(pk=session_id)
    assert (saved.title_ar, saved.organisers, saved.workshop_request) == (
        "الشبكات المجتمعية في الممارسة",
        "Community Networks Alliance",
        accepted_request,
    )
    entry = AuditEntry.objects.filter(action="changed", object_id=str(session_id)).get()
    assert entry.actor == clerk
    assert entry.changes["title_ar"] == ["Community networks in practice", "الشبكات المجتمعية في الممارسة"]
