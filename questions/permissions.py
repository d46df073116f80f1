"""Who reads which questions in the admin.

Portal editors (superusers, or groups given "Điều phối câu hỏi", questions.triage_question) see
every question and route the ones without an agency. An agency's editors and moderators see the
questions routed to their agency (and, when parents moderate their children, to its
sub-agencies), nothing else: a question holds a citizen's e-mail and phone.
"""

from django.db.models import Q

from wagtail.permission_policies.base import ModelPermissionPolicy

from home.agencies import parent_moderates_children
from home.models import AgencyAccess, AgencyPage

TRIAGE_PERMISSION = "questions.triage_question"


def is_triager(user):
    return user.is_active and (user.is_superuser or user.has_perm(TRIAGE_PERMISSION))


def user_agencies(user):
    """The agencies whose editors' or moderators' group the user is in."""
    if not user.is_active or not user.is_authenticated:
        return AgencyPage.objects.none()
    groups = user.groups.all()
    accesses = AgencyAccess.objects.filter(Q(editors__in=groups) | Q(moderators__in=groups))
    return AgencyPage.objects.filter(pk__in=accesses.values("agency_id"))


def visible_questions(user, queryset=None):
    from questions.models import Question

    queryset = Question.objects.all() if queryset is None else queryset
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    if is_triager(user):
        return queryset
    agencies = list(user_agencies(user).only("path"))
    if not agencies:
        return queryset.none()
    if not parent_moderates_children():
        return queryset.filter(agency__in=agencies)
    subtree = Q()
    for agency in agencies:
        subtree |= Q(agency__path__startswith=agency.path)
    return queryset.filter(subtree)


class QuestionPermissionPolicy(ModelPermissionPolicy):
    """Questions come only from citizens (no "add"); only superusers delete one (a citizen's
    request to erase it); reading and handling follow visible_questions."""

    def user_has_permission(self, user, action):
        if not (user.is_authenticated and user.is_active):
            return False
        if action in ("change", "view"):
            return is_triager(user) or user_agencies(user).exists()
        if action == "delete":
            return user.is_superuser
        return False

    def user_has_permission_for_instance(self, user, action, instance):
        return (
            self.user_has_permission(user, action) and visible_questions(user).filter(pk=instance.pk).exists()
        )

    def instances_user_has_permission_for(self, user, action):
        if not self.user_has_permission(user, action):
            return self.model.objects.none()
        return visible_questions(user)

    def instances_user_has_any_permission_for(self, user, actions):
        if not any(self.user_has_permission(user, action) for action in actions):
            return self.model.objects.none()
        return visible_questions(user)
