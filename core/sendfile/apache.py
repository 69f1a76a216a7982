"""X-Sendfile: Apache's mod_xsendfile sends the file at this absolute path."""

from urllib.parse import quote

from django.http import HttpResponse


def sendfile(request, filename, mimetype):
    response = HttpResponse(content_type=mimetype)
    # mod_xsendfile decodes the value (XSendFileUnescape, on by default), so that any file name
    # fits in a header.
    response["X-Sendfile"] = quote(filename)
    return response
