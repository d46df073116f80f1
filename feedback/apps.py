from django.apps import AppConfig


class FeedbackConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "feedback"
    verbose_name = "Đánh giá mức độ hài lòng"

    def ready(self):
        from feedback.importing import RatingSection
        from portal_site.importing import register_section

        # Last: the pages rated may be created by any other section of the same file.
        register_section(RatingSection, order=90)
