"""Uploads never take more than KOERS_MAX_UPLOAD_MB of disk per file, whatever is sent.

Django streams a large file to a temporary file as it arrives (small ones stay in memory up to
FILE_UPLOAD_MAX_MEMORY_SIZE). This handler takes the place of that temporary-file handler: once
a file passes the limit it drops what it wrote and only counts the rest, so the file reaches the
view empty but with its real size, and the size check refuses it by name. No view can read a
cut-off part of an oversized file as if it were whole.
"""

from __future__ import annotations

from django.conf import settings
from django.core.files.uploadhandler import TemporaryFileUploadHandler
from django.utils.translation import gettext as _


def too_large(upload) -> str | None:
    """The Dutch reason a file is over KOERS_MAX_UPLOAD_MB (any upload form), or None."""
    if upload.size <= settings.KOERS_MAX_UPLOAD_MB * 1024 * 1024:
        return None
    return _("het bestand is %(size)s MB, meer dan de grens van %(limit)s MB") % {
        "size": f"{upload.size / 1024 / 1024:.1f}".replace(".", ","), "limit": settings.KOERS_MAX_UPLOAD_MB}


class BoundedUploadHandler(TemporaryFileUploadHandler):
    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        self.oversized = False

    def receive_data_chunk(self, raw_data: bytes, start: int) -> None:
        if self.oversized:
            return
        if start + len(raw_data) > settings.KOERS_MAX_UPLOAD_MB * 1024 * 1024:
            self.oversized = True
            self.file.seek(0)
            self.file.truncate()
            return
        self.file.write(raw_data)

    # file_complete (inherited) reports the size of everything received, stored or not.
