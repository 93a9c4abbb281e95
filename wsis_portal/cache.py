"""The cache on Redis, which the portal can do without. Redis is also the Celery broker: when it stops,
the pages must go on from the database (the outbox requeues the mail once it is back). So a cache read
that Redis does not answer is a miss and a write is skipped, with a warning in the log at most once a
minute per process, instead of a 500 on every page that reads the cache."""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

log = logging.getLogger(__name__)
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError)
WARN_EVERY = 60  # seconds


class _Warnings:
    last = float("-inf")

    @classmethod
    def unavailable(cls, error):
        if time.monotonic() - cls.last >= WARN_EVERY:
            cls.last = time.monotonic()
            log.warning("The cache (Redis) does not answer; going on without it: %s", error)


class ForgivingRedisCacheClient(RedisCacheClient):
    """Django's client, each call answering as an empty cache would when Redis cannot be reached."""

    def add(self, key, value, timeout):
        try:
            return super().add(key, value, timeout)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            return False

    def get(self, key, default):
        try:
            return super().get(key, default)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            return default

    def set(self, key, value, timeout):
        try:
            super().set(key, value, timeout)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)

    def touch(self, key, timeout):
        try:
            return super().touch(key, timeout)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            return False

    def delete(self, key):
        try:
            return super().delete(key)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            return False

    def get_many(self, keys):
        try:
            return super().get_many(keys)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            return {}

    def has_key(self, key):
        try:
            return super().has_key(key)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            return False

    def incr(self, key, delta):
        try:
            return super().incr(key, delta)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            raise ValueError(f"Key '{key}' not found: the cache does not answer") from error

    def set_many(self, data, timeout):
        try:
            super().set_many(data, timeout)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)

    def delete_many(self, keys):
        try:
            super().delete_many(keys)
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)

    def clear(self):
        try:
            return super().clear()
        except UNAVAILABLE as error:
            _Warnings.unavailable(error)
            return False


class ForgivingRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that carries on as an empty cache while Redis is
    down. Give it ``socket_connect_timeout`` and ``socket_timeout`` in OPTIONS, so a Redis that accepts
    connections but never answers costs a page a second, not forever."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ForgivingRedisCacheClient
