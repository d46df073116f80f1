"""The fragment cache: blocks that every page repeats, kept in Django's default cache.

The menu, breadcrumbs, header, footer, the home page's blocks and the listings' sidebars cost
queries on every request and change only when editors publish. They are cached under keys that
carry a *generation* number; publishing, unpublishing, moving or deleting a page, changing who may
see it, and saving the portal's settings, a site, an image, a document, a topic or a sector bump
it, so the next request in any process sharing the cache (Redis in production) builds them afresh.
Fragments also expire after PORTAL_FRAGMENT_CACHE_TIMEOUT seconds (default 300), for what changes
with the clock alone: an expiry date passing, download counts.

The cache is an optimisation only: when it fails (Redis down) the error is logged and the block is
built as if it had never been cached. Previews never read or write it.

Each process also keeps the fragments it has read or built lately (PORTAL_FRAGMENT_LOCAL_BYTES of
pickles, default 8 MiB), so that a page costs one round trip to Redis (the generation) rather than one per
block. That copy cannot go stale: a key carries the generation, which is still read from the shared
cache once per request, and an entry keeps the expiry it has in the shared cache.
"""

import collections
import contextvars
import functools
import hashlib
import logging
import operator
import pickle
import threading
import time

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.utils.functional import SimpleLazyObject

from wagtail.signals import page_published, page_unpublished, post_page_move

logger = logging.getLogger("portal.fragments")

GENERATION_KEY = "portal:fragments:generation"
REQUEST_ATTRIBUTE = "_portal_fragment_generation"

# Saving or deleting one of these changes what some cached block shows ("app_label.Model", resolved
# lazily by Django's model signals). Pages themselves are covered by the publishing signals.
MODELS_SHOWN_IN_FRAGMENTS = ["wagtailcore.PageViewRestriction", "wagtailcore.Site", "search.Synonym"]
# These show only once a published page uses them (or, for the settings, with their defaults when
# first created), so creating one changes nothing shown; editing or deleting one does.
MODELS_SHOWN_ONCE_USED = [
    "home.PortalSettings",
    getattr(settings, "WAGTAILIMAGES_IMAGE_MODEL", "wagtailimages.Image"),
    getattr(settings, "WAGTAILDOCS_DOCUMENT_MODEL", "wagtaildocs.Document"),
    "news.NewsTag",
    "procedures.Sector",
]


def timeout():
    return getattr(settings, "PORTAL_FRAGMENT_CACHE_TIMEOUT", 300)


# The request being served (RequestMiddleware), for the fragments read by code that is not handed
# it (the search service, model methods): they share the request's generation number.
_current_request = contextvars.ContextVar("portal_fragments_request", default=None)


