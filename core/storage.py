"""Media in an S3-compatible bucket: public images, private documents.

Documents are only linked through Wagtail's serve view (/documenten/<id>/<name>), which checks the
collection's view restrictions and then redirects to `url()`: for a document that is a signed URL
that expires after `document_url_expire` seconds, straight from the bucket (never the CDN domain),
so the bucket can keep documents/ private. Images keep their plain public or CDN URLs.
"""

from typing import Any

from storages.backends.s3 import S3Storage
from storages.utils import clean_name

PRIVATE_PREFIX = "documents/"


class MediaStorage(S3Storage):
    def get_default_settings(self) -> dict[str, Any]:
        # Signature version 4: the only one that AWS accepts in every region.
        return {
            **super().get_default_settings(),
            "signature_version": "s3v4",
            "document_url_expire": 300,
        }

    def url(
        self,
        name: str,
        parameters: dict[str, str] | None = None,
        expire: int | None = None,
        http_method: str | None = None,
    ) -> str:
        name = clean_name(name)
        if not name.startswith(PRIVATE_PREFIX):
            return super().url(name, parameters, expire, http_method)
        key = self._normalize_name(name)
        return self.connection.meta.client.generate_presigned_url(
            "get_object",
            Params={**(parameters or {}), "Bucket": self.bucket.name, "Key": key},
            ExpiresIn=self.document_url_expire if expire is None else expire,
            HttpMethod=http_method,
        )
