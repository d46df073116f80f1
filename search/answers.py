"""The engine's answers, kept in the fragment cache until the index changes.

Of a search's 15 ms in process, 11 went on waiting for the engine (the fetch phase and the
highlighting, which its own request cache does not keep), and citizens repeat the same few
searches. So each answer is kept under the time the index last changed, which `Engine` records
with every write and refresh; the fragment generation (publishing, a synonym saved, an agency
renamed) is part of the key as for every fragment.

A write shows in searches only after the index's next refresh (`refresh_interval`, 1 s), so an
answer computed within VISIBLE_AFTER of a change may predate it and is not kept.
"""

import logging
import time

from django.core.cache import cache

from portal_site import fragments

logger = logging.getLogger(__name__)

VISIBLE_AFTER = 2.0
# The fragments: the answers, and the search page's body (search_page.html) kept with each.
ANSWER_FRAGMENT = "search-answer"
PAGE_FRAGMENT = "search-page"


def _changed_key(alias):
    return f"portal:search:index-changed:{alias}"


def index_changed(alias):
    """Record that the index behind `alias` changed: answers kept before it are stale."""
    try:
        cache.set(_changed_key(alias), time.time(), timeout=None)
    except Exception:
        logger.exception("Could not mark the search answers stale")


def _last_change(alias):
    """When the index last changed, or None when the cache cannot tell."""
    try:
        changed = cache.get(_changed_key(alias))
        if changed is None:
            # Unknown (a flushed cache, a first start): taken as now, so nothing older comes back.
            cache.add(_changed_key(alias), time.time(), timeout=None)
            changed = cache.get(_changed_key(alias))
    except Exception:
        logger.exception("Search answer cache unavailable; asking the engine")
        return None
    return changed


def get_or_search(alias, params, run):
    """The kept answer (a SearchOutcome) for `params` on the index behind `alias`, or `run()`'s,
    kept if it may be; `outcome.kept` then says under which key."""
    changed = _last_change(alias)
    if changed is None:
        return run()
    # SearchParams is a dataclass: its repr holds every field, the synonyms found included.
    parts = (alias, changed, repr(params))
    kept = fragments.lookup(ANSWER_FRAGMENT, parts)
    if kept is not None:
        return kept[0]
    outcome = run()
    if time.time() >= changed + VISIBLE_AFTER:
        outcome.kept = parts  # the search page keeps its body under it too
        fragments.store(ANSWER_FRAGMENT, parts, outcome)
    return outcome
