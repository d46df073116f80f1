"""External services for the serving tests: skip locally when one is missing, fail under `make test`.

`make test` starts PostgreSQL and Redis and sets PORTAL_REQUIRE_SERVICES=1, so a missing service
fails the run there instead of silently skipping (as with the search engine's tests).
"""

import os
import re
import shutil
import socket
import subprocess
import tempfile
import time
from contextlib import contextmanager
from pathlib import Path

from django.db import connection

import pytest

ROOT = Path(__file__).resolve().parents[1]
VARNISHD = "/usr/sbin/varnishd"


def missing(reason):
    if os.environ.get("PORTAL_REQUIRE_SERVICES") == "1":
        pytest.fail(f"{reason} (make test provides it)")
    pytest.skip(reason)


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL-only: make test runs the suite on PostgreSQL")


def require_redis():
    url = os.environ.get("PORTAL_TEST_REDIS_URL")
    if not url:
        missing("PORTAL_TEST_REDIS_URL is not set")
    import redis

    # Each pytest-xdist worker gets a database of its own (gw0: 15, gw1: 14 ...): tests flush it.
    worker = os.environ.get("PYTEST_XDIST_WORKER", "gw0")
    url = re.sub(r"/\d+$", "", url) + f"/{15 - int(worker.removeprefix('gw') or 0) % 16}"
    try:
        redis.Redis.from_url(url, socket_connect_timeout=1).ping()
    except redis.RedisError as error:
        missing(f"Redis at {url} does not answer: {error}")
    return url


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for_port(port, timeout=15.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.1)
    raise TimeoutError(f"nothing listens on 127.0.0.1:{port} after {timeout} s")


@contextmanager
def varnish_in_front(backend_port):
    """Run Varnish with the project's deploy/varnish/default.vcl, its backend moved to
    `backend_port`; yields Varnish's port."""
    if not shutil.which(VARNISHD):
        missing("varnishd is not installed (scripts/system-packages.sh varnish)")
    vcl = (ROOT / "deploy" / "varnish" / "default.vcl").read_text()
    vcl, count = re.subn(r'\.port = "8001";', f'.port = "{backend_port}";', vcl)
    assert count == 1, "the VCL's backend port is not where the test expects it"
    port = free_port()
    with tempfile.TemporaryDirectory(prefix="portal-varnish-") as workdir:
        vcl_path = Path(workdir) / "test.vcl"
        vcl_path.write_text(vcl)
        pidfile = Path(workdir) / "varnishd.pid"
        # varnishd drops its privileges: its own users must be able to read the VCL and work folder.
        Path(workdir).chmod(0o755)
        started = subprocess.run(  # noqa: S603 (fixed arguments)
            [VARNISHD, "-a", f"127.0.0.1:{port}", "-T", f"127.0.0.1:{free_port()}", "-f", str(vcl_path),
             "-s", "malloc,32m", "-n", str(Path(workdir) / "n"), "-P", str(pidfile)],
            capture_output=True, text=True, timeout=30,
        )  # fmt: skip
        assert started.returncode == 0, f"varnishd did not start: {started.stdout} {started.stderr}"
        try:
            wait_for_port(port)
            yield port
        finally:
            if pidfile.exists():
                subprocess.run(["kill", "-TERM", pidfile.read_text().strip()], check=False)  # noqa: S603, S607
                time.sleep(0.3)


class FlakyRelay:
    """A TCP relay to a local service that can go away as a restart does: every open connection
    is cut and new ones are refused until `restore()`. Lets a test restart "PostgreSQL" for one
    server process without touching the database that the other tests (and workers) use."""

    def __init__(self, target_port):
        import threading

        self.target_port = target_port
        self.port = free_port()
        self._lock = threading.Lock()
        self._sockets = set()
        self._listener = None

    def start(self):
        import threading

        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(64)
        self._listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def _accept(self, listener):
        import threading

        while True:
            try:
                client, _ = listener.accept()
            except OSError:  # the listener was closed: an outage
                return
            upstream = socket.create_connection(("127.0.0.1", self.target_port))
            with self._lock:
                self._sockets |= {client, upstream}
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=self._pump, args=(source, sink), daemon=True).start()

    def _pump(self, source, sink):
        try:
            while data := source.recv(65536):
                sink.sendall(data)
        except OSError:
            pass
        finally:
            for sock in (source, sink):
                try:
                    sock.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def outage(self):
        # shutdown() wakes the thread blocked in accept(); close() alone would leave it listening.
        try:
            self._listener.shutdown(socket.SHUT_RDWR)
        except OSError:
            pass
        self._listener.close()
        with self._lock:
            sockets, self._sockets = self._sockets, set()
        for sock in sockets:
            try:
                sock.shutdown(socket.SHUT_RDWR)
            except OSError:
                pass
            sock.close()

    restore = start
    stop = outage
