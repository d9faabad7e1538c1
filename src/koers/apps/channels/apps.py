from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# The organisation's own channel data is recorded in the audit trail (fields left out). ContextFigure
# is public open data fetched for every organisation, not an organisation's record, so it is not.
AUDITED = {"ChannelCount": set(), "ChannelSupply": set(), "InclusionSettings": set()}


class ChannelsConfig(AppConfig):
    name = "koers.apps.channels"
    label = "channels"
    verbose_name = _("Kanalen")

    def ready(self):
        from koers.apps.audit import recorder

        for name, exclude in AUDITED.items():
            recorder.register(self.get_model(name), exclude)
