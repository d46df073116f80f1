from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    """Wagtail's login form leaves the password field unlabelled, so Django shows the English
    field name; give it the translated label ("Mật khẩu")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")
