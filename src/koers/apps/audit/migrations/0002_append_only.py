"""The audit trail becomes a hash chain (existing entries are linked in id order) and, on PostgreSQL,
append-only in the database too: triggers refuse UPDATE, DELETE and TRUNCATE. TRUNCATE is let
through only for a session with ``koers.allow_audit_purge = on`` (the test suite's flush between
tests sets it); SQLite keeps the ORM's refusal and the chain.
"""

from django.db import migrations, models

from koers.apps.audit.chain import CONTENT_FIELDS, compute_hash

TABLE = "audit_auditentry"

CREATE_TRIGGERS = f"""
CREATE OR REPLACE FUNCTION koers_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'TRUNCATE' AND current_setting('koers.allow_audit_purge', true) = 'on' THEN
        RETURN NULL;
    END IF;
    RAISE EXCEPTION 'de audittrail kan alleen worden aangevuld: % van auditregels is niet toegestaan', TG_OP
        USING ERRCODE = 'insufficient_privilege';
END
$$;
CREATE TRIGGER audit_append_only BEFORE UPDATE OR DELETE ON {TABLE}
    FOR EACH ROW EXECUTE FUNCTION koers_audit_append_only();
CREATE TRIGGER audit_no_truncate BEFORE TRUNCATE ON {TABLE}
    FOR EACH STATEMENT EXECUTE FUNCTION koers_audit_append_only();
"""

DROP_TRIGGERS = f"""
DROP TRIGGER IF EXISTS audit_no_truncate ON {TABLE};
DROP TRIGGER IF EXISTS audit_append_only ON {TABLE};
DROP FUNCTION IF EXISTS koers_audit_append_only();
"""


def link_existing_entries(apps, schema_editor):
    entries = apps.get_model("audit", "AuditEntry").objects
    previous_hash = ""
    for row in entries.order_by("id").values("id", *CONTENT_FIELDS).iterator(chunk_size=2000):
        entry_hash = compute_hash(row, previous_hash)
        entries.filter(pk=row["id"]).update(previous_hash=previous_hash, hash=entry_hash)
        previous_hash = entry_hash


def _on_postgresql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            schema_editor.execute(sql, params=None)  # no placeholders: the SQL contains %
    return run


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditentry",
            name="created_at",
            field=models.DateTimeField(db_index=True, editable=False, verbose_name="tijdstip"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="previous_hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="vorige hash"),
        ),
        migrations.AddField(
            model_name="auditentry",
            name="hash",
            field=models.CharField(blank=True, default="", editable=False, max_length=64, verbose_name="hash"),
        ),
        migrations.RunPython(link_existing_entries, migrations.RunPython.noop),
        migrations.RunPython(_on_postgresql(CREATE_TRIGGERS), _on_postgresql(DROP_TRIGGERS)),
    ]
