"""Requests per second of cached pages, through gunicorn and through Varnish, beside a plain
Django "hello" view measured in the same run.

    .venv/bin/python -m bench.throughput [SECONDS]     (per measurement, default 10)

Builds the demo site (production settings, SQLite, the page cache on, Redis when REDIS_URL is
set, else the file cache) in a scratch folder, starts gunicorn with 2 sync workers and measures
with `wrk` (Debian package `wrk`): the hello view (bench/hello_settings.py) and pages the page
cache answers, alternately, twice; then Varnish (Debian package `varnish`) with
deploy/varnish/kennisplatform.vcl in front of it. Figures go in docs/benchmarks.md.
"""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.page_instructions import ROOT, build, environment

PAGES = ["/", "/nieuws/", "news item", "/themas/krimp/"]
CONNECTIONS = 16
WORKERS = 2


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(url, seconds=30):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:  # noqa: S310 (local)
                return response.headers
        except OSError:
            time.sleep(0.2)
    raise SystemExit(f"{url} did not answer within {seconds} s")


def requests_per_second(url, seconds):
    result = subprocess.run(  # noqa: S603
        [shutil.which("wrk"), "-t2", f"-c{CONNECTIONS}", f"-d{seconds}s", url],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", result.stdout)
    if errors:
        raise SystemExit(f"{url}: {errors.group(1)} error responses\n{result.stdout}")
    return float(re.search(r"Requests/sec:\s+([\d.]+)", result.stdout).group(1))


def start_gunicorn(folder, port, page_cache="on"):
    env = {**environment(folder), "PAGE_CACHE": page_cache,
           "REDIS_URL": os.environ.get("REDIS_URL", ""),
           "DJANGO_SETTINGS_MODULE": "bench.hello_settings"}  # fmt: skip
    command = [sys.executable, "-m", "gunicorn", "config.wsgi", "--workers", str(WORKERS),
               "--bind", f"127.0.0.1:{port}", "--log-level", "warning"]  # fmt: skip
    return subprocess.Popen(command, env=env, cwd=ROOT)  # noqa: S603


def start_varnish(folder, backend_port, port):
    vcl = (ROOT / "deploy" / "varnish" / "kennisplatform.vcl").read_text()
    vcl = vcl.replace('.port = "8000";', f'.port = "{backend_port}";')
    (folder / "site.vcl").write_text(vcl)
    work = folder / "varnish"
    work.mkdir()
    os.chmod(folder, 0o755)  # noqa: S103 (varnishd's workers run as their own user)
    command = [shutil.which("varnishd"), "-F", "-n", str(work), "-a", f"127.0.0.1:{port}",
               "-f", str(folder / "site.vcl"), "-s", "malloc,256m"]  # fmt: skip
    return subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)  # noqa: S603


def measure(seconds):
    for program in ("wrk", "varnishd"):
        if shutil.which(program) is None:
            raise SystemExit(f"{program} is not installed (apt-get install {program})")
    folder = Path(tempfile.mkdtemp(prefix="kennisplatform-throughput-"))
    processes = []
    try:
        urls = build(folder)
        pages = [urls.get(page, page) for page in PAGES]
        port, front_port = free_port(), free_port()
        processes.append(start_gunicorn(folder, port))
        site = f"http://localhost:{port}"
        wait_for(f"{site}/hello/")
        for page in pages:
            wait_for(site + page)
            if wait_for(site + page).get("X-Page-Cache") != "hit":
                raise SystemExit(f"{page} is not served from the page cache")
        print(f"cache: {'Redis' if os.environ.get('REDIS_URL') else 'file'}; "
              f"gunicorn {WORKERS} sync workers; wrk 2 threads, {CONNECTIONS} connections, "
              f"{seconds} s each")  # fmt: skip
        for round_number in (1, 2):
            hello = requests_per_second(f"{site}/hello/", seconds)
            print(f"round {round_number}: hello view {hello:8.0f} req/s")
            for page in pages:
                cached = requests_per_second(site + page, seconds)
                print(f"round {round_number}: {page:<40} {cached:8.0f} req/s "
                      f"({cached / hello:.0%} of hello)", flush=True)  # fmt: skip
        processes.append(start_varnish(folder, port, front_port))
        front = f"http://localhost:{front_port}"
        for page in pages:
            wait_for(front + page)
            if wait_for(front + page).get("X-Front-Cache") != "hit":
                raise SystemExit(f"{page} is not served from Varnish")
            print(f"varnish: {page:<40} {requests_per_second(front + page, seconds):8.0f} req/s",
                  flush=True)  # fmt: skip
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=30)
        shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    measure(int(sys.argv[1]) if len(sys.argv) > 1 else 10)
