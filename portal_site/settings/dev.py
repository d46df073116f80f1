"""Local development: debug on, console e-mail, a fixed non-secret key."""

from .base import *  # noqa: F403

DEBUG = True
SECRET_KEY = "dev-only-not-secret-8a1f0c3e"  # noqa: S105 (development only)
ALLOWED_HOSTS = ["*"]
PORTAL_DEMO_PUBLISHED_PASSWORDS = True  # load_demo: the README's demo password, not a random one
EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
