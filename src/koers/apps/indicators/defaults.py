"""Ready-made indicator definitions a manager adds with one click (then adjusts to the organisation).

The texts are stored in the organisation's language (Dutch) when added, as the demo data is; the
page shows them through gettext so the list itself reads in English too.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop as N_

from koers.apps.indicators.models import Indicator


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    meaning: str
    unit: str
    direction: str = Indicator.Direction.HIGHER
    frequency: str = Indicator.Frequency.MONTHLY
    data_lag: str = ""
    source: str = ""


DEFINITIONS = [
    Definition("digitaal-aandeel", N_("Digitaal aandeel van de contacten"),
               N_("Welk deel van de vragen en aanvragen van inwoners en ondernemers via een digitaal kanaal binnenkomt."),
               "%", source=N_("Klantcontactsysteem"), data_lag=N_("een maand")),
    Definition("voltooiing-formulieren", N_("Voltooiing van online formulieren"),
               N_("Hoeveel van de gestarte online formulieren ook worden verstuurd: haken mensen af, dan is het "
                  "formulier te moeilijk of te lang."), "%", source=N_("Formulierenplatform")),
    Definition("in-een-keer-goed", N_("In één keer goed"),
               N_("Het deel van de aanvragen dat zonder aanvulling of herstel kan worden afgehandeld."), "%",
               source=N_("Zaaksysteem"), data_lag=N_("een maand")),
    Definition("doorlooptijd-vergunning", N_("Doorlooptijd van een veelgevraagde vergunning"),
               N_("Hoe lang een inwoner of ondernemer gemiddeld wacht op een besluit over een veelgevraagde "
                  "aanvraag, bijvoorbeeld een omgevingsvergunning."), N_("dagen"),
               direction=Indicator.Direction.LOWER, source=N_("Zaaksysteem"), data_lag=N_("een maand")),
    Definition("tevredenheid-digitaal", N_("Tevredenheid over de digitale dienstverlening"),
               N_("Het gemiddelde rapportcijfer dat gebruikers na een digitale aanvraag geven."), N_("cijfer"),
               frequency=Indicator.Frequency.QUARTERLY, source=N_("Korte enquête na afloop")),
    Definition("kosten-per-transactie", N_("Kosten per transactie"),
               N_("Wat het afhandelen van één aanvraag gemiddeld kost, over alle kanalen samen."), N_("euro"),
               direction=Indicator.Direction.LOWER, frequency=Indicator.Frequency.YEARLY,
               source=N_("Financiële administratie en zaaksysteem"), data_lag=N_("een kwartaal")),
    Definition("digitale-hulp", N_("Inwoners persoonlijk geholpen met digitale zaken"),
               N_("Het deel van de inwoners dat bij de balie, de bibliotheek of thuis hulp kreeg met iets digitaals: "
                  "een teken van wie de digitale weg nog niet alleen kan gaan."), "%",
               frequency=Indicator.Frequency.QUARTERLY, source=N_("Registratie Informatiepunt Digitale Overheid")),
    Definition("datalekken", N_("Gemelde datalekken"),
               N_("Het aantal datalekken dat bij de toezichthouder is gemeld; minder is beter, maar alleen als er "
                  "niet minder wordt gemeld dan er gebeurt."), N_("aantal"), direction=Indicator.Direction.LOWER,
               frequency=Indicator.Frequency.QUARTERLY, source=N_("Register van de functionaris gegevensbescherming")),
    Definition("toegankelijkheid", N_("Toegankelijkheid van de websites"),
               N_("Het deel van de websites en apps van de organisatie met een toegankelijkheidsverklaring met status "
                  "A (voldoet volledig): kan iedereen, ook met een beperking, ze gebruiken?"), "%",
               frequency=Indicator.Frequency.YEARLY, source=N_("Register van toegankelijkheidsverklaringen")),
]
BY_KEY = {definition.key: definition for definition in DEFINITIONS}


def missing(organisation) -> list[Definition]:
    """The definitions whose name the organisation does not have yet."""
    taken = set(Indicator.objects.filter(organisation=organisation).values_list("name", flat=True))
    return [d for d in DEFINITIONS if _(d.name) not in taken and d.name not in taken]


@transaction.atomic
def add(organisation, key: str) -> Indicator:
    """Add the definition ``key`` (KeyError when unknown); an existing one of that name is returned."""
    d = BY_KEY[key]
    indicator, _created = Indicator.objects.get_or_create(
        organisation=organisation, name=d.name,
        defaults={"meaning": d.meaning, "unit": d.unit, "direction": d.direction, "frequency": d.frequency,
                  "data_lag": d.data_lag, "source": d.source})
    return indicator
