"""What gunicorn's master imports before it forks the workers (deploy/gunicorn.conf.py).

Forked workers share the master's memory pages until they write to them. Each worker would
otherwise import on its first requests what the app's start-up leaves out: Wagtail looks for
every app's wagtail_hooks on the first page it serves (and through them imports much of its
admin, the REST framework and pydantic), the URLconfs import every view, the template engine
every tag library, Pillow its format plugins, and the search engine's client its modules.
Imported once here, they are shared; a worker's own memory is what its requests then build.

Nothing here opens a connection: a socket opened before the fork would be shared by every worker.
"""

import gc


def prepare_for_fork():
    """Import what the first requests would, close any connection, and freeze what is allocated:
    the collector's passes would otherwise write to every object's header and so copy each shared
    page into each worker."""
    from django.db import connections
    from django.template import engines
    from django.urls import get_resolver

    from wagtail import hooks

    from PIL import Image

    get_resolver().url_patterns  # noqa: B018 (imports every view)
    get_resolver("portal_site.public_urls").url_patterns  # noqa: B018
    hooks.search_for_hooks()
    for engine in engines.all():  # each loads its tag libraries
        engine.engine  # noqa: B018
    Image.init()
    # Which client the engine needs is known only once it answers; both are imported.
    import elasticsearch.helpers  # noqa: F401
    import opensearchpy.helpers  # noqa: F401

    connections.close_all()
    gc.freeze()
