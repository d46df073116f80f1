"""Entries change the schedule's HTML without any page being published: purge /lich-cong-tac/
(with every ?tuan=/?agency= variant and the iCalendar export) and the home page from the front
cache, and make the cached fragments (the home page's "Lịch công tác tuần này") stale."""

from django.conf import settings
from django.db import transaction

from portal_site import fragments, frontcache


def _purge():
    from home.structure import home_page
    from schedule.models import SchedulePage

    frontcache.purge_pages([*SchedulePage.objects.live(), home_page()])


def entries_changed(sender, raw=False, **kwargs):
    if raw:
        return
    fragments.invalidate()
    if not settings.WAGTAILFRONTENDCACHE:
        return
    connection = transaction.get_connection()
    # One purge per transaction, however many entries an import saves.
    if any(callback is _purge for _, callback, _ in connection.run_on_commit):
        return
    transaction.on_commit(_purge)
