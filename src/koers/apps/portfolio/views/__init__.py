"""Pages of portfolio management: intake, assessment board, frameworks, rules, capacity, scenarios,
decisions, and the public (login-free) page with what a manager published.

Every organisation page goes through ``requires_role``; objects are always looked up within the
organisation, so another tenant's id gives 404. Changes go through the service modules.
"""

from koers.apps.portfolio.views.configuration import (  # noqa: F401 - the pages of urls.py
    capacity,
    goal_delete,
    goal_edit,
    goal_list,
    principle_edit,
    principle_list,
    rules,
)
from koers.apps.portfolio.views.decisions import decide, decision_list, decision_publish, public_decisions  # noqa: F401 - the pages of urls.py
from koers.apps.portfolio.views.frameworks import (  # noqa: F401 - the pages of urls.py
    framework_detail,
    framework_list,
    framework_new_version,
    framework_publish,
)
from koers.apps.portfolio.views.initiatives import (  # noqa: F401 - the pages of urls.py
    compliance,
    effort_edit,
    initiative_detail,
    initiative_edit,
    initiative_list,
    move,
    principle_checks,
    score,
    submit,
)
from koers.apps.portfolio.views.overview import export_csv, export_xlsx, import_file, overview  # noqa: F401 - the pages of urls.py
from koers.apps.portfolio.views.scenarios import run_create, run_delete, run_detail, run_list, run_retry  # noqa: F401 - the pages of urls.py
