"""Portfolio management: initiatives, their life cycle, the rules of play, the weighing framework,
principles, team capacity, selection runs (scenarios) and published decisions.

Every model belongs to one organisation (directly or through its parent) and names it with
``audit_organisation()``. Quarters are written ``YYYY-Qn`` (e.g. ``2026-Q1``) everywhere.
Engine ids: an initiative is ``str(pk)`` and a team is its ``code`` in ``koers.optimise``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from koers.web.background import overdue

QUARTER_RE = re.compile(r"^\d{4}-Q[1-4]$")


class FrameworkLocked(ValidationError):
    """A published framework version (or one of its criteria) may not change: make a new version."""

    def __init__(self):
        super().__init__(_("Deze versie van het afwegingskader is vastgesteld en kan niet meer worden "
                           "gewijzigd. Maak een nieuwe versie."))


def validate_quarter(value: str) -> None:
    if not QUARTER_RE.match(value or ""):
        raise ValidationError(_("Schrijf een kwartaal als JJJJ-Qn met n van 1 tot 4, bijvoorbeeld 2026-Q1."))


def quarter_field(verbose_name, **kwargs):
    return models.CharField(verbose_name, max_length=7, validators=[validate_quarter], **kwargs)


class OrganisationOwned(models.Model):
    organisation = models.ForeignKey("organisations.Organisation", on_delete=models.CASCADE,
                                     related_name="+", verbose_name=_("organisatie"))

    class Meta:
        abstract = True

    def audit_organisation(self):
        return self.organisation


class PortfolioSettings(OrganisationOwned):
    """Per organisation: the optional budget of a selection run and the public page's intro."""

    organisation = models.OneToOneField("organisations.Organisation", on_delete=models.CASCADE,
                                        related_name="portfolio_settings", verbose_name=_("organisatie"))
    budget = models.DecimalField(_("budget (euro)"), max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])

    class Meta:
        verbose_name = _("portefeuille-instellingen")
        verbose_name_plural = _("portefeuille-instellingen")

    def __str__(self) -> str:
        return f"instellingen {self.organisation}"


