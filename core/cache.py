"""A Redis cache that fails open: while Redis is down or hangs, the site runs without it.

Every read then misses and every write is dropped, so pages are built from the database: slower,
never an error. Redis calls time out after `socket_timeout` seconds (settings: CACHE_TIMEOUT),
and after a failure Redis is left alone for RETRY_AFTER seconds, so that a hanging server costs
one timeout per process every RETRY_AFTER seconds rather than one per cache call.

`incr` of an unreachable cache raises `CacheUnavailable`, a ValueError as for a missing key, so
code that counts (core/ratelimit.py) can tell the two apart and code that does not care treats it
like a missing key.
"""

import logging
import time

from django.core.cache.backends.redis import RedisCache, RedisCacheClient

import redis

logger = logging.getLogger(__name__)

RETRY_AFTER = 10  # seconds
_down_until = {}  # per list of servers: when to try again (shared by the threads of a process)


class CacheUnavailable(ValueError):
    pass


class FailOpenRedisClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}  # id of a connection pool: its client

    def get_client(self, key=None, *, write=False):
        """A client per connection pool, made once: Django makes one per cache call, and
        redis-py sets up its table of reply handlers in each (a third of a millisecond). A
        client is safe to share between threads: each command takes a connection from the
        pool."""
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client

    def _guarded(self, fallback, call, *args):
        servers = tuple(self._servers)
        if time.monotonic() < _down_until.get(servers, 0):
            return fallback()
        try:
            return call(*args)
        except redis.RedisError as error:
            _down_until[servers] = time.monotonic() + RETRY_AFTER
            logger.warning(
                "Cache unreachable, the site runs without it for %d s: %s", RETRY_AFTER, error
            )
            return fallback()

    def add(self, key, value, timeout):
        return self._guarded(lambda: False, super().add, key, value, timeout)

    def get(self, key, default):
        return self._guarded(lambda: default, super().get, key, default)

    def set(self, key, value, timeout):
        return self._guarded(lambda: None, super().set, key, value, timeout)

    def touch(self, key, timeout):
        return self._guarded(lambda: False, super().touch, key, timeout)

    def delete(self, key):
        return self._guarded(lambda: False, super().delete, key)

    def get_many(self, keys):
        return self._guarded(dict, super().get_many, keys)

    def has_key(self, key):
        return self._guarded(lambda: False, super().has_key, key)

    def incr(self, key, delta):
        def unavailable():
            raise CacheUnavailable("The cache is unreachable.")

        return self._guarded(unavailable, super().incr, key, delta)

    def set_many(self, data, timeout):
        return self._guarded(lambda: None, super().set_many, data, timeout)

    def delete_many(self, keys):
        return self._guarded(lambda: None, super().delete_many, keys)

    def clear(self):
        return self._guarded(lambda: False, super().clear)


class FailOpenRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = FailOpenRedisClient
