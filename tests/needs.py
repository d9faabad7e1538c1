"""One rule for tests that need an outside tool (Chromium, npx, Redis, axe-core, Playwright).

On a workstation without the tool the test is skipped with the reason; in CI (``CI`` set, as
.ci/run does) it fails instead, because .ci/run installs every tool and nothing may be skipped.
"""

import os

import pytest


def unavailable(reason: str, *, module: bool = False) -> None:
    """Skip (workstation) or fail (CI) because ``reason``; ``module=True`` at import time."""
    if os.environ.get("CI"):
        pytest.fail(f"{reason} (CI is set: .ci/run must provide it)", pytrace=False)
    pytest.skip(reason, allow_module_level=module)
