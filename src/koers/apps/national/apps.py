from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    """The national comparison: harvested public documents of every municipality, scanned in
    batches on the workers, and the country's figures built from them. None of it belongs to one
    organisation, so only the opt-in is in an organisation's audit trail."""

    name = "koers.apps.national"
    label = "national"
    verbose_name = _("Landelijk beeld")

    def ready(self):
        from koers.apps.audit import recorder

        # The organisation's own decision to share is in its audit trail; the rest is public data.
        recorder.register(self.get_model("NationalOptIn"), set())
