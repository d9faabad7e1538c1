from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Every model of the app is recorded in the audit trail (fields left out).
AUDITED = {"Indicator": set(), "Target": set(), "Measurement": set()}


class IndicatorsConfig(AppConfig):
    name = "koers.apps.indicators"
    label = "indicators"
    verbose_name = _("Effecten")

    def ready(self):
        from koers.apps.audit import recorder

        for name, exclude in AUDITED.items():
            recorder.register(self.get_model(name), exclude)
