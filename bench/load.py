"""A mixed load on a running site: pages, search, the search API, feeds and newsletter sign-ups.

    python -m bench.load run http://127.0.0.1:8100 SECONDS USERS > results.json
    python -m bench.load report results.json [EVENT=SECONDS ...]

`run`: each user repeats a random visit for SECONDS seconds; prints, as JSON, every request's
start time (seconds since the load began), what it was, its status (0: no answer) and duration.
Sign-ups fetch the form first for its CSRF token and claim a distinct address in X-Forwarded-For,
as visitors behind one proxy would (run the site with NUM_PROXIES=1).
`report`: totals, failures per kind, and when failures began and ended, next to the events.
"""

import json
import random
import re
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

PAGES = ["/", "/themas/", "/nieuws/", "/publicaties/", "/praktijkvoorbeelden/", "/agenda/"]
QUERIES = ["krimp", "samenwerking schoolbesturen", "lerarentekort", "huisvesting regio", "fusie"]
FEEDS = ["/feeds/rss/", "/feeds/atom/", "/feeds/agenda.ics", "/sitemap.xml"]
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
CSRF_COOKIE = re.compile(r"csrftoken=([^;]+)")


def request(opener, url, data=None, headers=None):
    """(status, body, Set-Cookie headers, start time); the site's cookies are Secure, so over
    plain HTTP they are sent back by hand."""
    started = time.monotonic()
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    try:
        page = urllib.request.Request(url, body, headers or {})  # noqa: S310 - the site's URLs
        with opener.open(page, timeout=30) as answer:
            cookies = answer.headers.get_all("Set-Cookie") or []
            return answer.status, answer.read().decode(errors="replace"), cookies, started
    except urllib.error.HTTPError as error:
        return error.code, "", [], started
    except OSError:
        return 0, "", [], started


class NoRedirects(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def visit(base, number, counter):
    """One visit: what it was and its answers, as (kind, status, started, duration)."""
    opener = urllib.request.build_opener(NoRedirects)
    kind = random.choice(["page", "page", "search", "api", "feed", "signup"])
    if kind == "page":
        url = base + random.choice(PAGES)
    elif kind == "search":
        url = base + "/zoeken/?" + urllib.parse.urlencode({"q": random.choice(QUERIES)})
    elif kind == "api":
        url = base + "/zoeken/api/?" + urllib.parse.urlencode({"q": random.choice(QUERIES)})
    elif kind == "feed":
        url = base + random.choice(FEEDS)
    if kind != "signup":
        status, _, _, started = request(opener, url)
        return [(kind, status, started, time.monotonic() - started)]
    address = f"10.{number % 250}.{counter // 250 % 250}.{counter % 250 + 1}"
    headers = {"X-Forwarded-For": address}
    status, form, cookies, started = request(opener, base + "/nieuwsbrief/", headers=headers)
    token = CSRF.search(form)
    cookie = next((m.group(1) for c in cookies if (m := CSRF_COOKIE.search(c))), None)
    if status != 200 or token is None or cookie is None:
        return [("signup form", status, started, time.monotonic() - started)]
    data = {"csrfmiddlewaretoken": token.group(1), "email": f"lid{number}-{counter}@example.org",
            "consent": "on", "scope": "alle"}  # fmt: skip
    headers["Cookie"] = f"csrftoken={cookie}"
    status, _, _, started = request(opener, base + "/nieuwsbrief/", data, headers)
    # A stored sign-up redirects (302) to "check your e-mail"; anything else is a failure.
    return [("signup", 200 if status == 302 else status or 0, started, time.monotonic() - started)]


def run(base, seconds, users):
    results, began = [], time.monotonic()

    def user(number):
        counter = 0
        while time.monotonic() - began < seconds:
            counter += 1
            for kind, status, started, duration in visit(base, number, counter):
                results.append((round(started - began, 3), kind, status, round(duration, 3)))

    threads = [threading.Thread(target=user, args=(n,)) for n in range(users)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    json.dump(sorted(results), sys.stdout)


def report(path, events):
    results = json.loads(open(path).read())  # noqa: SIM115
    failed = [r for r in results if r[2] != 200]
    duration = max(r[0] for r in results) or 1
    print(f"requests: {len(results)} in {duration:.0f} s ({len(results) / duration:.1f}/s)")
    print(f"failed: {len(failed)} ({100 * len(failed) / len(results):.2f} %)")
    kinds = sorted({r[1] for r in results})
    for kind in kinds:
        of_kind = [r for r in results if r[1] == kind]
        bad = [r for r in of_kind if r[2] != 200]
        statuses = sorted({r[2] for r in bad})
        slowest = sorted(r[3] for r in of_kind)[int(0.95 * (len(of_kind) - 1))]
        print(f"  {kind:12} {len(of_kind):6} requests, {len(bad):4} failed {statuses or ''}"
              f" p95 {slowest * 1000:.0f} ms")  # fmt: skip
    for name, at in sorted(events.items(), key=lambda item: item[1]):
        print(f"event: {name} at {at:.1f} s")
    # Failures less than 2 s apart belong to one window; each window follows one event.
    windows = []
    for started, _, _, took in failed:
        if windows and started - windows[-1][1] < 2:
            windows[-1][1] = max(windows[-1][1], started + took)
        else:
            windows.append([started, started + took])
    for first, last in windows:
        count = sum(1 for r in failed if first <= r[0] <= last)
        print(f"failures from {first:.1f} s to {last:.1f} s: {count}")


def main():
    if sys.argv[1] == "run":
        run(sys.argv[2].rstrip("/"), float(sys.argv[3]), int(sys.argv[4]))
    else:
        events = dict(arg.split("=") for arg in sys.argv[3:])
        report(sys.argv[2], {name: float(at) for name, at in events.items()})


if __name__ == "__main__":
    main()
