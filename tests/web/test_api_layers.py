"""The API base must not depend on any Koers app (else the apps' api modules form a cycle with it)."""

from __future__ import annotations

import subprocess
import sys

# Django with only its own apps and the REST framework: nothing of Koers is loaded by the setup,
# so whatever koers.apps module shows up afterwards was imported by the API base.
PROBE = """
import sys
import django
from django.conf import settings
settings.configure(INSTALLED_APPS=["django.contrib.contenttypes", "django.contrib.auth", "rest_framework"])
django.setup()
import koers.web.api.base
import koers.web.api.schema
print(",".join(sorted(name for name in sys.modules if name.startswith("koers.apps"))))
"""


def test_api_base_imports_no_app():
    result = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, check=False)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == ""
