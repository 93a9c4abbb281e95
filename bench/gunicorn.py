"""The portal under gunicorn on loopback in production mode, as docker-compose's web service runs it.
Used by the benchmark and by the deployment test."""

import os
import socket
import subprocess
import sys
import time
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Variables of the calling test or shell that must not leak into a production process.
NOT_INHERITED = ("DJANGO_SETTINGS_MODULE", "DJANGO_ALLOW_ASYNC_UNSAFE", "REDIS_URL", "EMAIL_URL")


def production_env(workdir, **overrides):
    """Environment of a production process whose database, static and media files live in ``workdir``."""
    env = {name: value for name, value in os.environ.items() if name not in NOT_INHERITED}
    env.update(
        {
            "PORTAL_ENV": "production",
            "SECRET_KEY": "loopback-only-production-secret-" + "s" * 40,
            "ALLOWED_HOSTS": "wsis.example.org,127.0.0.1,localhost",
            "DATABASE_URL": env.get("DATABASE_URL") or f"sqlite:///{Path(workdir) / 'portal.sqlite3'}",
            "STATIC_ROOT": str(Path(workdir) / "static"),
            "MEDIA_ROOT": str(Path(workdir) / "media"),
        }
    )
    env.update(overrides)
    return env


def manage(env, *commands):
    """Run each ``manage.py`` command (a list of arguments) in ``env``; stop at the first failure."""
    for command in commands:
        subprocess.run(
            [sys.executable, "manage.py", *command], cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL
        )


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextmanager
def gunicorn(env, workers=1):
    """Serve the portal with gunicorn on a free loopback port; yields the port once it accepts."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "wsis_portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            str(workers),
            "--log-level",
            "warning",
            "--no-control-socket",
        ],
        cwd=ROOT,
        env=env,
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError("gunicorn did not start") from None
                time.sleep(0.1)
        yield port
    finally:
        server.terminate()
        server.wait(timeout=30)
