"""How the Wagtail admin refuses a request, stated exactly instead of "302 or 403"."""

from django.urls import reverse


def assert_sent_to_dashboard(response):
    """A signed-in admin user refused a view (PermissionDenied, caught by Wagtail's
    require_admin_access): redirected to the dashboard, which shows "Sorry, you do not have
    permission to access this area"."""
    assert (response.status_code, response.get("Location")) == (302, reverse("wagtailadmin_home"))


def assert_sent_to_login(response, path):
    """A user without admin access (no wagtailadmin.access_admin): redirected to the admin's
    login, which comes back to `path`."""
    location = f"{reverse('wagtailadmin_login')}?next={path}"
    assert (response.status_code, response.get("Location")) == (302, location)
