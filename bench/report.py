"""Every benchmark of the portal in one run, and one Markdown report of their figures. Run on demand:

    .venv/bin/python bench/report.py [--out bench/REPORT.md] [--skip NAME ...] [--only NAME ...]

Each benchmark runs as its own process, one after the other (they would disturb each other's figures),
with its default size; its printed figures go into the report verbatim, under its name, with the command
that reproduces it, how long it took and how it ended. The report starts with the machine (CPUs, memory,
load average before and after, PostgreSQL and Python versions) so figures from different days can be
compared. A benchmark that fails is reported as failed, with its last lines, and the run goes on.

The stocktaking benchmark fills its database (200,000 entries) only when it is empty or ``--generate``
is given, since generating takes minutes and changes nothing in the figures.
"""

import argparse
import os
import platform
import subprocess
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable

# name: (what it measures, the command's arguments after the interpreter)
BENCHMARKS = {
    "home": ("Home page against a bare Django view through gunicorn (req/s, ratio)", ["bench/run.py"]),
    "stocktaking": (
        "Stocktaking search at 200,000 entries: p50/p95, ratio to the bare SQL, query counts, CSV export",
        ["bench/stocktaking.py", "measure"],
    ),
    "consultations": ("Consultation synthesis with 20,000 contributions", ["bench/consultations.py"]),
    "agenda": ("Forum agenda and iCal with 400 sessions", ["bench/forum_events.py"]),
    "letters": ("Warm time of a two-page Arabic circular letter PDF", ["bench/letters.py"]),
    "letter_batch": ("193 personalised ministers' letters with two workers", ["bench/letter_batch.py"]),
    "reminders": ("One reminder sweep over 100,000 due reminders with two workers", ["bench/reminders.py"]),
    "votes": (
        "Prize votes per second with 20 concurrent voters; champions for 1,000,000 votes",
        ["bench/prizes_votes.py"],
    ),
    "surge": (
        "Deadline surge: 300, then 60 and 100 users saving and submitting drafts for 60 s each through "
        "gunicorn, 1–3 s between clicks",
        ["bench/surge.py", "--users", "300,60,100"],
    ),
    "surge_paced": (
        "Deadline surge: 300 users saving and submitting drafts for 60 s through gunicorn, 5–15 s between "
        "clicks",
        ["bench/surge.py", "--think", "5-15"],
    ),
}


def machine():
    """The facts that make figures comparable: CPUs, memory, load, versions."""
    memory = ""
    meminfo = Path("/proc/meminfo")
    if meminfo.exists():
        total_kib = int(meminfo.read_text().split("\n", 1)[0].split()[1])
        memory = f"{total_kib / 1024 / 1024:.1f} GiB"
    try:
        postgres = subprocess.run(
            ["psql", "-h", "127.0.0.1", "-U", "postgres", "-tAc", "SHOW server_version"],
            capture_output=True,
            text=True,
            timeout=10,
        ).stdout.strip()
    except (OSError, subprocess.TimeoutExpired):
        postgres = "not reachable"
    return {
        "date": datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "CPUs": str(os.cpu_count()),
        "memory": memory,
        "load average": " ".join(f"{value:.2f}" for value in os.getloadavg()),
        "Python": platform.python_version(),
        "PostgreSQL": postgres or "not reachable",
        "commit": subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, cwd=ROOT
        ).stdout.strip(),
    }


def run(arguments, timeout):
    """Run one benchmark; (seconds, exit code, its output)."""
    started = time.perf_counter()
    try:
        done = subprocess.run(
            [PYTHON, *arguments],
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=timeout,
            env={**os.environ, "PYTHONUNBUFFERED": "1"},
        )
        code, output = done.returncode, done.stdout + (done.stderr if done.returncode else "")
    except subprocess.TimeoutExpired as expired:
        code, output = "timeout", (expired.stdout or b"").decode(errors="replace")
    return time.perf_counter() - started, code, output.rstrip()


def report(results, before, after):
    lines = ["# WSIS Forum Portal — benchmark report", ""]
    lines += ["| | |", "|---|---|"]
    lines += [f"| {key} | {value} |" for key, value in before.items()]
    lines += [f"| load average after | {after['load average']} |", ""]
    lines += ["Reproduce: `.venv/bin/python bench/report.py` (or each command below).", ""]
    lines += ["| benchmark | took | ended |", "|---|---|---|"]
    for name, (_title, _arguments, seconds, code, _output) in results.items():
        ended = "ok" if code == 0 else f"failed ({code})"
        lines.append(f"| [{name}](#{name}) | {seconds:.0f} s | {ended} |")
    lines.append("")
    for name, (title, arguments, _seconds, code, output) in results.items():
        lines += [f"## {name}", "", title, "", f"`.venv/bin/python {' '.join(arguments)}`", ""]
        lines += ["```", output if code == 0 else "\n".join(output.splitlines()[-40:]), "```", ""]
    return "\n".join(lines)


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "bench" / "REPORT.md"))
    parser.add_argument("--only", nargs="*", choices=list(BENCHMARKS), default=None)
    parser.add_argument("--skip", nargs="*", choices=list(BENCHMARKS), default=[])
    parser.add_argument("--generate", action="store_true", help="fill the stocktaking database again")
    parser.add_argument("--timeout", type=int, default=1800, help="seconds one benchmark may take")
    options = parser.parse_args()

    names = [name for name in (options.only or BENCHMARKS) if name not in options.skip]
    before = machine()
    results = {}
    if "stocktaking" in names and (options.generate or not stocktaking_filled()):
        print("stocktaking: generating 200,000 entries first", flush=True)
        run(["bench/stocktaking.py", "generate"], options.timeout)
    for name in names:
        title, arguments = BENCHMARKS[name]
        print(f"{name}: {' '.join(arguments)}", flush=True)
        seconds, code, output = run(arguments, options.timeout)
        print(f"  {seconds:.0f} s, {'ok' if code == 0 else f'failed ({code})'}", flush=True)
        results[name] = (title, arguments, seconds, code, output)
    Path(options.out).write_text(report(results, before, machine()))
    print(f"Report written to {options.out}")
    return 0 if all(code == 0 for *_, code, _output in results.values()) else 1


def stocktaking_filled() -> bool:
    """Whether the stocktaking benchmark's database already holds its entries."""
    check = subprocess.run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "wsis_bench",
            "-tAc",
            "SELECT count(*) FROM stocktaking_entry",
        ],
        capture_output=True,
        text=True,
    )
    return check.returncode == 0 and check.stdout.strip().isdigit() and int(check.stdout) >= 200_000


if __name__ == "__main__":
    sys.exit(main())
