"""Setting up an agency's subsite in one idempotent step.

An agency gets its page with news and procedure sections, a collection for its documents and
images, two groups ("<agency> – Biên tập viên" who write and submit, "<agency> – Phê duyệt" who
approve and publish) with permissions on its own pages and collection only, a review workflow
whose one task belongs to the moderators, and optionally a Wagtail Site on its own hostname.

Used by `create_agency`, by the agencies section of `import_content` and by the admin when an
AgencyPage is created there, so that all three make the same thing.

Sub-agencies (PORTAL_PARENT_AGENCY_MODERATES_CHILDREN, default True): a commune's page sits under
its district's page. When the setting is on, the district's groups hold their permissions on the
district's whole subtree (Wagtail permissions are inherited down the tree), the commune's
collection is nested in the district's (collection permissions are inherited too) and the
district's moderators are also approvers in the commune's workflow. When it is off, a district
that has sub-agencies gets its page permissions on each of its own non-agency sections instead of
on its page, so that nothing reaches into the communes; its collection stays separate.
"""

from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group, Permission
from django.core.exceptions import ValidationError
from django.core.validators import DomainNameValidator
from django.db import transaction

from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from home.models import AgencyAccess, AgencyLeader, AgencyPage
from home.structure import agency_directory, agency_sections, ensure_child
from portal_site.importing import publish, set_if_changed

# Editors write and submit for review; only moderators publish (or approve, which publishes).
EDITOR_PAGE_PERMISSIONS = ["add", "change"]
MODERATOR_PAGE_PERMISSIONS = ["add", "change", "publish", "lock", "unlock"]
COLLECTION_PERMISSIONS = [
    ("wagtaildocs", "add_document"),
    ("wagtaildocs", "change_document"),
    ("wagtaildocs", "choose_document"),
    ("wagtailimages", "add_image"),
    ("wagtailimages", "change_image"),
    ("wagtailimages", "choose_image"),
]
EDITORS_SUFFIX = "Biên tập viên"
MODERATORS_SUFFIX = "Phê duyệt"

# create_agency passes this for options not given, so an existing agency keeps its values.
UNCHANGED = object()


class AgencySetupError(Exception):
    """Refused input (unknown parent, invalid or taken hostname); the message is Vietnamese."""


def parent_moderates_children():
    return getattr(settings, "PORTAL_PARENT_AGENCY_MODERATES_CHILDREN", True)


def clean_hostname(value):
    """A bare host name such as "stp.tiengiang.gov.vn", lowercased; raises AgencySetupError."""
    hostname = (value or "").strip().lower().rstrip(".")
    try:
        DomainNameValidator(accept_idna=False)(hostname)
    except ValidationError:
        raise AgencySetupError(
            f"Tên miền “{value}” không hợp lệ: chỉ gồm chữ không dấu, số, dấu gạch nối và dấu chấm, "
            "ví dụ stp.tiengiang.gov.vn (không kèm http:// hay cổng)."
        ) from None
    return hostname


def agency_collection(page):
    """The Wagtail collection holding an agency's documents and images, created and linked
    to the agency (without a new page revision) the first time it is needed."""
    if page.collection_id:
        return page.collection
    page.collection = _collection_parent(page).add_child(name=page.title)
    AgencyPage.objects.filter(pk=page.pk).update(collection=page.collection)
    return page.collection


def _collection_parent(page):
    parent = page.parent_agency
    if parent_moderates_children() and parent and parent.collection_id:
        return parent.collection
    return Collection.get_first_root_node()


def _permission(app_label, codename):
    return Permission.objects.get(content_type__app_label=app_label, codename=codename)


def _page_permissions(types):
    return [_permission("wagtailcore", f"{kind}_page") for kind in types]


