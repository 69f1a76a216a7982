"""Backends for Wagtail's document serve view (SENDFILE_BACKEND, set by DOCUMENTS_SENDFILE).

After the view has checked the collection's view restrictions, the backend answers with an empty
response that tells the web server in front which file to send; Wagtail then adds the
Content-Type, Content-Disposition and security headers. docs/deployment.md has the server side.
"""
