"""The cache on Redis answers as an empty cache when Redis does not answer (wsis_portal.cache), so that
pages go on from the database while the broker is down; the real outage is tests/load/test_redis_outage.py."""

import logging

import pytest

from bench.gunicorn import free_port
from wsis_portal import cache as forgiving


@pytest.fixture
def unreachable():
    """The portal's cache pointed at a loopback port where nothing listens."""
    forgiving._Warnings.last = float("-inf")
    return forgiving.ForgivingRedisCache(
        f"redis://127.0.0.1:{free_port()}/0", {"OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1}}
    )


def test_reads_are_misses_and_writes_are_skipped(unreachable):
    assert unreachable.get("editions:version") is None
    assert unreachable.get("editions:version", "fallback") == "fallback"
    assert unreachable.get_many(["a", "b"]) == {}
    assert unreachable.has_key("a") is False
    assert unreachable.set("a", 1) is None
    assert unreachable.add("a", 1) is False
    assert unreachable.touch("a") is False
    assert unreachable.delete("a") is False
    assert unreachable.set_many({"a": 1}) == []
    assert unreachable.get_or_set("search:version", 0, None) == 0


def test_a_counter_reads_as_missing(unreachable):
    with pytest.raises(ValueError, match="the cache does not answer"):
        unreachable.incr("search:version")


def test_the_outage_is_logged_once_a_minute(unreachable, caplog):
    with caplog.at_level(logging.WARNING, logger="wsis_portal.cache"):
        for _ in range(3):
            unreachable.get("a")
    assert [record.getMessage()[:54] for record in caplog.records] == [
        "The cache (Redis) does not answer; going on without it"
    ]
