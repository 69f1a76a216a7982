from django.db import models


class PendingIndexing(models.Model):
    """A page `import_content` has published but not yet indexed (search and references).

    Written in the same transaction as the page itself and removed once the page is indexed, so
    that pages an interrupted import left unindexed are indexed by the next run
    (importer/indexing.py).
    """

    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )

    class Meta:
        verbose_name = "nog te indexeren pagina"
        verbose_name_plural = "nog te indexeren pagina's"

    def __str__(self):
        return str(self.page_id)
