"""X-Accel-Redirect: nginx sends the file from its `internal` location DOCUMENTS_NGINX_LOCATION."""

import os
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.http import HttpResponse


def sendfile(request, filename, mimetype):
    relative = Path(filename).relative_to(os.path.abspath(settings.MEDIA_ROOT)).as_posix()
    location = settings.DOCUMENTS_NGINX_LOCATION.rstrip("/")
    response = HttpResponse(content_type=mimetype)
    # nginx expects the URI escaped, and decodes it before it looks for the file.
    response["X-Accel-Redirect"] = f"{location}/{quote(relative)}"
    return response
