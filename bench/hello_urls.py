from django.http import HttpResponse
from django.urls import path

from config.urls import urlpatterns as site_urlpatterns


def hello(request):
    return HttpResponse("Hallo")


urlpatterns = [path("hello/", hello), *site_urlpatterns]
