"""Demo portfolio for Gemeente Voorbeeld (used by ``koers_demo``): fictional initiatives written for
Koers, four teams over eight quarters with demand about three times capacity, the default
framework and principles, and one stored selection run. Idempotent: what exists is left alone.
"""

from __future__ import annotations

import random
from collections import defaultdict

from koers.apps.portfolio import decisions, dependencies, framework, principles, selection
from koers.apps.portfolio import effort as effort_service
from koers.apps.portfolio.models import (
    Decision, EffortEstimate, Goal, Initiative, PortfolioSettings, Principle, PrincipleCheck, SelectionRun, Team,
    TeamCapacity, Transition,
)

TEAMS = [("ontwikkeling", "Ontwikkeling en integratie"), ("data", "Data en informatie"),
         ("infra", "Infrastructuur en beheer"), ("proces", "Procesinrichting en implementatie")]
QUARTERS = [f"{year}-Q{q}" for year in (2026, 2027) for q in (1, 2, 3, 4)]
GOALS = [
    ("D1", "Dienstverlening digitaal én persoonlijk"),
    ("D2", "Werken met betrouwbare gegevens"),
    ("D3", "Veilig en privacybewust werken"),
    ("D4", "Slimmer werken in de uitvoering"),
    ("D5", "Samenwerken in de regio"),
]
RUN_NAME = "Demo: basisscenario"

