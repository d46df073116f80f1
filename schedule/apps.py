from django.apps import AppConfig


class ScheduleConfig(AppConfig):
    default_auto_field = "django.db.models.BigAutoField"
    name = "schedule"
    verbose_name = "Lịch công tác"

    def ready(self):
        from django.db.models.signals import post_delete, post_save

        from home.structure import register_home_block, register_portal_section
        from portal_site.importing import register_section
        from schedule.blocks import this_week_block
        from schedule.importing import ScheduleSection
        from schedule.signals import entries_changed

        register_portal_section("lich-cong-tac", "Lịch công tác", "schedule.SchedulePage", order=70)
        register_home_block(
            "lich-cong-tac-tuan-nay", "schedule/includes/this_week.html", context=this_week_block, order=60
        )
        # After agencies (10): entries may name an agency created in the same file.
        register_section(ScheduleSection, order=70)
        for signal in (post_save, post_delete):
            signal.connect(
                entries_changed,
                sender="schedule.ScheduleEntry",
                dispatch_uid=f"schedule_changed_{signal is post_save}",
            )
