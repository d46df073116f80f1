"""Who may moderate or report on which drafts, from Wagtail's own page permissions.

An agency's moderators hold "publish" on their agency's subtree (home.agencies), so the drafts a
user moderates are those under a page where one of their groups may publish; editors hold
"change" there. A district's moderators thus moderate their communes' drafts when
PORTAL_PARENT_AGENCY_MODERATES_CHILDREN gives them those pages, and nobody else's.
"""

from functools import reduce
from operator import or_

from django.db.models import Q

from wagtail.models import GroupPagePermission


def _paths(user, codename):
    if not user.is_active:
        return []
    rows = GroupPagePermission.objects.filter(group__user=user, permission__codename=codename)
    return sorted(set(rows.values_list("page__path", flat=True)))


def _scope(user, codename, field):
    """A filter for objects whose page (at `field`, a tree path) is in the user's reach."""
    if user.is_superuser:
        return Q()
    paths = _paths(user, codename)
    if not paths:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{field}__startswith": path}) for path in paths))


def moderated(user, field="consultation__path"):
    return _scope(user, "publish_page", field)


def edited(user, field="path"):
    return _scope(user, "change_page", field)


def moderates_any(user):
    return user.is_active and (user.is_superuser or bool(_paths(user, "publish_page")))


def can_moderate(user, page):
    if not user.is_active:
        return False
    return user.is_superuser or any(page.path.startswith(path) for path in _paths(user, "publish_page"))


def moderators_of(page):
    """Active users with an e-mail whose groups may publish the page: who is told of new comments."""
    from django.contrib.auth import get_user_model

    ancestors = [page.path[:end] for end in range(page.steplen, len(page.path) + 1, page.steplen)]
    groups = GroupPagePermission.objects.filter(
        page__path__in=ancestors, permission__codename="publish_page"
    ).values("group")
    return (
        get_user_model()
        .objects.filter(is_active=True, groups__in=groups)
        .exclude(email="")
        .distinct()
        .order_by("pk")
    )
