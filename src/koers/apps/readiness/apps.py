from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _

# Models recorded in the audit trail, with the fields left out. A Response is recorded (that a
# response arrived, in which round, on which day) but never its Answers: the trail is readable by
# managers and must not hold what an anonymous respondent said. An Invitation's use is left out too,
# so the trail's times cannot tie a response to the link it came through.
AUDITED = {"Questionnaire": set(), "Dimension": set(), "Item": set(), "Level": set(), "Round": set(),
           "Invitation": {"token_hash", "used_on"}, "Response": set()}


class ReadinessConfig(AppConfig):
    name = "koers.apps.readiness"
    label = "readiness"
    verbose_name = _("Zelfscan")

    def ready(self):
        from koers.apps.audit import recorder

        for name, exclude in AUDITED.items():
            recorder.register(self.get_model(name), exclude)
