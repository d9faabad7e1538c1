"""Errors the optimiser reports to its callers; the message is meant for the user, in Dutch."""


class OptimiseInputError(ValueError):
    """Malformed portfolio input: names the file, row and problem where there is one."""
