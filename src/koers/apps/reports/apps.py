from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "koers.apps.reports"
    label = "reports"
    verbose_name = _("Rapportages")

    def ready(self):
        from koers.apps.audit import recorder

        # The frozen HTML is large and fully determined by the PDF's hash; the entry keeps the rest.
        recorder.register(self.get_model("Report"), {"html"})
