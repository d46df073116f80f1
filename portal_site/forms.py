from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.admin.forms.auth import LoginForm


class PortalLoginForm(LoginForm):
    """Wagtail's login form leaves the password field unlabelled, so Django shows the English
    field name; give it the translated label ("Mật khẩu")."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password"].label = _("Password")


class HoneypotMixin(forms.Form):
    """A `website` field that people never see (hidden by CSS and from assistive technology) and
    bots fill in. A filled honeypot fails validation, so nothing is stored."""

    website = forms.CharField(
        required=False,
        label="Để trống ô này",
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("Không gửi được: biểu mẫu có dấu hiệu được điền tự động.")
        return ""
