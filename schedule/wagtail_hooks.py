"""The schedule in the admin: a ModelViewSet whose every view is scoped to the user's agencies.

Permissions say what, agencies say where (as for ratings): an agency's editors and moderators
add, edit and delete their own agency's entries (sub-agencies included) without further grants;
portal staff with the schedule's model permissions and no agency, and superusers, manage all.
"""

from django.db.models import Q

from wagtail import hooks
from wagtail.admin.forms.models import WagtailAdminModelForm
from wagtail.admin.panels import ObjectList
from wagtail.admin.views.generic.models import CreateView, DeleteView, EditView, IndexView
from wagtail.admin.viewsets.model import ModelViewSet
from wagtail.permission_policies.base import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from home.models import AgencyPage
from schedule.models import ScheduleEntry

ACTIONS = {"add", "change", "delete", "view"}


def user_agencies(user):
    """AgencyPages (and their sub-agencies) whose editors' or moderators' group the user is in."""
    groups = user.groups.all()
    own = AgencyPage.objects.filter(
        Q(access__editors__in=groups) | Q(access__moderators__in=groups)
    ).distinct()
    paths = list(own.values_list("path", flat=True))
    if not paths:
        return AgencyPage.objects.none()
    under = Q()
    for path in paths:
        under |= Q(path__startswith=path)
    return AgencyPage.objects.filter(under)


class AgencyScopedPolicy(ModelPermissionPolicy):
    def _scope(self, user):
        """None: every agency; otherwise a queryset of the agencies the user may manage."""
        if not user.is_active:
            return AgencyPage.objects.none()
        if user.is_superuser:
            return None
        cached = getattr(user, "_schedule_scope", False)
        if cached is not False:
            return cached
        agencies = user_agencies(user)
        scope = agencies if agencies.exists() else (None if self._has_model_perms(user) else agencies)
        user._schedule_scope = scope
        return scope

    def _has_model_perms(self, user):
        return any(user.has_perm(f"schedule.{action}_scheduleentry") for action in ACTIONS)

    def _allowed(self, user, action):
        if not user.is_active:
            return False
        if user.is_superuser:
            return True
        scope = self._scope(user)
        if scope is None:
            return user.has_perm(f"schedule.{action}_scheduleentry")
        return action in ACTIONS and scope.exists()

    def user_has_permission(self, user, action):
        return self._allowed(user, action)

    def user_has_any_permission(self, user, actions):
        return any(self._allowed(user, action) for action in actions)

    def user_has_permission_for_instance(self, user, action, instance):
        if not self._allowed(user, action):
            return False
        scope = self._scope(user)
        return scope is None or scope.filter(pk=instance.agency_id).exists()

    def user_has_any_permission_for_instance(self, user, actions, instance):
        return any(self.user_has_permission_for_instance(user, action, instance) for action in actions)

    def instances_user_has_any_permission_for(self, user, actions):
        if not self.user_has_any_permission(user, actions):
            return ScheduleEntry.objects.none()
        scope = self._scope(user)
        entries = ScheduleEntry.objects.all()
        return entries if scope is None else entries.filter(agency__in=scope)

    def instances_user_has_permission_for(self, user, action):
        return self.instances_user_has_any_permission_for(user, [action])


policy = AgencyScopedPolicy(ScheduleEntry)
register_permission_policy(ScheduleEntry, policy, exact_class=True)


class ScheduleEntryForm(WagtailAdminModelForm):
    """The agency list holds only the agencies the editor may manage."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        scope = policy._scope(self.for_user) if self.for_user else AgencyPage.objects.none()
        agencies = AgencyPage.objects.all() if scope is None else scope
        self.fields["agency"].queryset = agencies.order_by("path")
        self.fields["agency"].error_messages["invalid_choice"] = (
            "Bạn không được quản lý lịch của cơ quan này."
        )


def _scoped(request):
    return policy.instances_user_has_any_permission_for(request.user, ["change", "delete", "view"])


class ScheduleIndexView(IndexView):
    def get_base_queryset(self):
        return _scoped(self.request).select_related("agency")


class ScheduleCreateView(CreateView):
    def get_initial(self):
        initial = super().get_initial()
        scope = policy._scope(self.request.user)
        if scope is not None and scope.count() == 1:  # an agency's editor: their agency
            initial["agency"] = scope.first()
        return initial


class ScheduleEditView(EditView):
    def get_queryset(self):
        return _scoped(self.request)  # another agency's entry is not found (404)


class ScheduleDeleteView(DeleteView):
    def get_queryset(self):
        return _scoped(self.request)


class ScheduleEntryViewSet(ModelViewSet):
    model = ScheduleEntry
    edit_handler = ObjectList(ScheduleEntry.panels, base_form_class=ScheduleEntryForm)
    index_view_class = ScheduleIndexView
    add_view_class = ScheduleCreateView
    edit_view_class = ScheduleEditView
    delete_view_class = ScheduleDeleteView
    icon = "date"
    menu_label = "Lịch công tác"
    menu_order = 310
    add_to_admin_menu = True
    list_display = ["date", "start", "content", "agency", "kind"]
    list_filter = ["kind", "date"]
    search_fields = ["content", "place", "leader"]
    ordering = ["-date", "start"]
    copy_view_enabled = False
    inspect_view_enabled = False


@hooks.register("register_admin_viewset")
def register_schedule_viewset():
    return ScheduleEntryViewSet("lich_cong_tac", url_prefix="lich-cong-tac")
