"""Pages of the readiness scan: rounds and their results, invitation links, questionnaires (managers
copy, edit and publish them) and the public respondent page. Every organisation page goes through
``requires_role``; the respondent page needs only a valid link. Writes go through ``questionnaires``
and ``rounds``."""

from koers.apps.readiness.views.questionnaires import (  # noqa: F401 - the pages of urls.py
    dimension_edit,
    item_add,
    item_delete,
    item_edit,
    questionnaire_copy,
    questionnaire_detail,
    questionnaire_publish,
)
from koers.apps.readiness.views.respond import respond  # noqa: F401
from koers.apps.readiness.views.rounds import (  # noqa: F401
    invitation_revoke,
    invitations_create,
    overview,
    round_close,
    round_create,
    round_detail,
)