class Goal(OrganisationOwned):
    """A goal of the organisation's digital agenda that initiatives and indicators serve; goals form a
    tree through ``parent`` (the goal tree and goal pages live in the indicators app)."""

    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("doel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    parent = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL, related_name="children",
                               verbose_name=_("valt onder"))
    owner = models.CharField(_("eigenaar"), max_length=120, blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["organisation", "order", "code"]
        verbose_name = _("doel")
        verbose_name_plural = _("doelen")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_goal_code")]

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Team(OrganisationOwned):
    code = models.SlugField(_("code"), max_length=40)  # the team id in koers.optimise
    name = models.CharField(_("naam"), max_length=120)

    class Meta:
        ordering = ["organisation", "name"]
        verbose_name = _("team")
        verbose_name_plural = _("teams")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_team_code")]

    def __str__(self) -> str:
        return self.name


class TeamCapacity(models.Model):
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="capacity",
                             verbose_name=_("team"))
    quarter = quarter_field(_("kwartaal"))
    hours = models.FloatField(_("uren"), validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["team", "quarter"]
        verbose_name = _("capaciteit")
        verbose_name_plural = _("capaciteit")
        constraints = [models.UniqueConstraint(fields=["team", "quarter"], name="unique_team_quarter")]

    def __str__(self) -> str:
        return f"{self.team} {self.quarter}: {self.hours:g} uur"

    def audit_organisation(self):
        return self.team.organisation


class GateRule(OrganisationOwned):
    """A rule of play (stage gate) an organisation switches on or off. Absent = on."""

    class Code(models.TextChoices):
        EFFECT_AND_OWNER = "effect_and_owner", _("Geen beoordeling zonder beoogd effect en eigenaar")
        PRINCIPLES_CHECKED = "principles_checked", _("Geen start zonder volledige principetoets")
        DPIA = "dpia", _("Hoog privacyrisico vraagt een afgeronde DPIA")
        ALGORITHM = "algorithm", _("Algoritme met effect op inwoners vraagt een IAMA en registratie")

    code = models.CharField(_("spelregel"), max_length=30, choices=Code.choices)
    enabled = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["organisation", "code"]
        verbose_name = _("spelregel")
        verbose_name_plural = _("spelregels")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_gate_rule")]

    def __str__(self) -> str:
        return f"{self.get_code_display()} ({'aan' if self.enabled else 'uit'})"


class Principle(OrganisationOwned):
    class Kind(models.TextChoices):
        ETHICAL = "ethical", _("Ethisch principe")
        ARCHITECTURE = "architecture", _("Architectuurprincipe")

    kind = models.CharField(_("soort"), max_length=20, choices=Kind.choices)
    code = models.SlugField(_("code"), max_length=40)
    title = models.CharField(_("principe"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    active = models.BooleanField(_("actief"), default=True)

    class Meta:
        ordering = ["organisation", "kind", "order", "code"]
        verbose_name = _("principe")
        verbose_name_plural = _("principes")
        constraints = [models.UniqueConstraint(fields=["organisation", "code"], name="unique_principle_code")]

    def __str__(self) -> str:
        return self.title


class CriteriaFramework(OrganisationOwned):
    """One version of a weighing framework. Published versions are immutable (see framework.py)."""

    class State(models.TextChoices):
        DRAFT = "draft", _("Concept")
        PUBLISHED = "published", _("Vastgesteld")

    class WeightMethod(models.TextChoices):
        DIRECT = "direct", _("Direct ingevuld")
        PAIRWISE = "pairwise", _("Paarsgewijze vergelijking (AHP)")

    name = models.CharField(_("naam"), max_length=120)
    version = models.PositiveIntegerField(_("versie"), default=1)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.DRAFT)
    weight_method = models.CharField(_("weging"), max_length=10, choices=WeightMethod.choices,
                                     default=WeightMethod.DIRECT)
    pairwise = models.JSONField(_("paarsgewijze matrix"), null=True, blank=True)  # n x n, criteria order
    consistency_ratio = models.FloatField(_("consistentieratio"), null=True, blank=True)
    based_on = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+", verbose_name=_("gebaseerd op"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    published_at = models.DateTimeField(_("vastgesteld op"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "name", "-version"]
        verbose_name = _("afwegingskader")
        verbose_name_plural = _("afwegingskaders")
        constraints = [models.UniqueConstraint(fields=["organisation", "name", "version"],
                                               name="unique_framework_version")]

    def __str__(self) -> str:
        return f"{self.name} v{self.version}"

    @property
    def is_published(self) -> bool:
        return self.state == self.State.PUBLISHED

    def save(self, *args, **kwargs):
        if self.pk is not None:
            stored = CriteriaFramework.objects.filter(pk=self.pk).values_list("state", flat=True).first()
            if stored == self.State.PUBLISHED:
                raise FrameworkLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.is_published:
            raise FrameworkLocked()
        return super().delete(*args, **kwargs)


class Criterion(models.Model):
    framework = models.ForeignKey(CriteriaFramework, on_delete=models.CASCADE, related_name="criteria",
                                  verbose_name=_("afwegingskader"))
    code = models.SlugField(_("code"), max_length=40)
    name = models.CharField(_("criterium"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    scale_min = models.FloatField(_("schaal van"), default=1)
    scale_max = models.FloatField(_("schaal tot"), default=5)
    weight = models.FloatField(_("gewicht"), default=0, validators=[MinValueValidator(0)])
    order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        ordering = ["framework", "order", "id"]
        verbose_name = _("criterium")
        verbose_name_plural = _("criteria")
        constraints = [models.UniqueConstraint(fields=["framework", "code"], name="unique_criterion_code")]

    def __str__(self) -> str:
        return self.name

    def audit_organisation(self):
        return self.framework.organisation

    def save(self, *args, **kwargs):
        if CriteriaFramework.objects.filter(pk=self.framework_id, state=CriteriaFramework.State.PUBLISHED).exists():
            raise FrameworkLocked()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        if self.framework.is_published:
            raise FrameworkLocked()
        return super().delete(*args, **kwargs)

    def normalise(self, score: float) -> float:
        """The score on a 0..1 scale (clamped)."""
        span = self.scale_max - self.scale_min
        if span <= 0:
            return 0.0
        return min(1.0, max(0.0, (score - self.scale_min) / span))


class Initiative(OrganisationOwned):
    """A request or initiative in the portfolio."""

    class Status(models.TextChoices):
        INTAKE = "intake", _("Intake")
        ASSESSMENT = "assessment", _("Beoordeling")
        PRIORITISED = "prioritised", _("Geprioriteerd")
        IN_PROGRESS = "in_progress", _("In uitvoering")
        DONE = "done", _("Afgerond")
        REJECTED = "rejected", _("Afgewezen")
        PARKED = "parked", _("Geparkeerd")

    class PersonalData(models.TextChoices):
        NONE = "none", _("Geen persoonsgegevens")
        LOW = "low", _("Persoonsgegevens, laag risico")
        HIGH = "high", _("Persoonsgegevens, hoog risico")

    class Algorithm(models.TextChoices):
        NONE = "none", _("Geen algoritme")
        AFFECTS_RESIDENTS = "affects_residents", _("Algoritme met effect op inwoners")

    reference = models.CharField(_("kenmerk"), max_length=20, blank=True)
    title = models.CharField(_("titel"), max_length=200)
    problem = models.TextField(_("probleem"))
    intended_effect = models.TextField(_("beoogd effect voor inwoners of ondernemers"), blank=True)
    department = models.CharField(_("aanvragende afdeling"), max_length=120)
    themes = models.JSONField(_("thema's"), default=list, blank=True)  # codebook theme ids
    goals = models.ManyToManyField(Goal, blank=True, related_name="initiatives", verbose_name=_("doelen"))
    personal_data = models.CharField(_("persoonsgegevens"), max_length=10, choices=PersonalData.choices,
                                     default=PersonalData.NONE)
    algorithm = models.CharField(_("algoritme"), max_length=20, choices=Algorithm.choices,
                                 default=Algorithm.NONE)
    owner = models.CharField(_("eigenaar"), max_length=120, blank=True)
    cost_once = models.DecimalField(_("eenmalige kosten (euro)"), max_digits=12, decimal_places=2, default=0,
                                    validators=[MinValueValidator(0)])
    cost_yearly = models.DecimalField(_("jaarlijkse kosten (euro)"), max_digits=12, decimal_places=2,
                                      default=0, validators=[MinValueValidator(0)])
    desired_start = quarter_field(_("gewenst startkwartaal"), blank=True)
    desired_end = quarter_field(_("gewenst eindkwartaal"), blank=True)
    requires = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="required_by",
                                      verbose_name=_("afhankelijk van"))
    exclusive_group = models.CharField(_("groep van alternatieven"), max_length=60, blank=True)
    mandatory = models.BooleanField(_("verplicht (wettelijke plicht)"), default=False)
    already_running = models.BooleanField(_("loopt al"), default=False)
    dpia_done = models.BooleanField(_("DPIA afgerond"), default=False)
    iama_done = models.BooleanField(_("IAMA afgerond"), default=False)
    algorithm_registered = models.BooleanField(_("opgenomen in het algoritmeregister"), default=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.INTAKE)
    submitted_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                     on_delete=models.SET_NULL, related_name="+",
                                     verbose_name=_("ingediend door"))
    created_at = models.DateTimeField(_("ingediend op"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)
    # Raised by every change through the services (``editing``, ``workflow.move``, the import), so an
    # editor who started from an older version is told instead of silently undoing the other change.
    version = models.PositiveIntegerField(_("versie"), default=1, editable=False)

    class Meta:
        ordering = ["organisation", "reference", "id"]
        verbose_name = _("initiatief")
        verbose_name_plural = _("initiatieven")
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.reference} {self.title}".strip()

    @property
    def engine_id(self) -> str:
        return str(self.pk)

    @property
    def forced(self) -> bool:
        """Must go ahead in every selection: a legal obligation or work already running."""
        return self.mandatory or self.already_running


class EffortEstimate(models.Model):
    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="effort",
                                   verbose_name=_("initiatief"))
    team = models.ForeignKey(Team, on_delete=models.CASCADE, related_name="effort", verbose_name=_("team"))
    quarter = quarter_field(_("kwartaal"))
    hours = models.FloatField(_("uren"), validators=[MinValueValidator(0)])

    class Meta:
        ordering = ["initiative", "quarter", "team"]
        verbose_name = _("inzetschatting")
        verbose_name_plural = _("inzetschattingen")
        constraints = [models.UniqueConstraint(fields=["initiative", "team", "quarter"],
                                               name="unique_effort_row")]

    def __str__(self) -> str:
        return f"{self.initiative_id} {self.team} {self.quarter}: {self.hours:g} uur"

    def audit_organisation(self):
        return self.initiative.organisation


class Transition(models.Model):
    """One status change of an initiative: who, when, why."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="transitions",
                                   verbose_name=_("initiatief"))
    from_status = models.CharField(_("van"), max_length=20, choices=Initiative.Status.choices, blank=True)
    to_status = models.CharField(_("naar"), max_length=20, choices=Initiative.Status.choices)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("door"))
    actor_name = models.CharField(_("door (naam)"), max_length=150, blank=True)
    reason = models.TextField(_("reden"))
    created_at = models.DateTimeField(_("op"), auto_now_add=True)

    class Meta:
        ordering = ["initiative", "created_at", "id"]
        verbose_name = _("statuswijziging")
        verbose_name_plural = _("statuswijzigingen")

    def __str__(self) -> str:
        return f"{self.initiative_id}: {self.from_status or '–'} → {self.to_status}"

    def audit_organisation(self):
        return self.initiative.organisation


class PrincipleCheck(models.Model):
    class Answer(models.TextChoices):
        COMPLIES = "complies", _("Voldoet")
        DEVIATES = "deviates", _("Wijkt af")
        NOT_APPLICABLE = "not_applicable", _("Niet van toepassing")

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="principle_checks",
                                   verbose_name=_("initiatief"))
    principle = models.ForeignKey(Principle, on_delete=models.CASCADE, related_name="checks",
                                  verbose_name=_("principe"))
    answer = models.CharField(_("oordeel"), max_length=20, choices=Answer.choices)
    justification = models.TextField(_("onderbouwing"), blank=True)
    checked_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["initiative", "principle"]
        verbose_name = _("principetoets")
        verbose_name_plural = _("principetoetsen")
        constraints = [models.UniqueConstraint(fields=["initiative", "principle"],
                                               name="unique_principle_check")]

    def __str__(self) -> str:
        return f"{self.initiative_id}/{self.principle_id}: {self.answer}"

    def audit_organisation(self):
        return self.initiative.organisation


class Score(models.Model):
    """The score of one initiative on one criterion of one framework version."""

    initiative = models.ForeignKey(Initiative, on_delete=models.CASCADE, related_name="scores",
                                   verbose_name=_("initiatief"))
    framework = models.ForeignKey(CriteriaFramework, on_delete=models.RESTRICT, related_name="scores",
                                  verbose_name=_("afwegingskader"))
    criterion = models.ForeignKey(Criterion, on_delete=models.RESTRICT, related_name="scores",
                                  verbose_name=_("criterium"))
    value = models.FloatField(_("score"))
    note = models.TextField(_("toelichting"), blank=True)
    scored_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                  on_delete=models.SET_NULL, related_name="+")
    updated_at = models.DateTimeField(_("gewijzigd op"), auto_now=True)

    class Meta:
        ordering = ["initiative", "criterion"]
        verbose_name = _("score")
        verbose_name_plural = _("scores")
        constraints = [models.UniqueConstraint(fields=["initiative", "criterion"], name="unique_score")]

    def __str__(self) -> str:
        return f"{self.initiative_id}/{self.criterion_id}: {self.value:g}"

    def audit_organisation(self):
        return self.initiative.organisation

    def clean(self):
        if self.criterion_id and self.framework_id and self.criterion.framework_id != self.framework_id:
            raise ValidationError(_("Het criterium hoort niet bij dit afwegingskader."))
        if self.criterion_id and not (self.criterion.scale_min <= self.value <= self.criterion.scale_max):
            raise ValidationError(_("De score ligt buiten de schaal van het criterium."))


class SelectionRun(OrganisationOwned):
    """A scenario: one selection with its parameters, its result and optionally its sensitivity."""

    class State(models.TextChoices):
        QUEUED = "queued", _("In de wachtrij")
        RUNNING = "running", _("Bezig")
        DONE = "done", _("Klaar")
        FAILED = "failed", _("Mislukt")

    name = models.CharField(_("scenario"), max_length=120)
    framework = models.ForeignKey(CriteriaFramework, on_delete=models.RESTRICT, related_name="runs",
                                  verbose_name=_("afwegingskader"))
    capacity_factor = models.FloatField(_("capaciteitsfactor"), default=1.0, validators=[MinValueValidator(0)])
    budget = models.DecimalField(_("budget (euro)"), max_digits=14, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(0)])
    time_limit = models.FloatField(_("rekentijd (seconden)"), default=10.0)
    sensitivity_draws = models.PositiveIntegerField(_("trekkingen gevoeligheid"), default=0)
    state = models.CharField(_("status"), max_length=10, choices=State.choices, default=State.QUEUED)
    error = models.TextField(_("foutmelding"), blank=True)
    task_id = models.CharField(max_length=64, blank=True)
    # The result, as koers.optimise returned it (initiative ids are str(pk)).
    solver_status = models.CharField(_("uitkomst"), max_length=12, blank=True)  # optimal|feasible|infeasible
    reason = models.TextField(_("reden"), blank=True)
    objective = models.FloatField(_("totale waarde"), null=True, blank=True)
    gap = models.FloatField(_("afstand tot bewezen optimum"), null=True, blank=True)
    bound = models.FloatField(null=True, blank=True)
    seconds = models.FloatField(null=True, blank=True)
    selected = models.JSONField(_("gekozen initiatieven"), default=list, blank=True)
    ranked_cutoff_objective = models.FloatField(_("waarde rangorde-afkap"), null=True, blank=True)
    ranked_cutoff_selected = models.JSONField(default=list, blank=True)
    value_gained = models.FloatField(_("winst t.o.v. rangorde-afkap"), null=True, blank=True)
    values = models.JSONField(default=dict, blank=True)  # id -> weighted value used
    explanation = models.JSONField(default=dict, blank=True)  # id -> reason code (see selection.py)
    frequency = models.JSONField(default=dict, blank=True)  # id -> share of sensitivity draws selected
    sensitivity_not_proven = models.PositiveIntegerField(_("trekkingen niet bewezen optimaal"), default=0)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    queued_at = models.DateTimeField(_("in de wachtrij gezet op"), null=True, blank=True)
    started_at = models.DateTimeField(_("gestart op"), null=True, blank=True)
    finished_at = models.DateTimeField(_("klaar op"), null=True, blank=True)

    class Meta:
        ordering = ["organisation", "-created_at", "-id"]
        verbose_name = _("selectierun")
        verbose_name_plural = _("selectieruns")

    def __str__(self) -> str:
        return self.name

    @property
    def is_stuck(self) -> bool:
        # created_at stands in for runs queued before queued_at and started_at existed.
        return overdue(self.state, self.queued_at or self.created_at, self.started_at or self.created_at)

    @property
    def is_pending(self) -> bool:
        return self.state in (self.State.QUEUED, self.State.RUNNING) and not self.is_stuck

    @property
    def can_retry(self) -> bool:
        return self.state == self.State.FAILED or self.is_stuck


DEFAULT_BODY = "Portefeuilleoverleg"  # stored data, in the organisation's language


class Decision(OrganisationOwned):
    """The board's decision on a selection, with its reasoning; publishable on the public page."""

    run = models.ForeignKey(SelectionRun, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="decisions", verbose_name=_("scenario"))
    title = models.CharField(_("titel"), max_length=200)
    reasoning = models.TextField(_("onderbouwing"))
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    decided_at = models.DateTimeField(_("vastgelegd op"), auto_now_add=True)
    meeting_date = models.DateField(_("datum van het overleg"), default=timezone.localdate)
    body = models.CharField(_("besluitvormend orgaan"), max_length=120, default=DEFAULT_BODY)
    document_url = models.URLField(_("link naar het vergaderstuk"), max_length=500, blank=True)
    # Set when publishing: the decision that was published last before this one.
    supersedes = models.ForeignKey("self", null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="superseded_by", verbose_name=_("vervangt"))
    published = models.BooleanField(_("gepubliceerd"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    # What the public page shows, frozen at publication: [{"reference", "title", "effect", "why"}] for
    # the chosen and the not chosen initiatives, and the framework with [{"name", "weight"}].
    published_items = models.JSONField(default=list, blank=True)
    published_not_chosen = models.JSONField(default=list, blank=True)
    published_framework = models.CharField(max_length=220, blank=True)
    published_criteria = models.JSONField(default=list, blank=True)

    class Meta:
        ordering = ["organisation", "-decided_at", "-id"]
        verbose_name = _("besluit")
        verbose_name_plural = _("besluiten")

    def __str__(self) -> str:
        return self.title
