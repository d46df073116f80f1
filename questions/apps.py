from django.apps import AppConfig


class QuestionsConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "questions"
    verbose_name = "Hỏi đáp"

    def ready(self):
        from wagtail.signals import page_published, page_unpublished

        from home.structure import register_agency_section, register_portal_section
        from portal_site.importing import register_section
        from questions.importing import QuestionSection
        from questions.models import QuestionPage, mark_answered, mark_unanswered
        from search.types import register_search_type

        register_portal_section("hoi-dap", "Hỏi đáp", "questions.QuestionIndexPage", order=60)
        register_agency_section("hoi-dap", "Hỏi đáp", "questions.QuestionIndexPage", order=60)
        # After agencies (10): a question may name an agency created in the same file.
        register_section(QuestionSection, order=60)
        register_search_type("question", "Hỏi đáp", "questions.QuestionPage")
        page_published.connect(mark_answered, sender=QuestionPage, dispatch_uid="questions_mark_answered")
        page_unpublished.connect(
            mark_unanswered, sender=QuestionPage, dispatch_uid="questions_mark_unanswered"
        )
