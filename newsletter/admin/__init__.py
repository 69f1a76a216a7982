"""Admin views for the newsletter, wired up in wagtail_hooks.py: one module per admin area.

- `subscribers`: the subscriber list, details, theme form and unsubscribing (wagtail-modeladmin).
- `editions`: the edition snippet's views, its action menu items and the send confirmation.
- `dashboard`: the panel with the subscriber counts.
"""
