"""gunicorn configuration used by `make serve` as it is, and usable in production.

    gunicorn -c deploy/gunicorn.conf.py portal_site.wsgi:application

Environment: GUNICORN_BIND (default 127.0.0.1:8001, behind Varnish), GUNICORN_WORKERS (default 2:
one per core on the reference 2-core machine; pages are CPU-bound, so more workers than cores
only adds memory), GUNICORN_ACCESS_LOG (a file, or "-" for stdout; default off, Varnish logs).
"""

import os

bind = os.environ.get("GUNICORN_BIND", "127.0.0.1:8001")
workers = int(os.environ.get("GUNICORN_WORKERS", "2"))
worker_class = "sync"  # Varnish (or nginx) in front buffers slow clients
timeout = 30
graceful_timeout = 20
keepalive = 5
# Recycle workers now and then so that a slow leak can never grow without bound. Not too often: a
# worker serves a cached page in a few milliseconds, so 5,000 requests came round every 10-20 s
# under load, and each restart drops its clients' keep-alive connections and its caches.
max_requests = 50000
max_requests_jitter = 5000
accesslog = os.environ.get("GUNICORN_ACCESS_LOG") or None
errorlog = os.environ.get("GUNICORN_ERROR_LOG", "-")
loglevel = "info"
proc_name = "portal"
# The app is loaded once, in the master, and the workers are forked from it: they share its memory
# (see portal_site/preload.py), and a worker replaced after max_requests starts at once. A SIGHUP
# then re-reads this file but not the code: restart gunicorn to deploy new code.
preload_app = True
# Varnish on the same machine sets X-Forwarded-For; trust it only from loopback.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")


def when_ready(server):
    # Runs in the master after the app is loaded, before the first worker is forked.
    if server.cfg.preload_app:
        from portal_site import preload

        preload.prepare_for_fork()
