"""No background tasks (yet) for this app."""
