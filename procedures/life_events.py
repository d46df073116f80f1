"""Life events (sự kiện cuộc sống) outside the models: the home page block, and keeping the
cached pages that list them in step when an editor changes the snippets (no page is published
then, so neither the fragment cache nor the front cache would notice)."""

from portal_site import fragments, frontcache
from procedures.models import life_event_groups, portal_catalogue


def home_block_context(context):
    """The home block's lists, on the portal-wide catalogue's life-event pages."""
    catalogue = portal_catalogue()
    if catalogue is None:
        return {"life_event_groups": []}
    return {
        "life_event_groups": life_event_groups(catalogue),
        "life_events_url": catalogue.url + catalogue.reverse_subpage("life_events"),
    }


def on_life_event_changed(sender, instance, **kwargs):
    """A renamed, added or removed life event shows on home, the catalogues and their life-event
    pages: make the fragments stale and purge those pages."""
    from procedures.models import ProcedureIndexPage

    fragments.invalidate()
    catalogues = list(ProcedureIndexPage.objects.live())
    home = catalogues[0].get_parent() if catalogues else None
    frontcache.purge_pages([page for page in (home, *catalogues) if page is not None])
