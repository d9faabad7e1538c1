"""The Celery app ``koers.web.celery:app``, configured from the Django settings (CELERY_*).

Without CELERY_BROKER_URL/REDIS_URL it uses kombu's filesystem transport under var/celery/,
so ``celery -A koers.web.celery:app worker`` works on a laptop without a message server.
The tasks are found in every installed Django app (its ``tasks`` module), so a new app needs no
entry here.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")

app = Celery("koers")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()  # reads INSTALLED_APPS through Celery's Django fixup

