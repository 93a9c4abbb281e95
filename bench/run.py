"""Benchmarks of the WSIS Forum Portal. Run on demand, never as tests:

    .venv/bin/python bench/run.py [--seconds 10] [--clients 4] [--workers 2]

Figure 1: requests per second of the home page (/en/, demo data, anonymous) against a bare Django view
returning a constant, both served by the same gunicorn in one run, and their ratio (goal >= 0.5).
Uses DATABASE_URL when set, else a fresh SQLite file; production settings over plain HTTP on loopback.
"""

import argparse
import http.client
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gunicorn import gunicorn, manage, production_env  # noqa: E402


def hammer(port, path, seconds, queue):
    """One client, like a browser tab: sequential GETs for ``seconds``, sending back the cookies it was
    given (language, CSRF); reports (count, errors, latencies in ms)."""
    latencies, errors, cookies = [], 0, {}
    deadline = time.perf_counter() + seconds
    while time.perf_counter() < deadline:
        start = time.perf_counter()
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        try:
            headers = {"Accept-Language": "en"}
            if cookies:
                headers["Cookie"] = "; ".join(f"{name}={value}" for name, value in cookies.items())
            connection.request("GET", path, headers=headers)
            response = connection.getresponse()
            response.read()
            for header in response.headers.get_all("Set-Cookie") or ():
                name, _, rest = header.partition("=")
                cookies[name] = rest.split(";", 1)[0]
            if response.status != 200:
                errors += 1
        except OSError:
            errors += 1
        finally:
            connection.close()
        latencies.append((time.perf_counter() - start) * 1000)
    queue.put((len(latencies), errors, latencies))


def measure(port, path, seconds, clients):
    queue = multiprocessing.Queue()
    processes = [
        multiprocessing.Process(target=hammer, args=(port, path, seconds, queue)) for _ in range(clients)
    ]
    for process in processes:
        process.start()
    results = [queue.get() for _ in processes]
    for process in processes:
        process.join()
    count = sum(r[0] for r in results)
    errors = sum(r[1] for r in results)
    latencies = sorted(latency for r in results for latency in r[2])
    return {
        "rps": count / seconds,
        "errors": errors,
        "p50": statistics.median(latencies),
        "p95": latencies[int(len(latencies) * 0.95) - 1],
    }


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--seconds", type=float, default=10)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--rounds", type=int, default=2)
    args = parser.parse_args()

    env = production_env(tempfile.mkdtemp(prefix="wsis-bench-"), DJANGO_SETTINGS_MODULE="bench.settings")
    manage(env, ["migrate", "--noinput", "-v", "0"], ["load_demo", "--force"], ["collectstatic", "--noinput"])
    with gunicorn(env, workers=args.workers) as port:
        for path in ("/bench/constant/", "/en/"):
            measure(port, path, 1, args.clients)  # warm-up: imports, template cache, connections
        figures = {"/bench/constant/": [], "/en/": []}
        for _ in range(args.rounds):
            for path in figures:
                figures[path].append(measure(port, path, args.seconds, args.clients))

    database = env["DATABASE_URL"].split(":", 1)[0]
    print(
        f"WSIS portal benchmark — gunicorn {args.workers} workers, {args.clients} clients, "
        f"{args.rounds}×{args.seconds:g} s per URL, database {database}, {os.cpu_count()} CPUs"
    )
    summary = {}
    for path, runs in figures.items():
        rps = statistics.mean(run["rps"] for run in runs)
        summary[path] = rps
        p50 = statistics.mean(run["p50"] for run in runs)
        p95 = statistics.mean(run["p95"] for run in runs)
        errors = sum(run["errors"] for run in runs)
        print(f"  {path:<18} {rps:8.1f} req/s   p50 {p50:6.1f} ms   p95 {p95:6.1f} ms   errors {errors}")
    ratio = summary["/en/"] / summary["/bench/constant/"]
    print(f"  home / constant ratio: {ratio:.2f} (goal >= 0.5) {'OK' if ratio >= 0.5 else 'BELOW GOAL'}")


if __name__ == "__main__":
    main()
