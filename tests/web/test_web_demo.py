from django.contrib.auth import authenticate, get_user_model
from django.core.management import call_command
from django.http import HttpRequest

from koers.apps.agenda.models import ScanDocument
from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.access import membership_for
from koers.apps.organisations.models import Membership, Organisation


def write_examples(folder):
    (folder / "docs").mkdir()
    (folder / "docs" / "begroting-2025.md").write_text(
        "# Veiligheid\n\nWe voeren de BIO in en melden datalekken volgens de AVG.\n", encoding="utf-8")
    (folder / "docs" / "elders.md").write_text("# Sport\n\nHet zwembad blijft open.\n", encoding="utf-8")
    manifest = folder / "manifest.csv"
    manifest.write_text(
        "path,municipality,doc_type,year,population\n"
        "docs/begroting-2025.md,Gemeente Voorbeeld,begroting,2025,64000\n"
        "docs/elders.md,Gemeente Anders,kadernota,2024,20000\n"
        "docs/ontbreekt.md,Gemeente Voorbeeld,kadernota,2026,64000\n", encoding="utf-8")
    return manifest


def counts():
    return (Organisation.objects.count(), get_user_model().objects.count(), Membership.objects.count(),
            ScanDocument.objects.count(), AuditEntry.objects.count())


def test_demo_creates_everything_once(db, tmp_path, capsys):
    manifest = write_examples(tmp_path)
    call_command("koers_demo", manifest=manifest)
    first = counts()
    call_command("koers_demo", manifest=manifest)
    assert counts() == first
    organisation = Organisation.objects.get(name="Gemeente Voorbeeld")
    assert organisation.population == 64_000 and organisation.kind == "gemeente"
    for role in ("viewer", "contributor", "manager", "admin"):
        user = authenticate(HttpRequest(), username=role, password="koers-demo")  # axes needs a request
        assert user is not None and membership_for(user, organisation.slug).role == role
    document = ScanDocument.objects.get()
    assert (document.original_name, document.year, document.status) == ("begroting-2025.md", 2025, "done")
    assert document.themes.get(theme="informatieveiligheid-privacy").attention
    assert "ontbreekt.md" in capsys.readouterr().err


def test_demo_without_examples_still_creates_the_organisation(db, tmp_path, capsys):
    call_command("koers_demo", manifest=tmp_path / "geen.csv")
    assert Organisation.objects.filter(slug="gemeente-voorbeeld").exists()
    assert ScanDocument.objects.count() == 0
    assert "bestaat niet" in capsys.readouterr().err
