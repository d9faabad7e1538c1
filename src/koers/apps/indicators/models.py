"""Indicators of effect for residents and businesses, their target paths and measurements.

A target path is the set of current :class:`Target` rows of an indicator (``replaced_at`` empty),
interpolated between their dates by ``koers.effects.targets``. A target row is never updated: a
change sets ``replaced_at`` on the old row and adds a new one, so the history stays.
"""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from koers.apps.portfolio.models import OrganisationOwned


class Indicator(OrganisationOwned):
    class Direction(models.TextChoices):
        HIGHER = "higher", _("Hoger is beter")
        LOWER = "lower", _("Lager is beter")

    class Frequency(models.TextChoices):
        MONTHLY = "monthly", _("Maandelijks")
        QUARTERLY = "quarterly", _("Per kwartaal")
        YEARLY = "yearly", _("Jaarlijks")

    name = models.CharField(_("naam"), max_length=200)
    meaning = models.TextField(_("wat het zegt over inwoners of ondernemers"), blank=True)
    unit = models.CharField(_("eenheid"), max_length=40, blank=True)
    direction = models.CharField(_("richting"), max_length=10, choices=Direction.choices, default=Direction.HIGHER)
    source = models.CharField(_("bron"), max_length=200, blank=True)
    data_lag = models.CharField(_("vertraging van de gegevens"), max_length=120, blank=True)
    frequency = models.CharField(_("frequentie"), max_length=10, choices=Frequency.choices,
                                 default=Frequency.MONTHLY)
    owner = models.CharField(_("eigenaar"), max_length=120, blank=True)
    baseline_value = models.FloatField(_("nulmeting (waarde)"), null=True, blank=True)
    baseline_date = models.DateField(_("nulmeting (datum)"), null=True, blank=True)
    tolerance = models.FloatField(_("marge voor ‘let op’"), default=0.05,
                                  validators=[MinValueValidator(0), MaxValueValidator(1)])
    goals = models.ManyToManyField("portfolio.Goal", blank=True, related_name="indicators",
                                   verbose_name=_("doelen"))
    initiatives = models.ManyToManyField("portfolio.Initiative", blank=True, related_name="indicators",
                                         verbose_name=_("initiatieven die het moeten bewegen"))
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)

    class Meta:
        ordering = ["organisation", "name", "id"]
        verbose_name = _("indicator")
        verbose_name_plural = _("indicatoren")
        constraints = [models.UniqueConstraint(fields=["organisation", "name"], name="unique_indicator_name")]

    def __str__(self) -> str:
        return self.name


class Target(models.Model):
    """One point of an indicator's target path; ``replaced_at`` set = history."""

    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="targets",
                                  verbose_name=_("indicator"))
    date = models.DateField(_("datum"))
    value = models.FloatField(_("streefwaarde"))
    created_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("vastgelegd door"))
    replaced_at = models.DateTimeField(_("vervangen op"), null=True, blank=True)

    class Meta:
        ordering = ["indicator", "date", "created_at", "id"]
        verbose_name = _("streefwaarde")
        verbose_name_plural = _("streefwaarden")
        constraints = [models.UniqueConstraint(fields=["indicator", "date"], condition=models.Q(replaced_at=None),
                                               name="one_current_target_per_date")]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.date}: {self.value:g}"

    def audit_organisation(self):
        return self.indicator.organisation


class Measurement(models.Model):
    indicator = models.ForeignKey(Indicator, on_delete=models.CASCADE, related_name="measurements",
                                  verbose_name=_("indicator"))
    date = models.DateField(_("datum"))
    value = models.FloatField(_("waarde"))
    group = models.CharField(_("groep"), max_length=120, blank=True)  # blank: everyone
    source = models.CharField(_("bron"), max_length=200, blank=True)
    entered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+", verbose_name=_("ingevoerd door"))
    created_at = models.DateTimeField(_("ingevoerd op"), auto_now_add=True)

    class Meta:
        ordering = ["indicator", "date", "group", "id"]
        verbose_name = _("meting")
        verbose_name_plural = _("metingen")
        constraints = [models.UniqueConstraint(fields=["indicator", "date", "group"], name="unique_measurement")]
        indexes = [models.Index(fields=["indicator", "group", "date"])]

    def __str__(self) -> str:
        return f"{self.indicator_id} {self.date} {self.group or '-'}: {self.value:g}"

    def audit_organisation(self):
        return self.indicator.organisation
