"""Back up and restore the whole site (`manage.py backup_site`, `manage.py restore_site`).

A backup is one .tar.gz: `manifest.json` first (what the archive holds and what made it), then the
database as the engine's own tool wrote it, then the media folder under `media/`.
`databases` dumps and restores the database, `archive` writes, checks and unpacks the file.
"""