# (title, problem, intended effect, department, personal data, algorithm)
INITIATIVES = [
    ("Gegevens delen op basis van need-to-know in het sociaal domein",
     "Zorgaanbieders, consulenten en cliënten mailen dossiers heen en weer; niemand weet wie wat mag zien.",
     "Cliënten zien wie hun gegevens inziet en vertellen hun verhaal nog maar één keer.", "Sociaal domein", "high", "none"),
    ("Digitale tweeling voor wonen en stikstof",
     "Woningbouwplannen lopen vast omdat effecten op stikstof en verkeer laat in beeld komen.",
     "Sneller duidelijkheid voor bouwers en omwonenden over wat waar kan.", "Ruimte", "none", "none"),
    ("Vraag en aanbod van werk slim koppelen",
     "Werkzoekenden en werkgevers in de regio vinden elkaar moeilijk; vacatures staan op veel plekken.",
     "Werkzoekenden krijgen passende vacatures voorgesteld en houden zelf de keuze.", "Werk en inkomen", "high", "affects_residents"),
    ("Routinetaken in de backoffice automatiseren",
     "Medewerkers tikken gegevens over tussen systemen bij verhuizingen en uittreksels.",
     "Kortere doorlooptijd voor inwoners en minder fouten.", "Publiekszaken", "low", "none"),
    ("Subsidies digitaal aanvragen en afhandelen",
     "Subsidieaanvragen komen per mail en papier binnen en worden met de hand gevolgd.",
     "Verenigingen en ondernemers vragen online aan en volgen hun aanvraag.", "Economie en cultuur", "low", "none"),
    ("Vergunningen in één doorlopend digitaal proces",
     "Aanvragen voor vergunningen gaan langs drie systemen met dubbele invoer.",
     "Ondernemers weten op elk moment hoe ver hun vergunning is.", "Vergunningen", "low", "none"),
    ("Sensoren in de openbare ruimte voor luchtkwaliteit",
     "We weten weinig over fijnstof en hitte in de wijken.",
     "Inwoners zien de luchtkwaliteit in hun straat en de gemeente kan gericht ingrijpen.", "Openbare ruimte", "none", "none"),
    ("Inwonersportaal met keuze voor persoonlijke hulp",
     "Inwoners moeten voor elke vraag een ander loket zoeken.",
     "Eén plek voor zaken met de gemeente, en altijd de mogelijkheid om een medewerker te spreken.", "Dienstverlening", "low", "none"),
    ("Parkeervergunningen volledig online",
     "Bewoners halen hun parkeervergunning nog aan de balie op.",
     "Aanvragen en wijzigen kan thuis, op elk moment.", "Mobiliteit", "low", "none"),
    ("Meldingen openbare ruimte met foto en terugkoppeling",
     "Meldingen over losse tegels en zwerfafval blijven zonder antwoord.",
     "Melders krijgen bericht wanneer hun melding is opgelost.", "Openbare ruimte", "low", "none"),
    ("Informatiebeveiliging op orde volgens de BIO",
     "De laatste audit liet achterstanden zien in het beheer van rechten en logging.",
     "Inwoners kunnen erop vertrouwen dat hun gegevens veilig zijn.", "Informatievoorziening", "none", "none"),
    ("Woo-publicatieplatform voor actieve openbaarmaking",
     "De wet vraagt dat we documenten actief openbaar maken; nu gebeurt dat nauwelijks.",
     "Inwoners en journalisten vinden besluiten en stukken zonder verzoek.", "Bestuurszaken", "low", "none"),
    ("Digitaal archief volgens de Archiefwet",
     "Digitale dossiers worden niet duurzaam bewaard en vernietigd volgens de regels.",
     "Dossiers blijven vindbaar en betrouwbaar, ook over twintig jaar.", "Informatievoorziening", "low", "none"),
    ("Datagedreven aanpak van schuldenproblematiek",
     "Signalen over betalingsachterstanden komen te laat bij de schuldhulp.",
     "Huishoudens krijgen eerder een aanbod voor hulp, met een mens die beslist.", "Sociaal domein", "high", "affects_residents"),
    ("Zaakgericht werken uitbreiden naar het sociaal domein",
     "Het sociaal domein werkt nog buiten het zaaksysteem.",
     "Inwoners krijgen één aanspreekpunt dat hun hele vraag overziet.", "Sociaal domein", "high", "none"),
    ("Gegevensmagazijn voor beleidsinformatie",
     "Beleidsmedewerkers bouwen elk hun eigen spreadsheets met verouderde cijfers.",
     "Raad en inwoners krijgen actuele en controleerbare cijfers.", "Informatievoorziening", "low", "none"),
    ("Open data publiceren over wonen en verkeer",
     "Veel van onze gegevens zijn waardevol voor anderen, maar niet te vinden.",
     "Bedrijven en inwoners hergebruiken gegevens voor eigen toepassingen.", "Informatievoorziening", "none", "none"),
    ("Slimme verkeerslichten voor fietsers",
     "Fietsers staan lang te wachten bij drukke kruispunten.",
     "Fietsers komen sneller en veiliger door de stad.", "Mobiliteit", "none", "affects_residents"),
    ("Digitaal klantcontactcentrum met omnichannel",
     "Telefoon, mail, chat en balie werken los van elkaar.",
     "Inwoners hoeven hun vraag niet te herhalen als ze van kanaal wisselen.", "Dienstverlening", "low", "none"),
    ("Chatbot voor eenvoudige vragen",
     "Veel telefoontjes gaan over openingstijden en afvalkalenders.",
     "Snel antwoord op eenvoudige vragen, ook 's avonds.", "Dienstverlening", "none", "none"),
    ("Mijn Afval: digitale afvalpas en kalender",
     "De papieren afvalpas raakt kwijt en de kalender klopt vaak niet.",
     "Inwoners zien hun afvalmomenten en gebruiken hun telefoon als pas.", "Openbare ruimte", "low", "none"),
    ("Vervanging van het belastingsysteem",
     "Het huidige belastingsysteem wordt door de leverancier niet meer ondersteund.",
     "Aanslagen blijven kloppen en bezwaren gaan digitaal.", "Belastingen", "low", "none"),
    ("Cloudmigratie van kantoorautomatisering",
     "Eigen servers zijn verouderd en duur in beheer.",
     "Medewerkers werken overal veilig; minder storingen voor de balie.", "Informatievoorziening", "low", "none"),
    ("Identiteits- en toegangsbeheer centraal",
     "Accounts worden met de hand aangemaakt en te laat ingetrokken.",
     "Minder kans op misbruik van gegevens van inwoners.", "Informatievoorziening", "low", "none"),
    ("Digitale vaardigheden van medewerkers",
     "Niet iedereen kan goed overweg met nieuwe digitale werkwijzen.",
     "Inwoners worden beter geholpen door medewerkers die de systemen beheersen.", "HRM", "none", "none"),
    ("Digitaal Informatiepunt in de bibliotheek",
     "Inwoners die minder digitaal vaardig zijn, lopen vast bij online aanvragen.",
     "Hulp dichtbij voor wie het digitaal niet zelf kan.", "Dienstverlening", "low", "none"),
    ("Grondexploitaties doorrekenen met scenario's",
     "Financiële risico's van bouwprojecten komen laat in beeld.",
     "Betere besluiten over woningbouw, met minder tegenvallers.", "Ruimte", "none", "none"),
    ("Beheer openbare verlichting op afstand",
     "Kapotte lantaarnpalen worden pas na meldingen gevonden.",
     "Veiligere straten en minder energieverbruik.", "Openbare ruimte", "none", "none"),
    ("Evenementenvergunning met één formulier",
     "Organisatoren vullen voor één evenement vier formulieren in.",
     "Organisatoren regelen alles in één keer en weten snel waar ze aan toe zijn.", "Vergunningen", "low", "none"),
    ("Toezicht en handhaving digitaal ondersteunen",
     "Handhavers noteren bevindingen op papier en typen ze later over.",
     "Snellere en beter onderbouwde handhaving.", "Vergunningen", "low", "none"),
    ("Algoritmeregister bijhouden en publiceren",
     "Niemand heeft overzicht van de algoritmen die we gebruiken.",
     "Inwoners zien welke algoritmen de gemeente inzet en waarvoor.", "Bestuurszaken", "none", "none"),
    ("Regionale samenwerking in een gedeeld datastation",
     "Gemeenten in de regio wisselen gegevens uit met losse bestanden.",
     "Regionale vraagstukken worden aangepakt met dezelfde cijfers.", "Informatievoorziening", "low", "none"),
    ("Energiebesparing in maatschappelijk vastgoed meten",
     "Het energieverbruik van scholen en sporthallen is niet per gebouw bekend.",
     "Lagere energiekosten en gerichte verduurzaming.", "Vastgoed", "none", "none"),
    ("Leerlingenvervoer digitaal plannen",
     "Ritten voor leerlingenvervoer worden met de hand ingepland.",
     "Kinderen zitten korter in de bus en ouders krijgen bericht bij wijzigingen.", "Sociaal domein", "high", "none"),
    ("Raadsinformatie toegankelijk maken",
     "Raadsstukken zijn pdf's die schermlezers slecht voorlezen.",
     "Iedereen kan de besluitvorming volgen, ook met een beperking.", "Bestuurszaken", "none", "none"),
    ("Klanttevredenheid continu meten",
     "We weten pas na een jaarlijkse enquête hoe inwoners ons ervaren.",
     "Verbeteringen volgen direct op wat inwoners aangeven.", "Dienstverlening", "low", "none"),
    ("Digitale bouwdossiers ontsluiten",
     "Bouwtekeningen liggen op papier in het archief.",
     "Eigenaren en makelaars vinden bouwdossiers zelf online.", "Vergunningen", "low", "none"),
    ("Risicoprofilering bij bijstandsaanvragen (alternatief A)",
     "Controle van aanvragen kost veel tijd en is niet gericht.",
     "Aanvragen zonder risico gaan sneller; controle wordt gerichter en toetsbaar.", "Werk en inkomen", "high", "affects_residents"),
    ("Steekproefsgewijze controle bij bijstandsaanvragen (alternatief B)",
     "Controle van aanvragen kost veel tijd en is niet gericht.",
     "Gelijke kans op controle voor iedereen, met snellere afhandeling van de rest.", "Werk en inkomen", "high", "none"),
    ("Standaard API-laag voor koppelingen (Common Ground)",
     "Elke nieuwe applicatie krijgt eigen koppelingen met de basisregistraties.",
     "Nieuwe diensten zijn sneller beschikbaar en gegevens blijven bij de bron.", "Informatievoorziening", "low", "none"),
]

