"""The one error the effects engine raises: bad input, with a Dutch message for the user."""


class EffectsError(ValueError):
    """Input the engines cannot use (NaN, no date, unknown channel, ...); the message names it."""
