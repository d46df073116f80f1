"""Serving in production: what the front cache may keep, a database outage, a Redis outage,
and one cache shared by every worker process."""

import contextlib
import logging
import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from django.db import OperationalError
from django.test import override_settings

from wagtail.models import Site

import pytest

from tests.services import FlakyRelay, free_port, require_postgresql, require_redis, wait_for_port

ROOT = Path(__file__).resolve().parents[2]


def cache_control(response):
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_anonymous_public_pages_may_be_kept_by_the_front_cache(client, portal_sections):
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    assert {"public", "s-maxage=600", "max-age=60"} <= cache_control(response)
    assert response.has_header("ETag")


def test_search_and_feeds_are_kept_for_less_time(client, portal_sections):
    assert "s-maxage=60" in cache_control(client.get("/tim-kiem/", {"q": "khai sinh"}))
    assert "s-maxage=300" in cache_control(client.get("/tin-tuc/rss/"))
    assert "s-maxage=300" in cache_control(client.get("/sitemap.xml"))


def test_missing_pages_are_kept_briefly(client, portal_sections):
    response = client.get("/khong-co-trang-nay/")
    assert response.status_code == 404
    assert "s-maxage=60" in cache_control(response)


def test_logged_in_visitors_and_the_admin_are_never_cached(client, portal_sections, django_user_model):
    user = django_user_model.objects.create_superuser("bientap", "bt@tiengiang.gov.vn", "matkhau-dai-2026")
    assert "private" in cache_control(client.get("/admin/login/"))
    client.force_login(user)
    response = client.get("/tin-tuc/")
    assert response.status_code == 200
    assert {"private", "no-cache"} <= cache_control(response)
    assert "private" in cache_control(client.get("/admin/"))


@pytest.mark.parametrize("restriction_type", ["login", "password"])
def test_private_pages_are_never_kept_for_anonymous_visitors(client, portal_sections, restriction_type):
    from wagtail.models import PageViewRestriction

    section = portal_sections["tin-tuc"]
    PageViewRestriction.objects.create(
        page=section, restriction_type=restriction_type, password="mat-khau-2026"
    )
    response = client.get("/tin-tuc/")
    assert response.status_code == (302 if restriction_type == "login" else 200)
    assert "public" not in cache_control(response)


def test_form_posts_are_not_marked_cacheable(client, portal_sections):
    response = client.post("/tin-tuc/", {"q": "x"})
    assert "public" not in cache_control(response)


def test_a_database_outage_answers_a_vietnamese_503(client, portal_sections, monkeypatch):
    def unreachable(*args, **kwargs):
        raise OperationalError("connection to server at 127.0.0.1, port 5433 failed: Connection refused")

    monkeypatch.setattr(Site, "find_for_request", unreachable)
    client.raise_request_exception = False
    response = client.get("/tin-tuc/")
    assert response.status_code == 503
    assert response["Retry-After"] == "10"
    assert "no-store" in response["Cache-Control"]
    body = response.content.decode()
    assert "Cổng thông tin đang tạm thời gián đoạn" in body
    assert "Traceback" not in body and "OperationalError" not in body


REDIS_DOWN = {
    "default": {
        "BACKEND": "django_redis.cache.RedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens on port 1
        "OPTIONS": {"IGNORE_EXCEPTIONS": True, "SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
    }
}


def test_pages_are_served_while_redis_is_down_and_the_error_is_logged(client, portal_sections, caplog):
    with override_settings(CACHES=REDIS_DOWN), caplog.at_level(logging.ERROR, logger="portal.cache"):
        response = client.get("/")
    assert response.status_code == 200
    assert "Tin tức" in response.content.decode()
    assert any(record.name == "portal.cache" for record in caplog.records)


def _database_url(port=None):
    """The test database's URL for a production process; `port` to reach it through a relay."""
    from django.db import connection

    database = connection.settings_dict
    host = "127.0.0.1" if port else database["HOST"]
    return f"postgres://{database['USER']}@{host}:{port or database['PORT']}/{database['NAME']}"


def _production_environment(database_url, redis_url, name):
    environment = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "portal_site.settings.production",
        "SECRET_KEY": "two-process-test-" + "k" * 40,
        "ALLOWED_HOSTS": "*",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        # Shared by the test's processes (workers of one portal), apart from other tests' keys.
        "CACHE_KEY_PREFIX": f"{name}-{os.getpid()}-{time.time_ns()}",
        "SECURE_SSL_REDIRECT": "false",
    }
    environment.pop("ELASTICSEARCH_URL", None)
    environment.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)  # the browser tests', not production's
    return environment