MANDATORY = {11, 12}  # Woo platform, digital archive: legal obligations (0-based positions)
RUNNING = {10, 22}  # information security, cloud migration: already running
REQUIRES = {0: [39], 14: [39], 3: [39], 7: [18], 19: [18], 36: [12], 15: [16]}
GROUPS = {37: "controle-bijstand", 38: "controle-bijstand"}
STATUS = {30: "intake", 34: "intake", 25: "parked", 35: "rejected", 24: "done"}
# The rules of play at work: these DPIAs are done and one algorithm is assessed and registered; the
# other high-risk initiatives (2, 13, 37) may not start yet, so the selection leaves them out.
DPIA_DONE = RUNNING | {0, 14, 33, 38}
ALGORITHM_CLEARED = {17}


def _effort(rng: random.Random, position: int) -> list[tuple[str, str, float]]:
    teams = rng.sample([code for code, _ in TEAMS], k=2 if position % 3 else 3)
    start = rng.randrange(0, len(QUARTERS) - 2)
    length = rng.choice([2, 3, 3, 4])
    rows = []
    for quarter in QUARTERS[start:start + length]:
        for team in teams:
            rows.append((team, quarter, float(rng.choice([60, 80, 100, 120, 160, 200]))))
    return rows


def load(organisation, user=None, stdout=None) -> None:
    """Create the demo portfolio once; every step skips what already exists."""
    principles.ensure_defaults(organisation)
    fw = framework.ensure_default_framework(organisation, user)
    goals = []
    for code, title in GOALS:
        goal, _created = Goal.objects.get_or_create(organisation=organisation, code=code, defaults={"title": title})
        goals.append(goal)
    teams = {}
    for code, name in TEAMS:
        teams[code], _created = Team.objects.get_or_create(organisation=organisation, code=code,
                                                           defaults={"name": name})
    try:
        from koers.apps.agenda.scanning import codebook_for

        theme_ids = [theme.id for theme in codebook_for(organisation).themes]
    except Exception:  # noqa: BLE001 - themes are decoration in the demo
        theme_ids = []
    rng = random.Random(2026)
    created = {}
    for position, (title, problem, effect, department, personal, algorithm) in enumerate(INITIATIVES):
        reference = f"V-{position + 1:03d}"
        effort = _effort(rng, position)
        scores = [rng.randint(1, 5) for _ in range(4)]
        if Initiative.objects.filter(organisation=organisation, reference=reference).exists():
            continue
        status = STATUS.get(position, "in_progress" if position in RUNNING else
                            "prioritised" if position % 4 == 0 else "assessment")
        item = Initiative.objects.create(
            organisation=organisation, reference=reference, title=title, problem=problem, intended_effect=effect,
            department=department, personal_data=personal, algorithm=algorithm,
            owner=f"Afdelingshoofd {department}", status=status,
            themes=theme_ids[position % len(theme_ids):position % len(theme_ids) + 1] if theme_ids else [],
            cost_once=rng.choice([20_000, 50_000, 80_000, 150_000, 250_000]),
            cost_yearly=rng.choice([5_000, 10_000, 25_000, 40_000]),
            desired_start=effort[0][1], desired_end=effort[-1][1], exclusive_group=GROUPS.get(position, ""),
            mandatory=position in MANDATORY, already_running=position in RUNNING,
            dpia_done=position in DPIA_DONE, iama_done=position in ALGORITHM_CLEARED,
            algorithm_registered=position in ALGORITHM_CLEARED)
        item.goals.set([goals[position % len(goals)]])
        Transition.objects.create(initiative=item, from_status="", to_status=status, actor=user,
                                  actor_name="koers_demo", reason="Demogegevens")
        effort_service.replace_effort(item, effort)  # (team code, quarter, hours) rows
        for criterion, value in zip(fw.criteria.all(), scores):
            framework.score(item, criterion, value, user)
        PrincipleCheck.objects.bulk_create(PrincipleCheck(initiative=item, principle=principle, answer="complies")
                                           for principle in Principle.objects.filter(organisation=organisation))
        created[position] = item
    for position, requires in REQUIRES.items():
        if position in created:
            dependencies.set_requires(created[position], Initiative.objects.filter(
                organisation=organisation, reference__in=[f"V-{r + 1:03d}" for r in requires]))
    _capacity(organisation, teams)
    PortfolioSettings.objects.get_or_create(organisation=organisation, defaults={"budget": 4_000_000})
    if not SelectionRun.objects.filter(organisation=organisation, name=RUN_NAME).exists():
        run = selection.create_run(organisation, fw, name=RUN_NAME, user=user, time_limit=5,
                                   budget=PortfolioSettings.objects.get(organisation=organisation).budget,
                                   sensitivity_draws=20)
        selection.execute(run, sensitivity_time_limit=0.1)
        if stdout:
            stdout.write(f"Selectie berekend: {run.solver_status}, {len(run.selected)} initiatieven gekozen")
    _published_decision(organisation, user)


