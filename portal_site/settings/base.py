"""Settings shared by every environment. Environment-specific modules import from here."""

import datetime
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
    "axes",
    "csp",
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
    "portal_site.security.ContentSecurityPolicyMiddleware",
    "portal_site.security.PermissionsPolicyMiddleware",
    "portal_site.frontcache.CacheControlMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "portal_site.urlconf.VisitorURLConfMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "portal_site.fragments.RequestMiddleware",
    # After CommonMiddleware, which has checked the host against ALLOWED_HOSTS.
    "portal_site.sites.CachedSiteMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
    # Last, as django-axes requires: it turns a locked-out login into the lockout page.
    "axes.middleware.AxesMiddleware",
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
WAGTAILDOCS_DOCUMENT_FORM_BASE = "portal_site.files.ValidatedDocumentForm"
PROCEDURES_FORM_MAX_SIZE = 20 * 1024 * 1024  # bytes
WAGTAILDOCS_MAX_UPLOAD_SIZE = PROCEDURES_FORM_MAX_SIZE

# --- security (portal_site/security.py, SECURITY.md) ---
# Content-Security-Policy (django-csp 4): public pages run only the portal's own scripts and
# styles, never inline ones; videos come framed from the embed providers editors may use.
PORTAL_EMBED_FRAME_SOURCES = [
    "https://www.youtube.com",
    "https://www.youtube-nocookie.com",
    "https://player.vimeo.com",
]
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "frame-src": ["'self'", *PORTAL_EMBED_FRAME_SOURCES],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        # Wagtail's preview shows pages in a same-origin frame (X_FRAME_OPTIONS says the same).
        "frame-ancestors": ["'self'"],
    },
}
# The Wagtail admin still writes inline scripts (date widgets, inline panels) and `style=`
# attributes, and previews uploads from blob: URLs: its own, looser policy, for /admin/ only.
PORTAL_ADMIN_CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        **CONTENT_SECURITY_POLICY["DIRECTIVES"],
        "script-src": ["'self'", "'unsafe-inline'"],
        "style-src": ["'self'", "'unsafe-inline'"],
        "img-src": ["'self'", "data:", "blob:", "https:"],  # https: embed thumbnails in the editor
        "font-src": ["'self'", "data:"],
    },
}
# Browser features no page uses, off for the page and every frame in it.
PORTAL_PERMISSIONS_POLICY = dict.fromkeys(
    (
        "accelerometer",
        "browsing-topics",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    ),
    (),
)
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CONTENT_TYPE_NOSNIFF = True
# The admin asks no third party for anything: no avatars from Gravatar (they would tell it the
# editors' e-mail hashes), no release check from the dashboard.
WAGTAIL_GRAVATAR_PROVIDER_URL = None
WAGTAIL_ENABLE_UPDATE_CHECK = False

# Admin sign-in lockout (django-axes): 10 failed attempts from one client, or for one user name
# from anywhere, lock that client or name out for 30 minutes; a success resets the count.
# `manage.py axes_reset_username NAME` (or `axes_reset_ip`) lifts a lockout early.
AUTHENTICATION_BACKENDS = [
    "portal_site.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = 10
AXES_COOLOFF_TIME = datetime.timedelta(minutes=30)
AXES_LOCKOUT_PARAMETERS = ["ip_address", "username"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal_site.security.client_ip"
AXES_LOCKOUT_CALLABLE = "portal_site.security.lockout_response"
AXES_DISABLE_ACCESS_LOG = True  # keep failures only, not a log of every editor's sign-ins
AXES_COOLOFF_MESSAGE = "Đăng nhập bị tạm khóa vì nhập sai quá nhiều lần. Vui lòng thử lại sau."
AXES_PERMALOCK_MESSAGE = (
    "Đăng nhập bị khóa vì nhập sai quá nhiều lần. Vui lòng liên hệ quản trị viên cổng thông tin."
)

# Uploads: request bodies stay small except file uploads, which go to disk beyond 2.5 MB;
# documents and images are checked by type and size (portal_site/files.py sniffs documents).
DATA_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # bytes of a request body, files not counted
DATA_UPLOAD_MAX_NUMBER_FIELDS = 1000
DATA_UPLOAD_MAX_NUMBER_FILES = 20
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440  # larger files are streamed to a temporary file
FILE_UPLOAD_PERMISSIONS = 0o644
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024  # bytes
WAGTAILIMAGES_MAX_IMAGE_PIXELS = 40_000_000  # a decompression bomb is refused before decoding
