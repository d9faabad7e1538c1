"""``refresh_statline_context``: fetch CBS internet use per age band as context for the Kanalen page."""

from django.core.management.base import BaseCommand, CommandError

from koers.apps.channels import context
from koers.connectors.statline import INTERNET_USE_TABLE


class Command(BaseCommand):
    help = "Haalt internetgebruik per leeftijdsgroep op uit CBS StatLine als context bij de kanaalcijfers."

    def add_arguments(self, parser):
        parser.add_argument("--table", default=INTERNET_USE_TABLE, help="StatLine-tabelnummer.")
        parser.add_argument("--topic", default=None, help="Sleutel van het onderwerp (standaard het eerste).")
        parser.add_argument("--period", default=None, help="Sleutel van de periode (standaard de laatste).")

    def handle(self, *args, table, topic, period, **options):
        try:
            figures = context.refresh_statline_context(table_id=table, topic=topic, period=period)
        except context.ConnectorError as exc:
            raise CommandError(f"{exc} De eerder opgehaalde cijfers blijven staan.") from None
        self.stdout.write(f"{len(figures)} cijfers opgehaald uit {context.SOURCE}, tabel {table}.")
