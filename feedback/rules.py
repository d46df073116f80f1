"""Which pages carry the rating form, and who sees or resets which ratings in the admin."""

from django.db.models import Q

from wagtail.models import Page

# Every page of the portal is rated except these types: the home page is a portal of links, not
# information, and the tree's root is never served. (The search page is a view, not a Page.)
# A page type may also opt out with `accepts_ratings = False`.
NOT_RATED = {"home.homepage", "wagtailcore.page"}


def accepts_ratings(page):
    page_class = page.specific_class if isinstance(page, Page) else None
    if page_class is None or page_class._meta.label_lower in NOT_RATED:
        return False
    return getattr(page_class, "accepts_ratings", True)


def agencies_moderated_by(user):
    """The AgencyPages whose moderators' group the user belongs to."""
    from home.models import AgencyPage

    return AgencyPage.objects.filter(access__moderators__in=user.groups.all()).distinct().order_by("path")


class RatingScope:
    """What one admin user may see (and, with reset_rating, reset) of the ratings.

    Permissions say what, agencies say where: superusers and portal staff (a group with
    `feedback.view_rating` and no agency) see every page's ratings; an agency's moderators see
    those of their agency's subtree only (sub-agencies included), without further grants.
    Resetting always needs `feedback.reset_rating`, and stays within what the user sees.
    """

    def __init__(self, user):
        self.user = user
        self.agencies = [] if user.is_superuser else list(agencies_moderated_by(user))
        self.everything = user.is_superuser or (not self.agencies and user.has_perm("feedback.view_rating"))

    @property
    def can_view(self):
        return self.everything or bool(self.agencies)

    @property
    def can_reset(self):
        return self.can_view and (self.user.is_superuser or self.user.has_perm("feedback.reset_rating"))

    def page_filter(self, prefix="page__"):
        """Q for the pages in scope (on Rating: prefix "page__"; on Page: prefix "")."""
        if self.everything:
            return Q()
        if not self.agencies:
            return Q(pk__in=[])
        scope = Q()
        for agency in self.agencies:
            scope |= Q(**{f"{prefix}path__startswith": agency.path})
        return scope

    def includes(self, page):
        return self.everything or any(page.path.startswith(agency.path) for agency in self.agencies)
