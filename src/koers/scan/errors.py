"""Errors the scan engine reports to its callers, always with a readable message."""


class ScanError(Exception):
    """Base class: the message is meant for the user, in Dutch."""


class DocumentError(ScanError):
    """A document could not be read (corrupt, encrypted, empty, unsupported, too large...)."""


class CodebookError(ScanError):
    """A codebook file is invalid; the message names the file, line and problem."""
