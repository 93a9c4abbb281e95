"""A broker that accepts connections but never answers (a frozen Redis) must not hang the secretariat's
request: queueing the letter's PDF fails within seconds, and the letter is issued all the same."""

import socket
import threading

import pytest
from celery import Celery

pytestmark = pytest.mark.django_db


@pytest.fixture
def silent_broker():
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen()
    yield f"redis://127.0.0.1:{server.getsockname()[1]}/0"
    server.close()


def test_a_publish_to_a_silent_broker_fails_instead_of_hanging(silent_broker):
    app = Celery("silent", set_as_current=False)
    app.config_from_object("django.conf:settings", namespace="CELERY")
    app.conf.update(broker_url=silent_broker, task_always_eager=False)
    failures = []

    def publish():
        try:
            app.send_task("wsis_portal.letters.tasks.render_letter_pdf", args=[1, "ar"])
        except Exception as error:  # kombu's or redis's own, whichever comes first
            failures.append(error)

    attempt = threading.Thread(target=publish, daemon=True)  # without socket timeouts it waits for ever
    attempt.start()
    attempt.join(timeout=60)
    assert not attempt.is_alive(), "the publish to a silent broker is still waiting"
    assert len(failures) == 1
