import sys

from django.core.management.base import BaseCommand
from django.utils.translation import gettext as _

from koers.apps.audit.chain import verify
from koers.apps.audit.models import AuditEntry

EXIT_BROKEN = 2


class Command(BaseCommand):
    help = _("Controleer de hashketen van de audittrail; afsluitcode 2 als een regel gewijzigd is of ontbreekt.")

    def handle(self, *args, **options):
        result = verify(AuditEntry.objects.all())
        if result.problem:
            self.stderr.write(result.message)
            sys.exit(EXIT_BROKEN)
        self.stdout.write(result.message)
