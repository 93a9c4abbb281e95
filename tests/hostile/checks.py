"""What the hostile-input tests share: the examples' settings, each example in a savepoint rolled back
after it (so every example starts from the same database), and a ``Watch`` that runs an example, checks
that a refusal changed no row, and remembers the outcomes seen: a fuzz test that never reaches the success
path, or never a refusal, proves little."""

from contextlib import contextmanager

from django.apps import apps
from django.conf import settings
from django.contrib.messages import get_messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import translation
from hypothesis import HealthCheck
from hypothesis import settings as hypothesis_settings

FUZZ = hypothesis_settings(max_examples=25, deadline=None, suppress_health_check=list(HealthCheck))
# The apps whose rows a participant's forms and the services write (reference data is read only).
WATCHED_APPS = (
    "stakeholders",
    "account",
    "lifecycle",
    "mail",
    "reminders",
    "stocktaking",
    "consultations",
    "forum_events",
    "prizes",
)
ACCEPTED, REFUSED = "accepted", "refused"


def database():
    """Every row of the watched apps (many-to-many links included), by model; in one language, since
    modeltranslation reads a translated field in the active one."""
    with translation.override(settings.LANGUAGE_CODE):
        return {
            model._meta.label: list(model.objects.order_by("pk").values_list())
            for label in WATCHED_APPS
            for model in apps.get_app_config(label).get_models(include_auto_created=True)
        }


@contextmanager
def example():
    """One example, in a savepoint rolled back after it."""
    with transaction.atomic():
        yield
        transaction.set_rollback(True)


def flash(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def in_every_language(message):
    """``message`` in each language of the portal, to find it among a response's messages."""
    found = set()
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            found.add(translation.gettext(message))
    return found


def by_status(response):
    """A view refuses a form with 400."""
    return response.status_code == 400


class Watch:
    """Runs a test's examples. The database before an example is the same for all of them (each is rolled
    back), so it is read once; ``expect`` fails unless every outcome wanted was seen."""

    def __init__(self):
        self.before = None
        self.seen = set()

    def _unchanged(self):
        assert database() == self.before, "a refusal changed the database"

    @contextmanager
    def example(self):
        with example():
            if self.before is None:
                self.before = database()
            yield

    def post(self, client, url, data, *, refused=by_status, codes=(302, 400), then=None):
        """POST ``data``: never a 5xx (the test client raises it), only ``codes`` (by default a redirect or a
        refusal: a form shown again with 200 was not handled, a closed phase for instance), and a refusal
        leaves the database as it was; ``then`` is given an accepted response, before the rollback. The
        messages an earlier example left unread are dropped first, so that ``flash`` reads this request's."""
        client.cookies.pop("messages", None)
        with self.example():
            response = client.post(url, data)
            assert response.status_code in codes, response.status_code
            is_refused = refused(response)
            if is_refused:
                self._unchanged()
            elif then is not None:
                then(response)
            self.seen.add(REFUSED if is_refused else ACCEPTED)
        return response

    def call(self, function, *args, then=None, **kwargs):
        """Call a service: it returns (``then`` is given what it returned, before the rollback) or refuses
        with a ``ValidationError`` that leaves the database as it was; any other exception fails the test."""
        with self.example():
            try:
                result = function(*args, **kwargs)
            except ValidationError:
                self._unchanged()
                self.seen.add(REFUSED)
                return
            self.seen.add(ACCEPTED)
            if then is not None:
                then(result)

    def expect(self, *wanted):
        assert set(wanted) <= self.seen, f"no example was {' or '.join(set(wanted) - self.seen)}"
