from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "koers.apps.audit"
    label = "audit"
    verbose_name = _("Audittrail")

    def ready(self):
        from koers.apps.audit import recorder

        recorder.register_domain_models()
