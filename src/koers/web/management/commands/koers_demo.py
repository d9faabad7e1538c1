"""``koers_demo``: the demo organisation, a user per role, the scanned example documents and a
demo portfolio (initiatives, teams, capacity, framework, principles, one selection run), a goal tree
with indicators and, when that app provides one, the channel mix.

Idempotent: whatever already exists is left alone, so a second run changes nothing.
The demo users and their password exist only through this command.
"""

from __future__ import annotations

import csv
import importlib
import importlib.util
from pathlib import Path

from django.apps import apps
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files import File
from django.core.management.base import BaseCommand
from django.db import transaction

from koers.apps.agenda.models import DocType, ScanDocument
from koers.apps.agenda.scanning import queue_scan, run_scan
from koers.apps.audit.context import acting_as
from koers.apps.organisations.models import Membership, Organisation, Role

DEMO_NAME = "Gemeente Voorbeeld"
DEMO_SLUG = "gemeente-voorbeeld"
DEMO_POPULATION = 64_000  # fictional
DEMO_PASSWORD = "koers-demo"
DEMO_USERS = [(role.value, role) for role in (Role.VIEWER, Role.CONTRIBUTOR, Role.MANAGER, Role.ADMIN)]


class Command(BaseCommand):
    help = "Maakt de demo-organisatie Gemeente Voorbeeld, demogebruikers en gescande voorbeelddocumenten."

    def add_arguments(self, parser):
        parser.add_argument("--manifest", type=Path, default=settings.REPO_DIR / "examples" / "manifest.csv",
                            help="manifest met de voorbeelddocumenten (standaard examples/manifest.csv)")
        parser.add_argument("--queue", action="store_true",
                            help="documenten naar de Celery-worker sturen in plaats van direct te scannen")

    def handle(self, *args, manifest: Path, queue: bool, **options):
        with acting_as("koers_demo"):
            organisation = self.organisation()
            self.users(organisation)
            self.documents(organisation, manifest, queue)
            self.portfolio(organisation)
            self.effects(organisation)
            self.report(organisation)

    def organisation(self) -> Organisation:
        organisation, created = Organisation.objects.get_or_create(
            slug=DEMO_SLUG,
            defaults={"name": DEMO_NAME, "kind": Organisation.Kind.GEMEENTE, "population": DEMO_POPULATION},
        )
        self.stdout.write(f"Organisatie {organisation.name}: {'aangemaakt' if created else 'bestond al'}")
        return organisation

    def users(self, organisation: Organisation) -> None:
        User = get_user_model()
        for username, role in DEMO_USERS:
            user, created = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@voorbeeld.example"})
            if created:
                user.set_password(DEMO_PASSWORD)
                user.save(update_fields=["password"])
            Membership.objects.get_or_create(user=user, organisation=organisation, defaults={"role": role})

    def documents(self, organisation: Organisation, manifest: Path, queue: bool) -> None:
        rows = self.manifest_rows(manifest)
        known = set(ScanDocument.objects.filter(organisation=organisation).values_list("original_name", flat=True))
        for path, doc_type, year in rows:
            if path.name in known:
                continue
            if not path.is_file():
                self.stderr.write(f"Voorbeelddocument ontbreekt, overgeslagen: {path}")
                continue
            with transaction.atomic(), path.open("rb") as handle:
                document = ScanDocument.objects.create(
                    organisation=organisation, file=File(handle, name=path.name), original_name=path.name,
                    doc_type=doc_type, year=year)
            if queue:
                queue_scan(document)
                self.stdout.write(f"In de wachtrij: {path.name}")
            else:
                status = run_scan(document.pk)
                self.stdout.write(f"Gescand: {path.name} ({status})")

    def portfolio(self, organisation: Organisation) -> None:
        from koers.apps.portfolio import demo

        demo.load(organisation, stdout=self.stdout)

    def effects(self, organisation: Organisation) -> None:
        """Goals and indicators, the channel mix and the readiness scan's two rounds."""
        from koers.apps.indicators import demo

        demo.seed(organisation)
        if apps.is_installed("koers.apps.channels") and importlib.util.find_spec("koers.apps.channels.demo"):
            importlib.import_module("koers.apps.channels.demo").seed(organisation)
        from koers.apps.readiness import demo as readiness

        readiness.seed(organisation)

    def report(self, organisation: Organisation) -> None:
        """One issued and published council report, read from all the demo data above."""
        from koers.apps.reports import demo

        report = demo.seed(organisation)
        self.stdout.write(f"Rapportage: {report.title}, versie {report.version}")

    def manifest_rows(self, manifest: Path) -> list[tuple[Path, str, int | None]]:
        """(path, doc_type, year) of the manifest rows for the demo organisation."""
        if not manifest.is_file():
            self.stderr.write(f"Geen voorbeelddocumenten: {manifest} bestaat niet (de demo start zonder documenten)")
            return []
        rows = []
        with manifest.open(encoding="utf-8-sig", newline="") as handle:
            for number, row in enumerate(csv.DictReader(handle), start=2):
                if (row.get("municipality") or "").strip().lower() != DEMO_NAME.lower():
                    continue
                path = Path((row.get("path") or "").strip())
                if not path.is_absolute():
                    path = manifest.parent / path
                doc_type = (row.get("doc_type") or "").strip().lower()
                year = (row.get("year") or "").strip()
                rows.append((path, doc_type if doc_type in DocType.values else DocType.OVERIG,
                             int(year) if year.isdigit() else None))
        return rows
