"""Default principles and rules of play for a new organisation, written for Koers.

Two sets: public values (ethical) and architecture principles in the spirit of Common Ground.
Organisations adjust or switch them off; ``ensure_defaults`` only adds what is missing.
"""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

from koers.apps.portfolio.models import GateRule, Principle

# (code, title, description) — stored in Dutch: it is the organisation's own text once created.
ETHICAL = [
    ("privacy", N_("Privacy"),
     N_("We verwerken alleen de persoonsgegevens die echt nodig zijn voor het doel, bewaren ze niet "
        "langer dan nodig en laten mensen zien wat we met hun gegevens doen.")),
    ("transparantie", N_("Transparantie"),
     N_("Inwoners en ondernemers kunnen nagaan hoe een besluit tot stand kwam, welke gegevens erin "
        "meewogen en bij wie ze terechtkunnen met vragen of bezwaar.")),
    ("inclusie", N_("Inclusie"),
     N_("De oplossing werkt voor iedereen, ook voor wie minder digitaal vaardig is, een beperking "
        "heeft of liever persoonlijk geholpen wordt.")),
    ("autonomie", N_("Autonomie"),
     N_("Mensen houden zelf de regie: ze kunnen kiezen, iets laten corrigeren en worden niet "
        "ongemerkt in een richting geduwd.")),
    ("rechtvaardigheid", N_("Rechtvaardigheid"),
     N_("Gelijke gevallen behandelen we gelijk; we controleren of de oplossing bepaalde groepen "
        "niet benadeelt en herstellen het als dat wel zo blijkt.")),
    ("menselijke-maat", N_("Menselijke maat"),
     N_("Bij twijfel of bijzondere omstandigheden kijkt een medewerker mee en kan die afwijken van "
        "wat het systeem voorstelt.")),
    ("verantwoording", N_("Verantwoording"),
     N_("Er is altijd een aanwijsbare eigenaar die uitlegt wat de oplossing doet en die aanspreekbaar "
        "is op de gevolgen.")),
]

ARCHITECTURE = [
    ("gegevens-bij-de-bron", N_("Gegevens bij de bron"),
     N_("We halen gegevens op waar ze worden beheerd in plaats van kopieën te maken, zodat er één "
        "actuele waarheid is.")),
    ("api-eerst", N_("API eerst"),
     N_("Elke voorziening biedt haar gegevens en functies aan via gedocumenteerde API's, voordat er "
        "een scherm voor wordt gebouwd.")),
    ("componenten", N_("Opgebouwd uit componenten"),
     N_("We bouwen uit kleine, vervangbare onderdelen met één duidelijke taak, zodat we een deel "
        "kunnen vernieuwen zonder het geheel te raken.")),
    ("open-standaarden", N_("Open standaarden"),
     N_("We gebruiken open standaarden voor uitwisseling en opslag, zodat we niet vastzitten aan één "
        "leverancier.")),
    ("open-source", N_("Open source waar het kan"),
     N_("Software die we laten maken of kiezen is bij voorkeur open source, en wat we zelf "
        "ontwikkelen delen we met andere overheden.")),
    ("privacy-by-design", N_("Privacy by design"),
     N_("Gegevensbescherming zit vanaf het eerste ontwerp in de oplossing, niet als laag die er "
        "achteraf bij komt.")),
    ("security-by-design", N_("Security by design"),
     N_("Beveiliging is een ontwerpeis vanaf het begin: minimale rechten, versleuteling en "
        "aantoonbare maatregelen volgens de BIO.")),
]


def ensure_defaults(organisation) -> None:
    """Create the default principles and rules of play the organisation does not have yet."""
    existing = set(Principle.objects.filter(organisation=organisation).values_list("code", flat=True))
    for kind, rows in ((Principle.Kind.ETHICAL, ETHICAL), (Principle.Kind.ARCHITECTURE, ARCHITECTURE)):
        for order, (code, title, description) in enumerate(rows, start=1):
            if code not in existing:
                Principle.objects.create(organisation=organisation, kind=kind, code=code, title=title,
                                         description=description, order=order)
    rules = set(GateRule.objects.filter(organisation=organisation).values_list("code", flat=True))
    for code in GateRule.Code.values:
        if code not in rules:
            GateRule.objects.create(organisation=organisation, code=code, enabled=True)