class AgencySetup:
    """Create or bring up to date one agency; remembers what it changed and what it left alone.

    `run()` returns the AgencyPage; then `status` is "created", "updated" or "unchanged",
    `changed` lists what was created or updated and `kept` what was already right (in Vietnamese).
    """

    def __init__(self, slug, name, parent=None, leaders=None, hostname="", page=None, **fields):
        self.slug, self.name, self.parent, self.leaders = slug, name, parent, leaders
        self.page = page
        self.hostname = hostname or ""
        self.fields = {k: v for k, v in fields.items() if k != "successor" and hasattr(AgencyPage, k)}
        self.changed, self.kept = [], []
        self.status = "unchanged"

    def note(self, changed, label):
        (self.changed if changed else self.kept).append(label)

    def run(self):
        # The set-up publishes the page itself; rename_agency_access must not start another.
        token = _setting_up.set(True)
        try:
            return self._run()
        finally:
            _setting_up.reset(token)

    @transaction.atomic
    def _run(self):
        page = self.page or AgencyPage.objects.filter(slug=self.slug).first()
        parent_page = self._parent_page(page)
        hostname = clean_hostname(self.hostname) if self.hostname else ""
        if hostname:
            self._check_hostname_free(hostname, page)

        if page is None:
            page = self._create(parent_page)
            self.status = "created"
        else:
            if self._update(page, parent_page):
                self.status = "updated"

        for section in agency_sections():
            _, created = ensure_child(page, apps.get_model(section.model), section.slug, section.title)
            self.note(created, f"chuyên mục {section.title}")
        self._collection(page)
        self._access(page)
        if hostname:
            self._site(page, hostname)
        # A new or moved sub-agency changes what its parent's groups may reach.
        parent = page.parent_agency
        if parent and hasattr(parent, "access"):
            sync_page_permissions(parent)
        if self.changed and self.status == "unchanged":
            self.status = "updated"
        return page

    def _parent_page(self, page):
        if self.parent is UNCHANGED:
            return page.get_parent().specific if page else agency_directory()
        if not self.parent:
            return agency_directory()
        parent = AgencyPage.objects.filter(slug=self.parent).first()
        if parent is None:
            raise AgencySetupError(f"Không có cơ quan cấp trên “{self.parent}” trên cổng.")
        if page and (parent.pk == page.pk or parent.is_descendant_of(page)):
            raise AgencySetupError(
                f"Cơ quan “{self.slug}” không thể trực thuộc “{self.parent}”: "
                "quan hệ trực thuộc sẽ tạo thành vòng lặp."
            )
        return parent

    def _check_hostname_free(self, hostname, page):
        taken = Site.objects.filter(hostname=hostname).select_related("root_page").first()
        if taken and (page is None or taken.root_page_id != page.pk):
            raise AgencySetupError(f"Tên miền “{hostname}” đã được dùng cho trang “{taken.root_page.title}”.")

    def _create(self, parent_page):
        page = AgencyPage(slug=self.slug, title=self.name, show_in_menus=False, **self.fields)
        _set_leaders(page, self.leaders or [])
        publish(page, parent_page)
        self.changed.append("trang cơ quan")
        return page

    def _update(self, page, parent_page):
        values = {"title": self.name, **self.fields}
        labels = [_field_label(name) for name, value in values.items() if getattr(page, name) != value]
        changed = set_if_changed(page, values)
        if self.leaders is not None and _set_leaders(page, self.leaders):
            changed = True
            labels.append("lãnh đạo")
        if changed:
            publish(page)
            self.changed.append(f"thông tin cơ quan ({', '.join(labels)})")
        else:
            self.kept.append("thông tin cơ quan")
        moved = page.get_parent().pk != parent_page.pk
        if moved:
            page.move(parent_page, pos="last-child")
            page.refresh_from_db()
        self.note(moved, f"vị trí trực thuộc ({parent_page.title})")
        return changed or moved

    def _collection(self, page):
        created = page.collection_id is None
        collection = agency_collection(page)
        changed = created
        if collection.name != page.title:
            collection.name = page.title
            collection.save()
            changed = True
        parent = _collection_parent(page)
        if collection.get_parent().pk != parent.pk and not parent.is_descendant_of(collection):
            collection.move(parent, pos="sorted-child")
            changed = True
        self.note(changed, "thư mục tài liệu")

    def _access(self, page):
        access, created = AgencyAccess.objects.get_or_create(agency=page)
        editors, editors_changed = _ensure_group(access.editors, page, EDITORS_SUFFIX)
        moderators, moderators_changed = _ensure_group(access.moderators, page, MODERATORS_SUFFIX)
        access.editors, access.moderators = editors, moderators
        workflow_changed = _ensure_workflow(access, page)
        access.save()
        self.note(editors_changed, f"nhóm “{editors.name}”")
        self.note(moderators_changed, f"nhóm “{moderators.name}”")
        self.note(workflow_changed, "quy trình duyệt")
        self.note(sync_page_permissions(page) | sync_collection_permissions(page), "phân quyền")

    def _site(self, page, hostname):
        site = Site.objects.filter(root_page=page, is_default_site=False).first()
        if site is None:
            Site.objects.create(hostname=hostname, port=80, root_page=page, site_name=page.title)
            self.changed.append(f"tên miền {hostname}")
            return
        changed = set_if_changed(site, {"hostname": hostname, "site_name": page.title})
        if changed:
            site.save()
        self.note(changed, f"tên miền {hostname}")


