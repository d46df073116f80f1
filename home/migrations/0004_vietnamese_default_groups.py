from django.db import migrations

# Wagtail's initial data creates these in English; the admin shows them to Vietnamese editors.
GROUPS = {"Editors": "Biên tập viên (toàn cổng)", "Moderators": "Phê duyệt viên (toàn cổng)"}
WORKFLOW = ("Moderators approval", "Phê duyệt của Ban Biên tập cổng")


def rename(apps, schema_editor, backwards=False):
    Group = apps.get_model("auth", "Group")
    Workflow = apps.get_model("wagtailcore", "Workflow")
    Task = apps.get_model("wagtailcore", "Task")
    pairs = {v: k for k, v in GROUPS.items()} if backwards else GROUPS
    for old, new in pairs.items():
        if not Group.objects.filter(name=new).exists():
            Group.objects.filter(name=old).update(name=new)
    old, new = (WORKFLOW[1], WORKFLOW[0]) if backwards else WORKFLOW
    Workflow.objects.filter(name=old).update(name=new)
    Task.objects.filter(name=old).update(name=new)


class Migration(migrations.Migration):
    dependencies = [
        ("home", "0003_agency_access"),
        ("wagtailcore", "0098_apitoken"),
    ]

    operations = [
        migrations.RunPython(rename, lambda apps, editor: rename(apps, editor, backwards=True)),
    ]
