from django.db import models

from wagtail.admin.panels import FieldPanel
from wagtail.models import Page


class ProcedureIndexPage(Page):
    """A procedure catalogue ("Thủ tục hành chính"): portal-wide under HomePage, or an agency's own."""

    intro = models.TextField("Giới thiệu", blank=True)

    content_panels = [*Page.content_panels, FieldPanel("intro")]

    parent_page_types = ["home.HomePage", "home.AgencyPage"]
    subpage_types = []

    class Meta:
        verbose_name = "Danh mục thủ tục hành chính"
