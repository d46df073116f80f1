"""Download counting: one counter per document and day, nothing about the person downloading."""

from django.db.models import F
from django.utils import timezone

from procedures.models import FormDownload


def count_download(sender, instance, **kwargs):
    day = timezone.localdate()
    updated = FormDownload.objects.filter(document_id=instance.pk, day=day).update(count=F("count") + 1)
    if not updated:
        counter, created = FormDownload.objects.get_or_create(
            document_id=instance.pk, day=day, defaults={"count": 1}
        )
        if not created:  # another request made today's counter in between
            FormDownload.objects.filter(pk=counter.pk).update(count=F("count") + 1)
