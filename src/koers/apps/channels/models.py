"""Contacts per channel, the supply of each channel, the warning threshold and context figures.

A period is the date it starts (the first day of a month or quarter). Group "" means all residents;
other groups (age bands, districts) are the organisation's own names. A supply entry holds from its
period until a later entry for the same service and channel; service "" applies to every service
that has no entry of its own (see ``mix.rows``).
"""

from __future__ import annotations

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.apps.portfolio.models import OrganisationOwned
from koers.effects.channels import CHANNELS

CHANNEL_CHOICES = [(key, _(label)) for key, label in CHANNELS.items()]
DEFAULT_THRESHOLD = 0.2


class ChannelCount(OrganisationOwned):
    period = models.DateField(_("periode (eerste dag)"))
    service = models.CharField(_("dienst"), max_length=120)
    channel = models.CharField(_("kanaal"), max_length=20, choices=CHANNEL_CHOICES)
    group = models.CharField(_("groep"), max_length=120, blank=True)  # blank: all residents
    contacts = models.FloatField(_("contacten"), validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["organisation", "period", "service", "group", "channel"]
        verbose_name = _("aantal contacten")
        verbose_name_plural = _("aantallen contacten")
        constraints = [models.UniqueConstraint(fields=["organisation", "period", "service", "channel", "group"],
                                               name="unique_channel_count")]

    def __str__(self) -> str:
        return f"{self.period} {self.service} {self.channel} {self.group or '-'}: {self.contacts:g}"


class ChannelSupply(OrganisationOwned):
    period = models.DateField(_("vanaf periode"))
    service = models.CharField(_("dienst"), max_length=120, blank=True)  # blank: every service
    channel = models.CharField(_("kanaal"), max_length=20, choices=CHANNEL_CHOICES)
    capacity = models.FloatField(_("capaciteit"), null=True, blank=True, validators=[MinValueValidator(0)])
    opening_hours = models.FloatField(_("openingsuren per week"), null=True, blank=True,
                                      validators=[MinValueValidator(0), MaxValueValidator(168)])

    class Meta:
        ordering = ["organisation", "channel", "service", "period"]
        verbose_name = _("aanbod van een kanaal")
        verbose_name_plural = _("aanbod van kanalen")
        constraints = [models.UniqueConstraint(fields=["organisation", "period", "service", "channel"],
                                               name="unique_channel_supply")]

    def __str__(self) -> str:
        return f"{self.period} {self.service or '*'} {self.channel}"


class InclusionSettings(OrganisationOwned):
    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE,
                                        related_name="inclusion_settings", verbose_name=_("organisatie"))
    threshold = models.FloatField(_("drempel voor de inclusiewaarschuwing"), default=DEFAULT_THRESHOLD,
                                  validators=[MinValueValidator(0), MaxValueValidator(1)])

    class Meta:
        verbose_name = _("inclusie-instellingen")
        verbose_name_plural = _("inclusie-instellingen")

    def __str__(self) -> str:
        return f"inclusie {self.organisation}"


class ContextFigure(models.Model):
    """An open-data figure shown as context (e.g. CBS internet use per age band), the same for everyone."""

    source = models.CharField(_("bron"), max_length=60)
    table_id = models.CharField(_("tabel"), max_length=40)
    period = models.CharField(_("periode"), max_length=40)
    group = models.CharField(_("groep"), max_length=120)
    label = models.CharField(_("onderwerp"), max_length=300)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    value = models.FloatField(_("waarde"), null=True, blank=True)
    position = models.PositiveIntegerField(_("volgorde"), default=0)
    fetched_at = models.DateTimeField(_("opgehaald op"))

    class Meta:
        ordering = ["source", "table_id", "position", "id"]
        verbose_name = _("contextcijfer")
        verbose_name_plural = _("contextcijfers")
        constraints = [models.UniqueConstraint(fields=["source", "table_id", "period", "group"],
                                               name="unique_context_figure")]

    def __str__(self) -> str:
        return f"{self.source} {self.table_id} {self.period} {self.group}"
