vcl 4.1;

# Varnish in front of Kennisplatform (docs/deployment.md, "Front cache").
#
# Anonymous visitors get pages from Varnish; visitors with a session (editors, members who opened
# a protected page) and everything that is not a GET or HEAD go to the site. The site says what
# may be kept: a response that sets a cookie or says private/no-cache/no-store (search with a
# query, forms with a CSRF token, restricted pages) is never stored. Any PURGE from the site
# empties the whole cache, because any change may show on many pages (listings, the home page,
# theme pages, feeds, the navigation); the site sends one after each committed change
# (core/front_cache.py, FRONTEND_CACHE_URL).

# The site (gunicorn). deploy/services starts Varnish with this file as it is.
backend site {
    .host = "127.0.0.1";
    .port = "8000";
    .connect_timeout = 2s;
    .first_byte_timeout = 30s;
}

# Who may purge: the site's own servers.
acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "PURGE") {
        if (client.ip !~ purgers) {
            return (synth(405, "Not allowed"));
        }
        # Lurker-friendly (tests only obj.*): old objects are dropped in the background too.
        ban("obj.status != 0");
        return (synth(200, "Purged"));
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    if (req.url ~ "^/admin/") {
        return (pass);
    }
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|messages)=") {
        return (pass);
    }
    # What an anonymous visitor's cookies (a CSRF token, a tracker's) and languages may be does
    # not change the page: the site speaks only Dutch.
    unset req.http.Cookie;
    unset req.http.Accept-Language;
    return (hash);
}

sub vcl_hash {
    # http and https answers differ (one redirects to the other).
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "private|no-cache|no-store") {
        set beresp.uncacheable = true;
        set beresp.ttl = 2m;  # remember for 2 minutes not to wait for other visitors' requests
        return (deliver);
    }
    if (beresp.status == 200) {
        # Purged on every change, so a page may be kept long; the hour bounds what depends on
        # the day alone (which events are upcoming).
        set beresp.ttl = 1h;
    }
    # While the site is down or slow, visitors keep getting the last page for up to six hours.
    set beresp.grace = 6h;
}

sub vcl_deliver {
    if (obj.hits > 0) {
        set resp.http.X-Front-Cache = "hit";
    } else {
        set resp.http.X-Front-Cache = "miss";
    }
}
