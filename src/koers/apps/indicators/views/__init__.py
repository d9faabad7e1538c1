"""Pages of effect steering: the goal tree and goal pages, indicators with their status, targets,
measurements and the import. Every page goes through ``requires_role``; objects are looked up within
the organisation, so another tenant's id gives 404. Writes go through ``measuring`` and ``defaults``.
"""

from koers.apps.indicators.views.goals import goal_detail, goal_tree  # noqa: F401 - the pages of urls.py
from koers.apps.indicators.views.indicators import (  # noqa: F401 - the pages of urls.py
    add_default,
    indicator_create,
    indicator_delete,
    indicator_detail,
    indicator_edit,
    indicator_list,
)
from koers.apps.indicators.views.data import (  # noqa: F401 - the pages of urls.py
    import_measurements,
    measurement_add,
    measurement_delete,
    target_remove,
    targets,
)
