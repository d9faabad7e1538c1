"""The shipped questionnaire: eleven dimensions of what makes a digital transformation succeed or
fail, each mapped to a dimension of the OECD Digital Government Index, with two or three rubric items
of five described levels (1 = hardly, 5 = fully embedded). Dutch is the source language: the texts go
through gettext so an English page shows them in English."""

from __future__ import annotations

from django.utils.translation import gettext_noop as N_

NAME = N_("Zelfscan digitale transformatie")
VERSION = 1

# (code, name, description, OECD dimension, [(item text, [level 1 .. level 5])])
DIMENSIONS = [
    ("leiderschap", N_("Leiderschap en gedeelde visie"),
     N_("Of de top een richting kiest en uitdraagt die iedereen kent en herkent."), "digital_by_design", [
         (N_("Hoe duidelijk is de visie op digitale dienstverlening?"), [
             N_("Er is geen visie; digitalisering is een zaak van de ICT-afdeling."),
             N_("Er is een visiedocument, maar weinig mensen kennen het."),
             N_("De visie is bekend bij leidinggevenden en staat in de plannen."),
             N_("Medewerkers kunnen de visie in eigen woorden uitleggen en gebruiken haar bij keuzes."),
             N_("De visie stuurt aantoonbaar keuzes en wordt elk jaar samen met inwoners bijgesteld."),
         ]),
         (N_("Hoe zichtbaar draagt de directie de verandering?"), [
             N_("De directie laat het onderwerp aan anderen over."),
             N_("De directie spreekt er af en toe over, zonder eigen inzet."),
             N_("Een directielid is opdrachtgever en neemt deel aan de belangrijkste overleggen."),
             N_("De directie maakt tijd en geld vrij en spreekt teams aan op voortgang."),
             N_("De directie geeft het voorbeeld, deelt ook wat mislukt en beloont leren."),
         ]),
     ]),
    ("sturing", N_("Sturing met mandaat en budget"),
     N_("Of er iemand is die mag beslissen en geld heeft om dat waar te maken."), "government_as_a_platform", [
         (N_("Wie beslist over digitale initiatieven?"), [
             N_("Niemand in het bijzonder; elke afdeling doet wat zij zelf wil."),
             N_("Er is een overleg, maar het kan niets afdwingen."),
             N_("Er is een regiegroep met een vastgelegd mandaat."),
             N_("De regiegroep weegt alle initiatieven met vaste criteria en haar besluiten worden gevolgd."),
             N_("Het mandaat, de criteria en de besluiten zijn openbaar en worden jaarlijks geëvalueerd."),
         ]),
         (N_("Hoe is het budget geregeld?"), [
             N_("Er is geen apart budget; alles gaat uit lopende middelen."),
             N_("Er is incidenteel geld per project, telkens opnieuw bevochten."),
             N_("Er is een meerjarig budget, maar beheer en doorontwikkeling vallen erbuiten."),
             N_("Het budget dekt ontwikkeling en beheer en is meerjarig vastgelegd."),
             N_("Het budget beweegt mee met resultaten: wat werkt krijgt meer, wat niet werkt stopt."),
         ]),
     ]),
    ("verantwoording", N_("Verantwoording op bestuursniveau"),
     N_("Of het college en de directie zich verantwoorden over digitale resultaten."), "open_by_default", [
         (N_("Hoe is de bestuurlijke verantwoordelijkheid belegd?"), [
             N_("Geen portefeuillehouder voelt zich verantwoordelijk."),
             N_("Het onderwerp hoort formeel bij een portefeuille, maar krijgt weinig aandacht."),
             N_("Een portefeuillehouder rapporteert op vaste momenten over de voortgang."),
             N_("Het college bespreekt resultaten en risico’s en stuurt bij."),
             N_("Het college verantwoordt zich openbaar, ook over wat niet lukte."),
         ]),
         (N_("Hoe worden risico’s en tegenvallers gemeld?"), [
             N_("Tegenvallers komen pas aan het licht als het te laat is."),
             N_("Tegenvallers worden gemeld als erom gevraagd wordt."),
             N_("Er is een vaste rapportage met risico’s per initiatief."),
             N_("Risico’s worden vroeg gemeld en leiden tot besluiten."),
             N_("Melden van tegenvallers wordt gewaardeerd en is terug te zien in betere plannen."),
         ]),
     ]),
    ("effecten", N_("Sturen op effecten voor inwoners"),
     N_("Of succes wordt gemeten aan wat inwoners en ondernemers merken, niet aan opgeleverde systemen."),
     "user_driven", [
         (N_("Hoe wordt succes van digitale initiatieven bepaald?"), [
             N_("Een project is geslaagd als het systeem live staat."),
             N_("Er worden aantallen geteld, zoals bezoeken of formulieren."),
             N_("Voor de belangrijkste initiatieven zijn meetbare doelen voor inwoners vastgelegd."),
             N_("Effecten worden gemeten, besproken en leiden tot aanpassingen."),
             N_("Effecten voor verschillende groepen inwoners worden gemeten en openbaar gemaakt."),
         ]),
         (N_("Hoe worden inwoners betrokken bij ontwerp en toetsing?"), [
             N_("Inwoners worden niet betrokken."),
             N_("Inwoners kunnen achteraf klachten indienen."),
             N_("Bij grote projecten wordt met inwoners getest."),
             N_("Gebruikersonderzoek hoort bij elk initiatief, ook met mensen die minder digitaal vaardig zijn."),
             N_("Inwoners denken vanaf het begin mee en zien wat er met hun inbreng gebeurt."),
         ]),
     ]),
    ("vaardigheden", N_("Strategische vaardigheden en middelen"),
     N_("Of de organisatie zelf genoeg kennis, mensen en bouwstenen heeft om regie te houden."), "data_driven", [
         (N_("Hoeveel eigen kennis is er om digitale keuzes te maken?"), [
             N_("De organisatie is volledig afhankelijk van leveranciers."),
             N_("Er zijn enkele deskundigen, maar zij zijn overbelast."),
             N_("Er is een vaste kern met kennis van architectuur, data en inkoop."),
             N_("Kennis is breed verspreid en wordt bewust ontwikkeld."),
             N_("De organisatie deelt haar kennis met anderen en trekt daardoor talent aan."),
         ]),
         (N_("Hoe worden data en gemeenschappelijke voorzieningen benut?"), [
             N_("Data zitten opgesloten in losse systemen."),
             N_("Sommige data worden gedeeld, met veel handwerk."),
             N_("Er zijn afspraken over beheer en hergebruik van de belangrijkste data."),
             N_("Gemeenschappelijke voorzieningen worden standaard hergebruikt."),
             N_("Data en voorzieningen worden ook met andere overheden gedeeld."),
         ]),
     ]),
    ("experimenteren", N_("Ruimte om te experimenteren"),
     N_("Of er ruimte is om klein te beginnen, te leren en te stoppen."), "proactive", [
         (N_("Hoe gaat de organisatie om met experimenten?"), [
             N_("Experimenteren wordt gezien als geldverspilling."),
             N_("Experimenten gebeuren, maar buiten het zicht en zonder steun."),
             N_("Er is een vaste route om een experiment te starten."),
             N_("Experimenten hebben een budget, een looptijd en een moment om te besluiten."),
             N_("Lessen uit experimenten, ook mislukte, worden gedeeld en gebruikt."),
         ]),
         (N_("Hoe makkelijk wordt een initiatief gestopt dat niet werkt?"), [
             N_("Een begonnen project wordt nooit gestopt."),
             N_("Stoppen gebeurt alleen na een crisis."),
             N_("Er zijn beslismomenten waarop stoppen een optie is."),
             N_("Stoppen gebeurt op tijd en zonder schuldvraag."),
             N_("Stoppen geldt als goed bestuur en vrijgekomen middelen gaan naar wat wel werkt."),
         ]),
     ]),
    ("verandering", N_("Verandermanagement en continuïteit"),
     N_("Of veranderingen worden begeleid en beklijven, ook na een wisseling van mensen."), "digital_by_design", [
         (N_("Hoe worden medewerkers meegenomen in veranderingen?"), [
             N_("Veranderingen worden aangekondigd als ze al klaar zijn."),
             N_("Er is communicatie, maar geen begeleiding."),
             N_("Bij grote veranderingen is er training en begeleiding."),
             N_("Medewerkers denken mee en er is tijd om nieuwe werkwijzen te leren."),
             N_("Veranderen is een gewoon onderdeel van het werk en wordt samen geëvalueerd."),
         ]),
         (N_("Wat gebeurt er als sleutelfiguren vertrekken?"), [
             N_("Het initiatief valt stil."),
             N_("Er ontstaat ernstige vertraging en kennis gaat verloren."),
             N_("De belangrijkste kennis is vastgelegd."),
             N_("Taken zijn over meerdere mensen verdeeld en overdracht is geregeld."),
             N_("Het werk loopt door; continuïteit is in de opzet meegenomen."),
         ]),
     ]),
    ("samenwerking", N_("Samenwerking over afdelingen heen"),
     N_("Of afdelingen en ketenpartners samen werken aan één dienstverlening."), "government_as_a_platform", [
         (N_("Hoe werken afdelingen samen aan digitale dienstverlening?"), [
             N_("Elke afdeling werkt voor zichzelf."),
             N_("Afdelingen stemmen af als er problemen zijn."),
             N_("Er zijn vaste overleggen over gezamenlijke diensten."),
             N_("Teams zijn samengesteld rond een dienst voor inwoners, niet rond een afdeling."),
             N_("Ook ketenpartners en andere overheden werken structureel mee in die teams."),
         ]),
         (N_("Hoe worden gezamenlijke prioriteiten gesteld?"), [
             N_("Wie het hardst roept, krijgt voorrang."),
             N_("Prioriteiten worden per afdeling gesteld."),
             N_("Er is één lijst met prioriteiten, maar afdelingen wijken er vaak van af."),
             N_("Afdelingen houden zich aan één gezamenlijke lijst."),
             N_("De gezamenlijke lijst is openbaar en wordt samen met partners bijgesteld."),
         ]),
     ]),
    ("raad", N_("Aandacht van de raad"),
     N_("Of de gemeenteraad digitalisering kent, bespreekt en er kaders voor stelt."), "open_by_default", [
         (N_("Hoe vaak staat digitalisering op de agenda van de raad?"), [
             N_("Vrijwel nooit."),
             N_("Alleen bij incidenten of grote kosten."),
             N_("Bij de begroting en de jaarrekening."),
             N_("De raad bespreekt regelmatig voortgang en keuzes."),
             N_("De raad stelt zelf kaders en vraagt actief naar effecten voor inwoners."),
         ]),
         (N_("Hoeveel kennis heeft de raad van digitale onderwerpen?"), [
             N_("Raadsleden geven aan er weinig van te weten."),
             N_("Enkele raadsleden volgen het onderwerp."),
             N_("De raad krijgt af en toe uitleg of een informatiebijeenkomst."),
             N_("Er is een vaste werkgroep of woordvoerder met kennis van zaken."),
             N_("De raad heeft een eigen leerprogramma en stelt scherpe vragen."),
         ]),
     ]),
    ("angst", N_("Angst voor technologie of banenverlies"),
     N_("Of zorgen over technologie en werk besproken worden in plaats van de verandering te remmen."),
     "user_driven", [
         (N_("Hoe wordt gesproken over zorgen rond technologie en werk?"), [
             N_("Zorgen worden weggewuifd of niet uitgesproken."),
             N_("Er wordt informeel over gesproken, vooral bij de koffieautomaat."),
             N_("Er zijn bijeenkomsten waar zorgen gedeeld kunnen worden."),
             N_("Zorgen leiden tot afspraken, bijvoorbeeld over scholing en werkzekerheid."),
             N_("Medewerkers zien technologie als hulp en dragen zelf verbeteringen aan."),
         ]),
         (N_("Hoe zeker voelen medewerkers zich in het gebruik van digitale middelen?"), [
             N_("Veel medewerkers vermijden nieuwe middelen."),
             N_("Een deel van de medewerkers heeft moeite en krijgt weinig hulp."),
             N_("Er is hulp en scholing voor wie erom vraagt."),
             N_("Scholing is voor iedereen geregeld en wordt goed gebruikt."),
             N_("Medewerkers helpen elkaar en leren voortdurend bij."),
         ]),
     ]),
    ("verleden", N_("Erfenis van eerdere programma’s"),
     N_("Of ervaringen met eerdere programma’s vertrouwen geven of juist wantrouwen wekken."), "proactive", [
         (N_("Wat is de ervaring met eerdere digitaliseringsprogramma’s?"), [
             N_("Eerdere programma’s zijn mislukt en daar wordt nog vaak aan gerefereerd."),
             N_("Eerdere programma’s hebben weinig opgeleverd en zijn stilletjes beëindigd."),
             N_("De ervaringen zijn gemengd en worden niet besproken."),
             N_("Eerdere programma’s zijn geëvalueerd en de lessen zijn bekend."),
             N_("De lessen uit eerdere programma’s zijn aantoonbaar in de huidige aanpak verwerkt."),
         ]),
         (N_("Hoe staat het met systemen en afspraken uit het verleden?"), [
             N_("Oude systemen en contracten blokkeren bijna elke verandering."),
             N_("Oude systemen vragen veel onderhoud en remmen vernieuwing."),
             N_("Er is een overzicht van verouderde systemen en contracten."),
             N_("Er is een plan om verouderde systemen uit te faseren, met budget."),
             N_("Uitfaseren gaat volgens plan en nieuwe afspraken voorkomen nieuwe afhankelijkheid."),
         ]),
     ]),
]

