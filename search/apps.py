from django.apps import AppConfig


class SearchConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "search"
    verbose_name = "Tìm kiếm"

    def ready(self):
        # Indexing follows publishing; receivers are connected once, by dispatch_uid.
        from .indexing import connect_signals

        connect_signals()

        from portal_site import fragments

        from .answers import ANSWER_FRAGMENT, PAGE_FRAGMENT

        fragments.keep_shared_only(ANSWER_FRAGMENT, PAGE_FRAGMENT)