def setup_agency(slug, name, parent=None, leaders=None, hostname="", **fields):
    """Create or update an agency; returns (AgencyPage, "created" | "updated" | "unchanged").

    `parent` is another agency's slug (None: directly in the directory). `leaders=None` leaves
    the leaders alone; a list replaces them. Raises AgencySetupError and writes nothing on bad input.
    """
    setup = AgencySetup(slug, name, parent=parent, leaders=leaders, hostname=hostname, **fields)
    page = setup.run()
    return page, setup.status


def ensure_agency_access(page):
    """Sections, collection, groups, permissions and workflow for an AgencyPage made in the admin."""
    AgencySetup(page.slug, page.title, parent=UNCHANGED, page=page).run()


_setting_up = ContextVar("agency_setup_running", default=False)


def rename_agency_access(sender, instance, **kwargs):
    """page_published receiver: an agency's new title, however published (edit, workflow approval,
    schedule), reaches its groups, review workflow and document collection, which admins find by name."""
    if _setting_up.get():
        return  # AgencySetup renames them itself, and reports it
    access = AgencyAccess.objects.filter(agency_id=instance.pk).select_related("editors").first()
    if access is None or access.editors is None or access.editors.name.startswith(f"{instance.title} "):
        return  # not set up yet (setup_agency names everything itself) or already in step
    ensure_agency_access(instance)


def retire_agency_access(sender, instance, **kwargs):
    """post_delete receiver for AgencyAccess, deleted with its agency's page: the agency's groups go
    (their members would keep an admin login with nothing to edit, under a name that no longer
    exists) and its review workflow and task are disabled, as Wagtail's admin does, keeping history."""
    for group in Group.objects.filter(pk__in=[instance.editors_id, instance.moderators_id]):
        group.delete()
    workflow = Workflow.objects.filter(pk=instance.workflow_id).first()
    if workflow is not None:
        for link in WorkflowTask.objects.filter(workflow=workflow).select_related("task"):
            link.task.deactivate()
        workflow.deactivate()


def _field_label(name):
    return "tên" if name == "title" else str(AgencyPage._meta.get_field(name).verbose_name).lower()


def _ensure_group(group, page, suffix):
    """Return (group, changed): the agency's group, created or renamed after the agency's title."""
    name = f"{page.title} – {suffix}"
    # Two communes may share a name in different districts, and group names are unique.
    if Group.objects.filter(name=name).exclude(pk=group.pk if group else None).exists():
        name = f"{page.title} ({page.slug}) – {suffix}"
    name = name[:150]
    changed = group is None
    if group is None:
        group = Group.objects.create(name=name)
    elif group.name != name:
        group.name = name
        group.save(update_fields=["name"])
        changed = True
    if not group.permissions.filter(codename="access_admin").exists():
        group.permissions.add(_permission("wagtailadmin", "access_admin"))
        changed = True
    return group, changed


def approver_groups(page):
    """The groups that approve this agency's pages: its moderators and, when parents moderate their
    children, the moderators of every agency above it."""
    agencies = [page]
    if parent_moderates_children():
        agencies += list(AgencyPage.objects.ancestor_of(page).order_by("-depth"))
    accesses = AgencyAccess.objects.filter(agency__in=agencies).select_related("moderators")
    by_agency = {access.agency_id: access.moderators for access in accesses if access.moderators}
    return [by_agency[agency.pk] for agency in agencies if agency.pk in by_agency]


