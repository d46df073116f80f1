"""Serving a draft: its page, and the comment posted to it (contracts.md §8).

Caching and CSRF. Varnish keeps anonymous public pages until a publish purges them and strips
anonymous cookies, so a CSRF token in publicly cached HTML would be someone else's token with no
matching cookie. A draft that is open for comment carries the form and is therefore answered
`private, no-cache`: each visitor gets the page from Django with their own token and cookie,
and Django's CSRF protection stays on for the post. An upcoming or closed draft has no form and
is cached publicly like every page, but only until its status changes at local midnight
(s-maxage never runs past that) and until a comment on it is approved or withdrawn
(ConsultationComment.moderate purges it): approved comments are what changes it without a publish.
"""

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils.cache import add_never_cache_headers, patch_cache_control

from consultations.forms import CommentForm
from consultations.models import UPCOMING, ConsultationComment
from consultations.notifications import notify_moderators
from portal_site import ratelimit

SENT = "da-gui"  # ?gop-y=da-gui: the thank-you shown after the redirect


def serve_consultation(page, request, serve):
    if request.method == "POST":
        return post_comment(page, request)
    response = serve(request)
    set_cache_headers(page, request, response)
    return response


def set_cache_headers(page, request, response):
    if page.is_open:
        add_never_cache_headers(response)
        patch_cache_control(response, private=True)
        return
    if request.user.is_authenticated or page.get_view_restrictions().exists():
        return  # portal_site.frontcache keeps these private; only public copies get the cap below
    lifetimes = settings.PORTAL_CACHE_SECONDS
    lifetime = lifetimes["page"]
    until_change = page.seconds_until_status_changes()
    if until_change is not None:
        lifetime = min(lifetime, until_change)
    patch_cache_control(response, public=True, max_age=min(lifetime, lifetimes["browser"]), s_maxage=lifetime)


def comment_context(page, request, form=None):
    comments = list(page.comments.filter(status=ConsultationComment.APPROVED).order_by("created_at", "pk"))
    articles = list(page.articles.all())
    headings = {article.number: str(article) for article in articles}
    groups = {}
    for comment in comments:
        groups.setdefault(comment.article_number, []).append(comment)
    grouped = [
        {
            "label": "Góp ý chung" if number is None else headings.get(number, f"Điều {number}"),
            "comments": items,
        }
        for number, items in sorted(groups.items(), key=lambda item: (item[0] is not None, item[0] or 0))
    ]
    if form is None and page.is_open:
        form = CommentForm(articles=page.article_choices())
    return {
        "articles": articles,
        "comment_groups": grouped,
        "comment_count": len(comments),
        "form": form,
        "sent": request.GET.get("gop-y") == SENT,
    }


def post_comment(page, request):
    form = CommentForm(request.POST, articles=page.article_choices())
    if form.is_valid():
        if not page.is_open:
            if page.status == UPCOMING:
                form.add_error(
                    None, f"Dự thảo này chưa đến thời gian lấy ý kiến (từ ngày {page.opens:%d/%m/%Y})."
                )
            else:
                form.add_error(
                    None,
                    f"Dự thảo này đã hết hạn lấy ý kiến (ngày {page.closes:%d/%m/%Y}); "
                    "góp ý không được ghi nhận.",
                )
        elif not ratelimit.allow(request, "consultation-comment"):
            form.add_error(None, ratelimit.RATE_LIMITED_MESSAGE)
    if form.errors:
        context = page.get_context(request, comment_form=form)
        return TemplateResponse(request, page.get_template(request), context, status=400)

    data = form.cleaned_data
    comment = ConsultationComment.objects.create(
        consultation=page,
        article_number=data["article"],
        name=data["name"],
        email=data["email"],
        text=data["comment"],
    )
    transaction.on_commit(lambda: notify_moderators(comment))
    response = redirect(f"{page.get_url(request)}?gop-y={SENT}#gop-y")
    response.status_code = 303  # See Other: the browser follows it with a GET, a reload never re-posts
    return response