def _collect_static(environment):
    # The manifest storage answers 500 for any page whose template names a file missing from the
    # manifest, so the production processes need collectstatic first, as `make serve` runs it.
    collected = subprocess.run(  # noqa: S603 (fixed arguments)
        [sys.executable, "manage.py", "collectstatic", "--noinput", "-v", "0"],
        cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert collected.returncode == 0, collected.stdout + collected.stderr


def _production_server(port, environment):
    """gunicorn with deploy/gunicorn.conf.py, as `make serve` and a province run it, one worker."""
    return subprocess.Popen(  # noqa: S603 (fixed arguments)
        [sys.executable, "-m", "gunicorn", "-c", "deploy/gunicorn.conf.py", "portal_site.wsgi:application"],
        cwd=ROOT,
        env={**environment, "GUNICORN_BIND": f"127.0.0.1:{port}", "GUNICORN_WORKERS": "1"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )


@contextlib.contextmanager
def _production_servers(environment, count=1):
    """`count` production gunicorn processes, each on a free port and answering: [(port, process)].
    They are stopped afterwards."""
    _collect_static(environment)
    servers = []
    try:
        for _ in range(count):
            port = free_port()
            servers.append((port, _production_server(port, environment)))
        for port, _ in servers:
            wait_for_port(port, timeout=30)
        yield servers
    finally:
        for _, server in servers:
            server.terminate()
            server.wait(timeout=10)


def _get(port, path, host):
    request = urllib.request.Request(f"http://127.0.0.1:{port}{path}", headers={"Host": host})
    try:
        with urllib.request.urlopen(request, timeout=60) as response:  # noqa: S310 (loopback)
            return response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_a_new_agency_host_name_is_served_at_once_by_every_worker(portal_sections):
    """Two gunicorn processes share Redis: Wagtail's site-root cache, warmed in both, is cleared
    for both when another process (create_agency) adds a site."""
    require_postgresql()
    environment = _production_environment(_database_url(), require_redis(), "two-process")
    with _production_servers(environment, count=2) as servers:
        for port, _ in servers:
            # Each worker learns the sites now, before the agency's host name exists.
            status, body = _get(port, "/", "stp.tiengiang.gov.vn")
            assert status == 200 and "Cổng thông tin" in body
        created = subprocess.run(  # noqa: S603 (fixed arguments)
            [sys.executable, "manage.py", "create_agency", "--slug", "so-tu-phap", "--name", "Sở Tư pháp",
             "--hostname", "stp.tiengiang.gov.vn"],
            cwd=ROOT, env=environment, capture_output=True, text=True, timeout=120,
        )  # fmt: skip
        assert created.returncode == 0, created.stdout + created.stderr
        for port, _ in servers:
            status, body = _get(port, "/", "stp.tiengiang.gov.vn")
            assert status == 200
            assert "Sở Tư pháp" in body.split("<h1", 1)[1].split("</h1>", 1)[0]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_requests_recover_after_a_postgresql_restart_without_restarting_gunicorn(portal_sections):
    """The database goes away (every connection cut, new ones refused) and comes back: meanwhile
    visitors get the Vietnamese 503, afterwards the same gunicorn worker answers again, because
    CONN_HEALTH_CHECKS replaces its dead persistent connection."""
    require_postgresql()
    redis_url = require_redis()
    from django.db import connection

    relay = FlakyRelay(int(connection.settings_dict["PORT"]))
    relay.start()
    environment = _production_environment(_database_url(relay.port), redis_url, "pg-restart")
    try:
        with _production_servers(environment) as [(port, server)]:
            status, body = _get(port, "/", "localhost")
            assert status == 200 and "Tin tức" in body
            pid = _worker_pids(server)

            relay.outage()
            status, body = _get(port, "/tin-tuc/", "localhost")
            assert status == 503
            assert "Cổng thông tin đang tạm thời gián đoạn" in body

            relay.restore()
            status, body = _get(port, "/tin-tuc/", "localhost")
            assert status == 200 and "Tin tức" in body
            assert _worker_pids(server) == pid  # the same worker: nothing was restarted
    finally:
        relay.stop()


def _worker_pids(server):
    children = Path(f"/proc/{server.pid}/task/{server.pid}/children")
    return children.read_text().split() if children.exists() else []


def _remote_ports(pid):
    """The remote ports of the TCP connections process `pid` holds open (as `ss -tnp` lists)."""
    inodes = set()
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue  # closed meanwhile
        if target.startswith("socket:["):
            inodes.add(target[len("socket:[") : -1])
    ports = set()
    for table in ("tcp", "tcp6"):
        for line in Path(f"/proc/{pid}/net/{table}").read_text().splitlines()[1:]:
            fields = line.split()
            if fields[9] in inodes and fields[3] == "01":  # ESTABLISHED
                ports.add(int(fields[2].rsplit(":", 1)[1], 16))
    return ports


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_the_master_loads_the_portal_for_its_workers_without_sharing_a_connection(portal_sections):
    """gunicorn's master loads the app and what the first requests import before it forks the
    worker (portal_site/preload.py); a database or Redis connection opened there would be shared
    by every worker. The worker opens its own and serves the portal."""
    require_postgresql()
    redis_url = require_redis()
    from django.db import connection

    environment = _production_environment(_database_url(), redis_url, "preload")
    with _production_servers(environment) as [(port, server)]:
        status, body = _get(port, "/tin-tuc/", "localhost")
        assert status == 200 and "Tin tức" in body
        (worker,) = _worker_pids(server)
        services = {int(connection.settings_dict["PORT"]), urllib.parse.urlsplit(redis_url).port}
        assert services <= _remote_ports(worker)
        assert not services & _remote_ports(server.pid)
