"""``refresh_national_context``: fetch inhabitants and overhead costs per municipality from CBS."""

from django.core.management.base import BaseCommand, CommandError

from koers.apps.national import context
from koers.apps.national.models import SourceDocument


class Command(BaseCommand):
    help = ("Haalt per gemeente en jaar het aantal inwoners (CBS StatLine) en de overheadkosten per inwoner "
            "(CBS Iv3) op als context bij het landelijk beeld.")

    def add_arguments(self, parser):
        parser.add_argument("--years", nargs="+", type=int, metavar="JAAR",
                            help="De jaren (standaard: de jaren van de opgehaalde documenten).")

    def handle(self, *args, years, **options):
        years = years or sorted(set(SourceDocument.objects.values_list("year", flat=True)))
        if not years:
            raise CommandError("Er zijn nog geen opgehaalde documenten; geef de jaren op met --years.")
        done = context.refresh_national_context(years)
        labels = dict(context.Kind.choices)
        for kind, count in done.stored.items():
            self.stdout.write(f"{labels[kind]}: {count} cijfers opgehaald voor {', '.join(map(str, years))}.")
        if done.failures:
            reasons = " ".join(f"{labels[kind]}: {reason}" for kind, reason in done.failures.items())
            raise CommandError(f"{reasons} De eerder opgehaalde cijfers blijven staan.")
