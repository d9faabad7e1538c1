"""The Koers web application (Django).

The Celery app is loaded with the package so ``@shared_task`` functions bind to it.
"""

from koers.web.celery import app as celery_app

__all__ = ["celery_app"]
