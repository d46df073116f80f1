"""Settings shared by every environment. Environment-specific modules import from here."""

import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent.parent

# --- Environment (read once, here) -------------------------------------------------
# DATABASE_URL: PostgreSQL in production; SQLite in the project folder otherwise.
# ELASTICSEARCH_URL: one or more comma-separated engine URLs; unset means database search.
# ELASTICSEARCH_INDEX_PREFIX: lets several portals or test runs share one cluster.
DATABASE_URL = os.environ.get("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}")
ELASTICSEARCH_URL = os.environ.get("ELASTICSEARCH_URL") or None
ELASTICSEARCH_INDEX_PREFIX = os.environ.get("ELASTICSEARCH_INDEX_PREFIX", "portal")
# Proxies of ours in front of gunicorn that append to X-Forwarded-For (Varnish: 1; nginx and
# Varnish: 2), so that the public forms' rate limits count clients, not the proxy.
PORTAL_PROXY_COUNT = int(os.environ.get("PORTAL_PROXY_COUNT", "0"))
# REDIS_URL: Django's cache and sessions, shared by every worker (production, `make serve`).
# FRONT_CACHE_URL: the Varnish in front (e.g. http://127.0.0.1:8080), purged when pages change.
REDIS_URL = os.environ.get("REDIS_URL") or None
FRONT_CACHE_URL = os.environ.get("FRONT_CACHE_URL") or None
# -------------------------------------------------------------------------------------

INSTALLED_APPS = [
    "portal_site",
    "home",
    "news",
    "procedures",
    "legal_documents",
    "consultations",
    "questions",
    "feedback",
    "schedule",
    "search",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.settings",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.table_block",
    "wagtail.contrib.typed_table_block",
    "wagtail.embeds",
    "wagtail.sites",
    "wagtail.users",
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "portal_site.frontcache.CacheControlMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal_site.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "portal_site" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
            ],
        },
    },
]

WSGI_APPLICATION = "portal_site.wsgi.application"

# Persistent connections, checked before reuse: after a PostgreSQL restart the next request
# reconnects instead of failing on a dead connection.
DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60, conn_health_checks=True)}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# Vietnamese everywhere: public pages, the Wagtail admin, dates as dd/mm/yyyy.
LOCALE_PATHS = [BASE_DIR / "portal_site" / "locale"]  # Vietnamese for the parts of the Wagtail admin it lacks
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAILADMIN_PERMITTED_LANGUAGES = [("vi", "Tiếng Việt")]
WAGTAIL_I18N_ENABLED = False
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
# Date and number formats: portal_site/formats/vi (it overrides Django's Vietnamese locale).
FORMAT_MODULE_PATH = ["portal_site.formats"]
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static_collected"
STATICFILES_DIRS = [BASE_DIR / "portal_site" / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

WAGTAIL_SITE_NAME = "Cổng thông tin điện tử tỉnh Tiền Giang"
WAGTAILADMIN_BASE_URL = os.environ.get("WAGTAILADMIN_BASE_URL", "http://127.0.0.1:8000")
# The admin's own search (and the public fallback) stays on the database backend; public
# search on the engine is the search app's own elasticsearch-dsl index.
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
if DATABASES["default"]["ENGINE"] == "django.db.backends.postgresql":
    # The cluster's default text configuration is often English, whose stop words ("so", "do",
    # "to", "an", "no") are folded Vietnamese syllables: "sổ đỏ" would become an empty query.
    WAGTAILSEARCH_BACKENDS["default"]["SEARCH_CONFIG"] = "simple"

# Front cache (Varnish): Django marks what may be cached (portal_site/frontcache.py); publishing
# purges the page and the pages that show it through wagtail.contrib.frontend_cache's HTTP backend.
WAGTAILFRONTENDCACHE = {}
if FRONT_CACHE_URL:
    WAGTAILFRONTENDCACHE["varnish"] = {
        "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
        "LOCATION": FRONT_CACHE_URL,
    }
PORTAL_CACHE_SECONDS = {"page": 600, "feed": 300, "search": 60, "not_found": 60, "browser": 60}
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAILDOCS_EXTENSIONS = ["pdf", "doc", "docx", "xls", "xlsx", "odt", "ods"]
WAGTAILIMAGES_EXTENSIONS = ["gif", "jpg", "jpeg", "png", "webp"]
WAGTAILADMIN_USER_LOGIN_FORM = "portal_site.forms.PortalLoginForm"
WAGTAIL_MODERATION_ENABLED = True
WAGTAIL_WORKFLOW_ENABLED = True
TAGGIT_CASE_INSENSITIVE = True

# A district's editor and moderator groups also manage its communes' sections; after changing
# this, run `manage.py create_agency --sync-all` to re-apply agency permissions.
PORTAL_PARENT_AGENCY_MODERATES_CHILDREN = True

# A Redis cache that fails is logged here and treated as a miss (django-redis reads these at import).
DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS = True
DJANGO_REDIS_LOGGER = "portal.cache"

DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "cong-thong-tin@tiengiang.gov.vn")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": "WARNING"},
    "loggers": {
        "portal": {"handlers": ["console"], "level": "INFO", "propagate": False},
        "search": {"handlers": ["console"], "level": "INFO", "propagate": False},
    },
}

# --- procedures ---
# Uploaded documents (procedure forms) must be an allowed office type whose bytes match the
# extension, within a size limit shown next to the upload field.
WAGTAILDOCS_DOCUMENT_FORM_BASE = "procedures.files.ValidatedDocumentForm"
PROCEDURES_FORM_MAX_SIZE = 20 * 1024 * 1024  # bytes
WAGTAILDOCS_MAX_UPLOAD_SIZE = PROCEDURES_FORM_MAX_SIZE
