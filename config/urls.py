from django.conf import settings
from django.urls import include, path, re_path
from django.views.generic import RedirectView

from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls

from core import error_pages

urlpatterns = [
    # The site settings moved from the home app to core; old admin links still lead there.
    re_path(
        r"^admin/settings/home/sitesettings/(?P<rest>.*)$",
        RedirectView.as_view(url="/admin/settings/core/sitesettings/%(rest)s"),
    ),
    path("admin/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("zoeken/", include("search.urls")),
    path("sitemap.xml", sitemap),
    path("feeds/", include("feeds.urls")),
    path("nieuwsbrief/", include("newsletter.urls")),
    path("__error/<str:name>/", error_pages.preview),  # only with DEBUG (core/error_pages.py)
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

urlpatterns += [path("", include(wagtail_urls))]