def _published_decision(organisation, user) -> None:
    """One published decision, so the demo's public page (Woo) has something to show."""
    run = SelectionRun.objects.filter(organisation=organisation, name=RUN_NAME).first()
    if run is None or Decision.objects.filter(organisation=organisation).exists():
        return
    decision = decisions.decide(
        organisation, run=run, user=user, title="Portefeuillebesluit demo: eerste halfjaar",
        reasoning=("Het portefeuilleoverleg kiest de set met de meeste publieke waarde die past binnen de "
                   "uren van de vier teams en het budget. Wettelijke verplichtingen en lopend werk gaan "
                   "altijd door. Wat nu niet past, komt terug in het volgende overleg."))
    decisions.publish(decision, user)


def _capacity(organisation, teams) -> None:
    """Capacity a third of the demand, per team and quarter (only rows that do not exist yet)."""
    demand: dict[tuple[int, str], float] = defaultdict(float)
    forced: dict[tuple[int, str], float] = defaultdict(float)  # must fit: legal duties, running work
    for row in EffortEstimate.objects.filter(initiative__organisation=organisation,
                                             initiative__status__in=selection.CANDIDATE_STATUSES
                                             ).select_related("initiative"):
        demand[(row.team_id, row.quarter)] += row.hours
        if row.initiative.forced or row.initiative.status == Initiative.Status.IN_PROGRESS:
            forced[(row.team_id, row.quarter)] += row.hours
    for team in teams.values():
        for quarter in QUARTERS:
            key = (team.pk, quarter)
            hours = max(80.0, forced.get(key, 0.0) + 40, round(demand.get(key, 0.0) / 3 / 10) * 10)
            TeamCapacity.objects.get_or_create(team=team, quarter=quarter, defaults={"hours": hours})
