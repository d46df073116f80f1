"""The home page's "Đang lấy ý kiến" block (home.structure.register_home_block)."""

BLOCK_SIZE = 5


def open_consultations(context):
    """The drafts open for comment today, closing soonest first. The block is a cached fragment
    rebuilt on publish or after PORTAL_FRAGMENT_CACHE_TIMEOUT, which bounds how long a draft that
    closed at midnight can stay in it."""
    from consultations.models import OPEN, ConsultationIndexPage, ConsultationPage
    from home.structure import home_page

    home = context.get("page") or home_page()
    drafts = (
        ConsultationPage.objects.visible()
        .descendant_of(home)
        .with_status(OPEN)
        .order_by("closes", "title")[:BLOCK_SIZE]
    )
    index = ConsultationIndexPage.objects.child_of(home).live().first()
    return {"open_consultations": list(drafts), "consultation_index": index}
