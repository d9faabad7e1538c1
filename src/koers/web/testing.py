"""pytest plugin (loaded with ``-p koers.web.testing`` in pyproject.toml) for the web tests.

It runs before pytest-django imports the settings, so the settings see a test environment:
a throwaway secret key, debug off as in production, Celery tasks run in-process (eager)
and everything the tests write goes to a temporary folder. Imports nothing from Django.
"""

import os
import tempfile

os.environ.setdefault("DJANGO_SECRET_KEY", "koers-test-only-secret-key-not-for-production")
os.environ.setdefault("CELERY_TASK_ALWAYS_EAGER", "true")
os.environ.setdefault("KOERS_VAR_DIR", tempfile.mkdtemp(prefix="koers-test-var-"))
os.environ.setdefault("DJANGO_SECURE_COOKIES", "false")
os.makedirs(os.path.join(os.environ["KOERS_VAR_DIR"], "static"), exist_ok=True)
os.environ.setdefault("KOERS_MANIFEST_STATIC", "false")


def _remove_test_var_dir() -> None:
    import shutil

    folder = os.environ.get("KOERS_VAR_DIR", "")
    if os.path.basename(folder).startswith("koers-test-var-"):
        shutil.rmtree(folder, ignore_errors=True)


import atexit  # noqa: E402

atexit.register(_remove_test_var_dir)
