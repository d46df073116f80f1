"""E-mail to the agency's moderators about each new comment (the console in development)."""

import logging

from django.conf import settings
from django.core.mail import send_mail

from consultations.permissions import moderators_of
from portal_site.urlconf import admin_reverse

logger = logging.getLogger("portal.consultations")


def notify_moderators(comment):
    page = comment.consultation
    recipients = [user.email for user in moderators_of(page)]
    if not recipients:
        logger.warning(
            "consultation %s: no moderator with an e-mail to tell of comment %s", page.pk, comment.pk
        )
        return
    base = getattr(settings, "WAGTAILADMIN_BASE_URL", "").rstrip("/")
    screen = admin_reverse("consultation_comments:index")
    moderation = f"{base}{screen}?consultation={page.pk}&status=cho-duyet"
    body = (
        f"Dự thảo “{page.title}” vừa nhận một góp ý mới, đang chờ duyệt.\n\n"
        f"Người gửi: {comment.name}\n"
        f"Góp ý cho: {comment.article_label}\n\n"
        f"{comment.text}\n\n"
        f"Duyệt hoặc từ chối tại: {moderation}\n"
    )
    try:
        send_mail(f"Góp ý mới: {page.title}", body, None, recipients)
    except Exception:  # a mail outage must not lose the comment, which is already stored
        logger.exception(
            "consultation %s: could not e-mail the moderators about comment %s", page.pk, comment.pk
        )
