"""The letters' tests render PDFs in-process: what a real worker adds (claiming, requeueing) is tested on
the task functions themselves."""

import pytest


@pytest.fixture(autouse=True)
def _eager(eager_celery):
    yield