def _ensure_workflow(access, page):
    """The agency's one-step review workflow, assigned to its page; returns True if anything changed."""
    changed = False
    workflow = access.workflow
    name = f"Duyệt tin bài – {page.title}"[:255]
    if workflow is None:
        workflow = Workflow.objects.create(name=name, active=True)
        access.workflow = workflow
        changed = True
    elif workflow.name != name or not workflow.active:
        workflow.name, workflow.active = name, True
        workflow.save()
        changed = True

    link = WorkflowTask.objects.filter(workflow=workflow).select_related("task").first()
    task = link.task.specific if link else None
    task_name = f"Phê duyệt – {page.title}"[:255]
    if not isinstance(task, GroupApprovalTask):
        task = GroupApprovalTask.objects.create(name=task_name)
        WorkflowTask.objects.filter(workflow=workflow).delete()
        WorkflowTask.objects.create(workflow=workflow, task=task, sort_order=0)
        changed = True
    elif task.name != task_name:
        task.name = task_name
        task.save()
        changed = True
    groups = approver_groups(page)
    if access.moderators and access.moderators not in groups:
        groups.insert(0, access.moderators)
    if set(task.groups.all()) != set(groups):
        task.groups.set(groups)
        changed = True

    assignment = WorkflowPage.objects.filter(page=page).first()
    if assignment is None or assignment.workflow_id != workflow.pk:
        WorkflowPage.objects.update_or_create(page=page, defaults={"workflow": workflow})
        changed = True
    return changed


def permission_pages(page):
    """The pages whose subtrees an agency's groups hold their page permissions on."""
    if parent_moderates_children():
        return [page]
    children = list(page.get_children().specific(defer=True))
    if not any(isinstance(child, AgencyPage) for child in children):
        return [page]
    return [child for child in children if not isinstance(child, AgencyPage)]


def _sync_rows(model, rows, key, wanted, make):
    """Make `rows` (of model) exactly the `wanted` keys; returns True if any row was added or removed."""
    existing = {key(row): row for row in rows}
    stale = [row.pk for k, row in existing.items() if k not in wanted]
    missing = [make(k) for k in wanted if k not in existing]
    if stale:
        model.objects.filter(pk__in=stale).delete()
    if missing:
        model.objects.bulk_create(missing)
    return bool(stale or missing)


def _groups(page):
    access = AgencyAccess.objects.filter(agency=page).select_related("editors", "moderators").first()
    return (access.editors, access.moderators) if access else (None, None)


def sync_page_permissions(page):
    """Give the agency's groups exactly their page permissions; returns True if any row changed."""
    editors, moderators = _groups(page)
    targets = permission_pages(page)
    changed = False
    for group, types in ((editors, EDITOR_PAGE_PERMISSIONS), (moderators, MODERATOR_PAGE_PERMISSIONS)):
        if group is None:
            continue
        wanted = {(target.pk, permission.pk) for target in targets for permission in _page_permissions(types)}
        changed |= _sync_rows(
            GroupPagePermission,
            GroupPagePermission.objects.filter(group=group),
            lambda row: (row.page_id, row.permission_id),
            wanted,
            lambda k, group=group: GroupPagePermission(group=group, page_id=k[0], permission_id=k[1]),
        )
    return changed


def sync_collection_permissions(page):
    """Documents and images: add, change and choose in the agency's own collection only."""
    if page.collection_id is None:
        return False
    wanted = {(page.collection_id, _permission(app, codename).pk) for app, codename in COLLECTION_PERMISSIONS}
    changed = False
    for group in _groups(page):
        if group is None:
            continue
        changed |= _sync_rows(
            GroupCollectionPermission,
            GroupCollectionPermission.objects.filter(group=group),
            lambda row: (row.collection_id, row.permission_id),
            wanted,
            lambda k, group=group: GroupCollectionPermission(
                group=group, collection_id=k[0], permission_id=k[1]
            ),
        )
    return changed


def _set_leaders(page, leaders):
    """Replace the page's leaders when they differ; return True if they did."""
    current = [
        {"name": leader.name, "title": leader.title, "email": leader.email, "phone": leader.phone}
        for leader in page.leaders.all()
    ]
    if current == leaders:
        return False
    page.leaders = [AgencyLeader(sort_order=i, **leader) for i, leader in enumerate(leaders)]
    return True
