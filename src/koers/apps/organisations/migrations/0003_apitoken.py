"""API keys stored as SHA-256 hashes; the plain REST framework tokens are deleted.

Old tokens had no name and no expiry and sat in the database as plain text, so they are removed
rather than hashed: their users make new keys on /account/api-sleutel/ (docs/api.md). The old
table stays in databases that have it (its app is no longer installed); only its rows go.
"""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


def delete_plain_tokens(apps, schema_editor):
    connection = schema_editor.connection
    if "authtoken_token" in connection.introspection.table_names():
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM authtoken_token")


class Migration(migrations.Migration):

    dependencies = [
        ('organisations', '0002_invitation'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ApiToken',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('name', models.CharField(max_length=100, verbose_name='naam')),
                ('prefix', models.CharField(db_index=True, max_length=8, verbose_name='begin van de sleutel')),
                ('key_hash', models.CharField(max_length=64, unique=True, verbose_name='controlewaarde')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                ('expires_at', models.DateTimeField(verbose_name='geldig tot')),
                ('last_used_at', models.DateTimeField(blank=True, null=True, verbose_name='laatst gebruikt')),
                ('revoked_at', models.DateTimeField(blank=True, null=True, verbose_name='ingetrokken op')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='api_tokens', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker')),
            ],
            options={
                'verbose_name': 'API-sleutel',
                'verbose_name_plural': 'API-sleutels',
                'ordering': ['-created_at'],
            },
        ),
        migrations.RunPython(delete_plain_tokens, migrations.RunPython.noop),
    ]
