from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrganisationsConfig(AppConfig):
    name = "koers.apps.organisations"
    label = "organisations"
    verbose_name = _("Organisaties")

    def ready(self):
        from koers.apps.audit import recorder

        # Invite, accept and withdraw are recorded; the link's hash is not.
        recorder.register(self.get_model("Invitation"), {"token_hash"})
