"""The agenda-scan engine: plain Python, no web framework.

Typical use::

    from koers.scan import default_codebook, scan_file
    result = scan_file("begroting-2025.pdf", default_codebook())

``scan_file`` is a pure function of (path, codebook): it never raises for bad input (the
result carries ``error`` instead), so it can run in a process pool or a task queue.
"""

from koers.scan.codebook import Codebook, Theme, default_codebook, load_codebook
from koers.scan.engine import scan_file, scan_text
from koers.scan.errors import CodebookError, DocumentError, ScanError
from koers.scan.model import DocumentResult, Evidence, Page, ThemeResult

__all__ = [
    "Codebook", "CodebookError", "DocumentError", "DocumentResult", "Evidence", "Page",
    "ScanError", "Theme", "ThemeResult", "default_codebook", "load_codebook", "scan_file",
    "scan_text",
]
