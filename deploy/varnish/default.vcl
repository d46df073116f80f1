# Varnish 7 in front of the portal's gunicorn (contracts.md §6), used as it is by `make serve`.
#
# - Django decides what may be cached: only responses with Cache-Control max-age/s-maxage are
#   stored (anonymous public pages); the admin, logged-in visitors, form posts and private pages
#   answer `private`/`no-cache` or set a cookie, and pass.
# - Wagtail's frontend_cache purges through the HTTP backend: a PURGE of a path bans that path
#   with every query string (listing pages, filters), on every host name, since an agency page
#   is reachable on the portal's host and on the agency's own.
# - In production, change the backend address and the `purgers` ACL to the application servers.
vcl 4.1;

import std;

backend default {
    .host = "127.0.0.1";
    .port = "8001";
    .connect_timeout = 2s;
    .first_byte_timeout = 60s;
    .between_bytes_timeout = 30s;
    .probe = {
        .url = "/robots.txt";
        .interval = 5s;
        .timeout = 2s;
        .window = 5;
        .threshold = 3;
        .initial = 3;  # healthy from the start; the probe only has to notice an outage
    }
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        ban("obj.http.x-portal-path == " + regsub(req.url, "\?.*$", ""));
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin(/|$)" || req.http.Authorization) {
        return (pass);
    }
    # A session cookie means a logged-in editor (or a visitor with a pending message): pass.
    if (req.http.Cookie ~ "(^|;\s*)sessionid=") {
        return (pass);
    }
    # Anonymous: no other cookie (csrftoken, analytics) changes the page. A page with a form sets
    # a fresh csrftoken, which makes that response uncacheable below.
    unset req.http.Cookie;
    return (hash);
}

sub vcl_backend_response {
    # Remembered on the object for bans (lurker-friendly: only obj.* in the ban expression).
    set beresp.http.x-portal-path = regsub(bereq.url, "\?.*$", "");
    if (beresp.status >= 500) {
        set beresp.uncacheable = true;
        set beresp.ttl = 0s;
        return (deliver);
    }
    if (beresp.http.Set-Cookie
        || !beresp.http.Cache-Control
        || beresp.http.Cache-Control ~ "(private|no-cache|no-store)"
        || beresp.http.Cache-Control !~ "(s-maxage|max-age)=[1-9]") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    if (beresp.http.Content-Type ~ "^(text/|application/(json|xml|rss\+xml|atom\+xml|javascript))") {
        set beresp.do_gzip = true;
    }
    # When gunicorn is down, serve what is cached for up to an hour rather than an error.
    set beresp.grace = 1h;
    return (deliver);
}

sub vcl_deliver {
    unset resp.http.x-portal-path;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "HIT";
    } else {
        set resp.http.X-Cache = "MISS";
    }
    # s-maxage is for this cache; browsers keep the page's own max-age.
    unset resp.http.Via;
    unset resp.http.X-Varnish;
}

# gunicorn down and nothing cached (or grace used up): a Vietnamese page, not Varnish's own.
sub vcl_backend_error {
    set beresp.http.Content-Type = "text/html; charset=utf-8";
    set beresp.http.Retry-After = "10";
    synthetic({"<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>Tạm thời gián đoạn</title></head>
<body><main><h1>Cổng thông tin đang tạm thời gián đoạn</h1>
<p>Máy chủ đang được khởi động lại hoặc bảo trì. Vui lòng tải lại trang sau ít giây.</p>
<p><a href="/">Về trang chủ</a></p></main></body></html>
"});
    return (deliver);
}
