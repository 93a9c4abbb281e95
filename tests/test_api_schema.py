"""The read-only API against its own OpenAPI schema (schemathesis), with every check: whatever the request,
no 5xx, and the status, content type, headers and body are the ones documented; a request the schema
allows is accepted, one it does not allow is refused with a 4xx. In process for every operation, then
with the `schemathesis run` command against the live server, which adds its coverage phase (boundary
values, undeclared methods answered 405 with Allow) and its stateful phase."""

import subprocess
import sys
from datetime import datetime
from pathlib import Path

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from django.utils import timezone
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis.errors import Unsatisfiable
from schemathesis.config import SchemathesisConfig
from schemathesis.generation.modes import GenerationMode

from forum_events.models import Agenda, Session, SessionSpeaker, SessionType
from tests.factories import EditionFactory
from tests.stocktaking.factories import PublishedEntryFactory
from wsis_portal.editions.models import ActionLine
from wsis_portal.editions.schedule import GENEVA

pytestmark = pytest.mark.django_db

SCHEMA = "/api/v1/schema/?format=json"
SCHEMATHESIS = Path(sys.executable).parent / "schemathesis"
OPERATIONS = {
    "GET /api/v1/forum/sessions/",
    "GET /api/v1/reference/action-lines/",
    "GET /api/v1/reference/action-lines/{code}/",
    "GET /api/v1/reference/gdc-objectives/",
    "GET /api/v1/reference/gdc-objectives/{number}/",
    "GET /api/v1/reference/regions/",
    "GET /api/v1/reference/regions/{code}/",
    "GET /api/v1/reference/sdgs/",
    "GET /api/v1/reference/sdgs/{number}/",
    "GET /api/v1/stocktaking/entries/",
    "GET /api/v1/stocktaking/entries/{id}/",
}


def some_entries():
    PublishedEntryFactory(action_lines=["C2", "C7.4"], countries=["KE"], regions=["africa"], sdgs=[9])
    PublishedEntryFactory(kind="event", countries=["EG"], gdc_objectives=[1], year=2025)
    some_sessions()


def some_sessions():
    """A published agenda with a scheduled session that has speakers, and an unscheduled one."""
    edition = EditionFactory(year=2026)
    Agenda.objects.create(edition=edition, published_at=timezone.now())
    opening = Session.objects.create(
        edition=edition,
        kind=SessionType.OPENING,
        title_en="Opening",
        title_ar="الافتتاح",
        starts_at=datetime(2026, 7, 6, 9, tzinfo=GENEVA),
        ends_at=datetime(2026, 7, 6, 10, tzinfo=GENEVA),
        languages=["ar", "en"],
    )
    opening.action_lines.set(ActionLine.objects.filter(code="C7.4"))
    SessionSpeaker.objects.create(session=opening, name="Amina Diallo", email="a@itu.int")
    Session.objects.create(edition=edition, kind=SessionType.WORKSHOP, title_en="Workshop")


@pytest.fixture
def _keep_the_test_connection():
    """Requests go straight to the WSGI application, which closes the database connection when a request
    ends; the test's transaction lives on that connection (Django's test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


@pytest.fixture
def api_schema(_keep_the_test_connection):
    some_entries()
    # Every check, whatever a schemathesis.toml may say, the run's defaults.
    config = SchemathesisConfig.from_dict({"checks": {"enabled": True}})
    return schemathesis.openapi.from_wsgi(SCHEMA, get_wsgi_application(), config=config)


def operations(api_schema):
    return [result.ok() for result in api_schema.get_all_operations()]


def call_and_validate(operation, mode):
    """Fuzz ``operation`` with requests of ``mode`` (the same ones on every run), checking each answer."""

    @given(case=operation.as_strategy(generation_mode=mode))
    @hypothesis_settings(
        max_examples=30,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def answers_as_documented(case):
        case.call_and_validate()

    answers_as_documented()


def test_the_schema_lists_the_api(api_schema):
    assert {operation.label for operation in operations(api_schema)} == OPERATIONS


def test_every_operation_documents_refusal_and_throttling(client):
    paths = client.get(SCHEMA).json()["paths"]
    statuses = {
        f"{method.upper()} {path}": set(operation["responses"])
        for path, operations in paths.items()
        for method, operation in operations.items()
    }
    assert statuses == dict.fromkeys(OPERATIONS, {"200", "400", "404", "429"})
    too_many = paths["/api/v1/stocktaking/entries/"]["get"]["responses"]["429"]
    assert too_many["headers"]["Retry-After"]["schema"] == {"type": "integer", "minimum": 0}


def test_api_accepts_every_request_its_schema_allows(api_schema):
    for operation in operations(api_schema):
        call_and_validate(operation, GenerationMode.POSITIVE)


def test_api_refuses_every_request_its_schema_does_not_allow(api_schema):
    refused = set()
    for operation in operations(api_schema):
        try:
            call_and_validate(operation, GenerationMode.NEGATIVE)
        except Unsatisfiable:  # no parameter, or only text that may be anything: no request is invalid
            continue
        refused.add(operation.label)
    assert refused == {
        "GET /api/v1/forum/sessions/",
        "GET /api/v1/reference/gdc-objectives/{number}/",
        "GET /api/v1/reference/sdgs/{number}/",
        "GET /api/v1/stocktaking/entries/",
        "GET /api/v1/stocktaking/entries/{id}/",
    }


@pytest.mark.slow
def test_schemathesis_run_with_every_check_passes_against_the_live_server(
    live_server, reference_data, tmp_path
):
    some_entries()
    run = subprocess.run(
        [
            SCHEMATHESIS,
            "run",
            f"{live_server.url}{SCHEMA}",
            "--checks=all",
            "--mode=all",
            "--max-examples=20",
            "--seed=1",
            "--workers=1",
            "--no-color",
            # Django's server answers a kept-alive connection tens of milliseconds late: a connection per
            # request makes the run more than twice as fast.
            "--header=Connection: close",
        ],
        # Its .hypothesis folder and reports stay out of the tree; no schemathesis.toml is found there.
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