# Advice per dimension for a weak score: what helps first.
ADVICE = {
    "leiderschap": N_("Laat de directie de visie in een paar zinnen samenvatten en in teamoverleggen toelichten; "
                      "vraag daarna wat medewerkers ervan begrijpen."),
    "sturing": N_("Beleg de beslissingen over digitale initiatieven bij één regiegroep met een vastgelegd "
                  "mandaat en een meerjarig budget dat ook beheer dekt."),
    "verantwoording": N_("Spreek af welke portefeuillehouder verantwoordelijk is en laat hem of haar twee keer per "
                         "jaar rapporteren, inclusief risico’s en tegenvallers."),
    "effecten": N_("Kies voor de drie grootste initiatieven een meetbaar effect voor inwoners en meet het vanaf "
                   "nu elk kwartaal."),
    "vaardigheden": N_("Breng in kaart welke kennis de organisatie zelf moet hebben om regie te houden en maak een "
                       "plan om die op te bouwen."),
    "experimenteren": N_("Reserveer een klein budget voor experimenten met een vaste looptijd en een vooraf "
                         "afgesproken moment om door te gaan of te stoppen."),
    "verandering": N_("Geef elke grote verandering begeleiding en tijd om te leren, en leg vast wie kennis "
                      "overneemt als iemand vertrekt."),
    "samenwerking": N_("Stel één gezamenlijke prioriteitenlijst op en vorm teams rond een dienst voor inwoners in "
                       "plaats van rond een afdeling."),
    "raad": N_("Organiseer een informatiebijeenkomst voor de raad en spreek af op welke momenten de raad over "
               "voortgang en effecten hoort."),
    "angst": N_("Bespreek zorgen over technologie en werk openlijk en maak afspraken over scholing en "
                "werkzekerheid."),
    "verleden": N_("Evalueer eerdere programma’s samen met de betrokkenen en laat zien welke lessen in de huidige "
                   "aanpak zijn verwerkt."),
}
GENERIC_ADVICE = N_("Bespreek met de respondenten waarom deze dimensie laag scoort en kies één eerste stap.")
