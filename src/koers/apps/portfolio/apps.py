from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Every domain model of the portfolio app is recorded in the audit trail (fields left out).
AUDITED = {
    "Goal": set(), "Team": set(), "TeamCapacity": set(), "PortfolioSettings": set(), "GateRule": set(),
    "Principle": set(), "CriteriaFramework": set(), "Criterion": set(), "Initiative": set(),
    "EffortEstimate": set(), "Transition": set(), "PrincipleCheck": set(), "Score": set(),
    "SelectionRun": {"task_id", "seconds"}, "Decision": set(),
}


class PortfolioConfig(AppConfig):
    name = "koers.apps.portfolio"
    label = "portfolio"
    verbose_name = _("Portefeuille")

    def ready(self):
        from koers.apps.audit import recorder

        for name, exclude in AUDITED.items():
            recorder.register(self.get_model(name), exclude)
