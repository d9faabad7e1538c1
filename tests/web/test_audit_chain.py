"""The audit trail is a hash chain that ``koers audit verify`` walks, and on PostgreSQL the database
itself refuses to change or delete entries (issue 14, point 7)."""

import contextlib
from types import SimpleNamespace

import pytest
from django.core.management import call_command
from django.db import connection, transaction

from koers import cli
from koers.apps.audit import recorder
from koers.apps.audit.chain import verify
from koers.apps.audit.models import AuditEntry
from koers.apps.organisations.models import Organisation

on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql",
                                   reason="de triggers bestaan alleen op PostgreSQL (CI: tools/with-postgres.sh)")


@pytest.fixture
def trail(own):
    """A few entries from the recorder and one written directly, with values jsonb likes to rewrite."""
    own.name = "Gemeente Proefstad-Zuid"
    own.save()
    other = Organisation.objects.create(name="Gemeente Ander", slug="ander", population=100)
    other.delete()
    AuditEntry.objects.create(organisation=own, actor_name="Zoë", action="update", model="portfolio.initiative",
                              object_id="7", object_repr="Loket €",
                              changes={"hours": [1e16, 2.5], "weight": [0.1, 3.0], "goals": [[1, 2], []]})
    return list(AuditEntry.objects.order_by("id"))


@contextlib.contextmanager
def tampering():
    """Raw SQL past the ORM; on PostgreSQL the table owner first switches the guard off, as an
    intruder with the owner's password could (rolled back with the test)."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry DISABLE TRIGGER audit_append_only")
        yield cursor
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE audit_auditentry ENABLE TRIGGER audit_append_only")


def run_verify(capsys):
    code = cli.main(["audit", "verify"])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_each_entry_links_to_the_one_before(trail):
    assert trail[0].previous_hash == ""
    assert all(entry.previous_hash == before.hash for before, entry in zip(trail, trail[1:]))
    assert len({entry.hash for entry in trail}) == len(trail)


def test_an_intact_chain_verifies(trail, capsys):
    result = verify(AuditEntry.objects.all(), batch_size=2)
    assert result.problem == "" and result.count == len(trail) and result.last_hash == trail[-1].hash
    code, output = run_verify(capsys)
    assert code == 0
    assert f"Audittrail intact: {len(trail)} regels, laatste hash {trail[-1].hash}" in output


def test_an_entry_changed_behind_the_orm_is_named(trail, capsys):
    changed = trail[2]
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditentry SET actor_name = %s WHERE id = %s", ["iemand anders", changed.pk])
    code, output = run_verify(capsys)
    assert code == 2
    assert f"Audittrail verbroken: auditregel {changed.pk} van " in output and "is gewijzigd" in output
    with pytest.raises(SystemExit) as stopped:
        call_command("verify_audit")
    assert stopped.value.code == 2


def test_a_deleted_entry_is_detected_between_its_neighbours(trail, capsys):
    before, gone, after = trail[1:4]
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [gone.pk])
    code, output = run_verify(capsys)
    assert code == 2
    assert f"tussen auditregel {before.pk} van " in output and f"en auditregel {after.pk} van " in output
    assert "ontbreekt een regel" in output


def test_removing_the_first_entries_is_detected(trail):
    with tampering() as cursor:
        cursor.execute("DELETE FROM audit_auditentry WHERE id = %s", [trail[0].pk])
    problem = verify(AuditEntry.objects.all()).problem
    assert f"vóór auditregel {trail[1].pk} van " in problem and "ontbreken regels" in problem


def test_the_migration_links_existing_entries_in_id_order(trail):
    from importlib import import_module

    migration = import_module("koers.apps.audit.migrations.0002_append_only")
    with tampering() as cursor:
        cursor.execute("UPDATE audit_auditentry SET hash = '', previous_hash = ''")
        assert verify(AuditEntry.objects.all()).problem
        plain = SimpleNamespace(get_model=lambda *label: SimpleNamespace(objects=AuditEntry._base_manager))
        migration.link_existing_entries(plain, None)
    assert [entry.hash for entry in AuditEntry.objects.order_by("id")] == [entry.hash for entry in trail]


def test_entries_written_together_form_one_chain(own):
    with transaction.atomic():
        AuditEntry.objects.bulk_create(AuditEntry(actor_name="import", action="create", model="x.y", object_id=str(n),
                                                  object_repr=str(n)) for n in range(3))
        recorder.write(own, AuditEntry.Action.UPDATE, {"name": ["a", "b"]})
    assert verify(AuditEntry.objects.all()).problem == ""


@on_postgresql
@pytest.mark.parametrize("statement", ["UPDATE audit_auditentry SET actor_name = 'x'",
                                       "DELETE FROM audit_auditentry",
                                       "TRUNCATE audit_auditentry"])
def test_postgresql_refuses_changing_or_removing_entries(trail, statement):
    from django.db.utils import ProgrammingError

    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL koers.allow_audit_purge = 'off'")  # the test connections allow TRUNCATE
        with pytest.raises(ProgrammingError, match="de audittrail kan alleen worden aangevuld"), transaction.atomic():
            cursor.execute(statement)
    assert AuditEntry.objects.count() == len(trail)


@on_postgresql
@pytest.mark.django_db(transaction=True)
def test_a_second_writer_waits_for_the_first_so_the_chain_does_not_fork():
    import threading
    import time

    from django.db import connections

    def write(name):
        AuditEntry.objects.create(actor_name=name, action="create", model="x.y", object_id=name, object_repr=name)

    def second_writer():
        try:
            write("tweede")
        finally:
            connections.close_all()

    with transaction.atomic():
        write("eerste")
        thread = threading.Thread(target=second_writer)
        thread.start()
        with connection.cursor() as cursor:
            for _attempt in range(600):  # the second writer must be queued on the chain's lock
                cursor.execute("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted")
                if cursor.fetchone()[0]:
                    break
                time.sleep(0.05)
            else:
                pytest.fail("de tweede schrijver wachtte niet op de eerste")
    thread.join()
    first, second = AuditEntry.objects.order_by("id")
    assert second.previous_hash == first.hash and verify(AuditEntry.objects.all()).problem == ""
