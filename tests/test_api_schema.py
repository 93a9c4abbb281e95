"""The read-only API against its own OpenAPI schema (schemathesis): whatever the generated parameters, no
operation answers 5xx, and every response matches the schema (status, content type, body)."""

import pytest
import schemathesis
from django.core import signals
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings

from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _keep_the_test_connection():
    """Requests go straight to the WSGI application, which closes the database connection when a request
    ends; the test's transaction lives on that connection (Django's test client does the same)."""
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    yield
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)


def operations():
    schema = schemathesis.openapi.from_wsgi("/api/v1/schema/?format=json", get_wsgi_application())
    return [result.ok() for result in schema.get_all_operations()]


def test_the_schema_lists_the_api():
    assert {operation.label for operation in operations()} >= {"GET /api/v1/stocktaking/entries/"}


def test_api_answers_every_generated_request_as_its_schema_says():
    OrganisationFactory(name="Nile Digital Inclusion Forum", country="EG")
    for operation in operations():

        @given(case=operation.as_strategy())
        @hypothesis_settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
        def answers_as_documented(case):
            case.call_and_validate()

        answers_as_documented()
