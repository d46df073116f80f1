"""POST /danh-gia/: the rating form of every content page (contracts.md §10)."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from wagtail.models import Page

from feedback.forms import RatingForm
from feedback.models import Rating
from feedback.rules import accepts_ratings
from portal_site.ratelimit import RATE_LIMITED_MESSAGE, allow

# The pages this browser has rated, in a signed cookie that lasts the browser session. Not in
# Django's session: a session cookie makes Varnish pass every later page of that visitor to
# Django (deploy/varnish/default.vcl), and each rater would cost a session row.
RATED_COOKIE = "portal_rated"
RATED_SALT = "feedback.rated"
RATED_KEPT = 200  # page ids kept: the cookie stays under 2 KB
THANKS = "Cảm ơn bạn đã đánh giá. Ý kiến của bạn giúp chúng tôi hoàn thiện thông tin trên cổng."
ALREADY_RATED = (
    "Bạn đã đánh giá trang này trong lần truy cập này rồi. Cảm ơn bạn! "
    "Mỗi trang chỉ nhận một đánh giá của mỗi lượt truy cập."
)
UNKNOWN_PAGE = "Không tìm thấy trang cần đánh giá."
# The anchor of the thank-you note in the form (feedback/includes/rating_form.html): shown by CSS
# :target, so that the redirected page is the very page Varnish caches for everyone.
THANKS_ANCHOR = "cam-on-danh-gia"


def _wants_json(request):
    return "application/json" in request.headers.get("Accept", "")


def _answer(request, status, message, page=None, field=None):
    """A refusal: JSON for the script, a short page for a browser without JavaScript."""
    if _wants_json(request):
        body = {"ok": False, "error": message}
        if field:
            body["field"] = field
        return JsonResponse(body, status=status)
    context = {"message": message, "back_url": page.get_url(request) if page else "/"}
    return TemplateResponse(request, "feedback/rating_refused.html", context, status=status)


def _rated_page(request, page_id):
    """The live page being rated, if it takes ratings and this visitor may see it; else None."""
    page = Page.objects.live().filter(pk=page_id).first()
    if page is None or not accepts_ratings(page):
        return None
    # A private page takes ratings only from those who may see it (Wagtail's own check).
    if any(not restriction.accept_request(request) for restriction in page.get_view_restrictions()):
        return None
    return page


# CSRF exemption: the form sits in pages that Varnish serves to everyone, so it cannot carry a
# per-visitor token. CSRF protects what a victim's logged-in browser could be made to do; a rating
# is anonymous, does nothing in anyone's name and reveals nothing, so a forged one is no more than
# anyone may post directly. Against abuse: the honeypot, the per-client rate limit, strict
# validation, and one rating per page per browser session.
@csrf_exempt
@require_POST
def rate(request):
    if not allow(request, "rating"):
        return _answer(request, 429, RATE_LIMITED_MESSAGE)
    form = RatingForm(request.POST)
    if not form.is_valid():
        field = next(iter(form.errors))
        page = _rated_page(request, form.cleaned_data["page"]) if "page" in form.cleaned_data else None
        return _answer(request, 400, form.first_error(), page, field=field)
    page = _rated_page(request, form.cleaned_data["page"])
    if page is None:
        return _answer(request, 404, UNKNOWN_PAGE, field="page")

    rated = _rated_pages(request)
    if page.pk in rated:
        return _answer(request, 409, ALREADY_RATED, page)
    Rating.objects.create(
        page=page,
        score=form.cleaned_data["score"],
        reason=form.cleaned_data["reason"],
        comment=form.cleaned_data["comment"].strip(),
    )
    if _wants_json(request):
        response = JsonResponse({"ok": True, "message": THANKS}, status=201)
    else:
        response = redirect(f"{page.get_url(request)}#{THANKS_ANCHOR}")
    response.set_signed_cookie(
        RATED_COOKIE,
        ",".join(str(pk) for pk in [*rated, page.pk][-RATED_KEPT:]),
        salt=RATED_SALT,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )
    return response


def _rated_pages(request):
    value = request.get_signed_cookie(RATED_COOKIE, default="", salt=RATED_SALT)
    return [int(pk) for pk in value.split(",") if pk.isdigit()]