class RequestMiddleware:
    """Makes the request being served the one whose generation number fragments use."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        token = _current_request.set(request)
        try:
            return self.get_response(request)
        finally:
            _current_request.reset(token)


def generation(request=None):
    """The current generation number, or None when the cache cannot be read.

    Read once per request (remembered on the request object, that given or else the one being
    served), so a page's fragments agree.
    """
    if request is None:
        request = _current_request.get()
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        return getattr(request, REQUEST_ATTRIBUTE)
    try:
        value = cache.get(GENERATION_KEY)
        if value is None:
            # Start from the clock rather than 1: after a flush or an eviction, fragments stored
            # under an earlier small number must not come back.
            cache.add(GENERATION_KEY, time.time_ns(), timeout=None)
            value = cache.get(GENERATION_KEY)
    except Exception:
        logger.exception("Fragment cache unavailable; rendering without it")
        value = None
    if request is not None:
        setattr(request, REQUEST_ATTRIBUTE, value)
    return value


def invalidate(**kwargs):
    """Signal receiver: make every fragment stale.

    Bumped at once, for this process and the rest of its transaction, and again after commit: a
    request in another process that read the old rows in between must not keep them cached.
    """
    _bump()
    transaction.on_commit(_bump)


def _bump():
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:  # no number stored yet (or evicted): any fresh one invalidates
        cache.set(GENERATION_KEY, time.time_ns(), timeout=None)
    except Exception:
        logger.exception("Could not invalidate the fragment cache")
    # The request that made the change reads the new number from now on.
    request = _current_request.get()
    if request is not None and hasattr(request, REQUEST_ATTRIBUTE):
        delattr(request, REQUEST_ATTRIBUTE)


# Wagtail fills these in on an image or document while rendering a page; no fragment shows them.
FILE_METADATA = {"file_size", "file_hash"}


def invalidate_on_change(created=False, update_fields=None, **kwargs):
    """post_save receiver for MODELS_SHOWN_ONCE_USED: invalidate, unless the row is new or only its
    file metadata was filled in (that happens while a page renders, and would otherwise throw away
    what that page has just cached)."""
    if created or (update_fields and set(update_fields) <= FILE_METADATA):
        return
    invalidate()


class LocalFragments:
    """The fragments this process has read or built lately: {key: (expires at, pickled value)}.

    Pickled, so that each request gets its own copy, as it does from the shared cache. Entries of
    an older generation are dropped when a newer one is seen, and the least recently used go once
    the pickles pass `size` bytes: a bound on memory whatever the fragments hold (a search page's
    answer is some 20 KB, a menu 2).
    """

    def __init__(self, size):
        self.size, self.generation, self.used = size, None, 0
        self.entries = collections.OrderedDict()
        self.lock = threading.Lock()

    def _follow(self, number):
        # Called with the lock held: a newer generation makes every entry stale.
        if number != self.generation:
            self.entries.clear()
            self.generation, self.used = number, 0

    def _drop(self, key):
        self.used -= len(self.entries.pop(key)[1])

    def get(self, key, number):
        with self.lock:
            self._follow(number)
            entry = self.entries.get(key)
            if entry is None:
                return None
            if entry[0] <= time.time():
                self._drop(key)
                return None
            self.entries.move_to_end(key)
        return pickle.loads(entry[1])  # noqa: S301 (what this process pickled itself)

    def set(self, key, number, stored):
        if not self.size:
            return
        pickled = pickle.dumps(stored, pickle.HIGHEST_PROTOCOL)
        if len(pickled) > self.size // 8:  # one huge value must not empty the rest
            return
        with self.lock:
            self._follow(number)
            if key in self.entries:
                self._drop(key)
            self.entries[key] = (stored[1], pickled)
            self.used += len(pickled)
            while self.used > self.size:
                self._drop(next(iter(self.entries)))


local = LocalFragments(getattr(settings, "PORTAL_FRAGMENT_LOCAL_BYTES", 8 * 2**20))

# Fragments with one key per visitor's input (a search's answer) are read from the shared cache
# only: in the process copy their long tail would push out the blocks that every page repeats.
_shared_only = set()
_no_copy = LocalFragments(0)  # keeps nothing


def keep_shared_only(*names):
    """Leave the fragments called `names` out of the process copy (an app's ready())."""
    _shared_only.update(names)


def _copy_for(name):
    return _no_copy if name in _shared_only else local


def _key(name, parts, number):
    digest = hashlib.blake2b(repr(tuple(parts)).encode(), digest_size=12).hexdigest()
    return f"portal:fragment:{name}:{number}:{digest}"


def _previewing(request):
    return request is not None and getattr(request, "is_preview", False)


def lookup(name, parts, request=None):
    """`(value,)` if fragment `name` for `parts` is cached, else None (also when the cache fails
    and on previews)."""
    if _previewing(request):
        return None
    number = generation(request)
    if number is None:
        return None
    key = _key(name, parts, number)
    copy = _copy_for(name)
    stored = copy.get(key, number)
    if stored is None:
        try:
            stored = cache.get(key)
        except Exception:
            logger.exception("Fragment cache unavailable; rendering without it")
            return None
        if stored is None:
            return None
        if len(stored) == 1:  # stored without its expiry (before the local copy existed)
            stored = (stored[0], time.time() + timeout())
        copy.set(key, number, stored)
    return stored[:1]


def store(name, parts, value, request=None):
    """Keep `value` (picklable: HTML, plain data, model instances) as fragment `name` for `parts`."""
    if _previewing(request):
        return
    number = generation(request)
    if number is None:
        return
    key = _key(name, parts, number)
    # Wrapped in a tuple so that None or an empty list is a stored value, not a miss; the expiry
    # goes with it for the local copies of other processes.
    stored = (value, time.time() + timeout())
    try:
        cache.set(key, stored, timeout())
    except Exception:
        logger.exception("Could not store fragment %s", name)
        return
    _copy_for(name).set(key, number, stored)


def get_or_build(name, parts, build, request=None):
    """The cached value of fragment `name` for `parts` (hashable values), or build() stored now.

    `build` must return a picklable value (HTML, plain data); it runs when the value is missing,
    when the cache fails, and on previews.
    """
    stored = lookup(name, parts, request)
    if stored is not None:
        return stored[0]
    value = build()
    store(name, parts, value, request)
    return value


# A listing's pages beyond this are rendered afresh: page numbers are the visitor's to choose, and
# each one cached would be one more entry.
CACHED_PAGES = 50


def listing_page(raw):
    """The page number `raw` (a GET value) asks for, if it is one a listing's fragment is kept for;
    None for anything else, which the listing then handles as it always does."""
    raw = raw or "1"
    # ASCII digits only, and few of them: str.isdigit() passes "²", which int() refuses, and
    # int() refuses thousands of digits.
    if not (raw.isascii() and raw.isdigit() and len(raw) <= 3) or not 1 <= int(raw) <= CACHED_PAGES:
        return None
    return int(raw)


def lazy_context(build, names):
    """{name: value} for a template whose cached fragment reads them: `build()` returns the dict,
    and runs only when one of them is read, that is when the fragment is missing."""
    values = SimpleLazyObject(build)
    return {name: SimpleLazyObject(functools.partial(operator.getitem, values, name)) for name in names}


def connect():
    """Called from PortalSiteConfig.ready(): invalidate the fragments when what they show changes."""
    page_published.connect(invalidate, dispatch_uid="portal_fragments_page_published")
    page_unpublished.connect(invalidate, dispatch_uid="portal_fragments_page_unpublished")
    post_page_move.connect(invalidate, dispatch_uid="portal_fragments_page_moved")
    # Deleting a page of any type deletes its wagtailcore.Page row, which sends this.
    post_delete.connect(invalidate, sender="wagtailcore.Page", dispatch_uid="portal_fragments_page_deleted")
    for label in MODELS_SHOWN_IN_FRAGMENTS + MODELS_SHOWN_ONCE_USED:
        receiver = invalidate if label in MODELS_SHOWN_IN_FRAGMENTS else invalidate_on_change
        post_save.connect(receiver, sender=label, dispatch_uid=f"portal_fragments_saved_{label}")
        post_delete.connect(invalidate, sender=label, dispatch_uid=f"portal_fragments_deleted_{label}")
