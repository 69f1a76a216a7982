"""Services the suite can use besides the database: Redis and a search cluster.

A test that needs a service that is not there is skipped with the reason and the way to start
it; in CI (`CI=true`) it fails instead, so that a run without the service cannot pass quietly.
"""

import os

import pytest
import redis

START_HINT = "start it with `make services` (docs/development.md)"


def missing(what):
    """Skip the current test because `what` is not available; fail in CI."""
    if os.environ.get("CI"):
        pytest.fail(f"{what}; CI must provide it", pytrace=False)
    pytest.skip(f"{what}; {START_HINT}")


def redis_url():
    """The Redis to test against: REDIS_TEST_URL."""
    url = os.environ.get("REDIS_TEST_URL", "")
    if not url:
        missing("no Redis: set REDIS_TEST_URL=redis://127.0.0.1:6379/15")
    try:
        redis.Redis.from_url(url, socket_connect_timeout=2).ping()
    except redis.RedisError as error:
        missing(f"Redis at {url} does not answer ({error})")
    return url
