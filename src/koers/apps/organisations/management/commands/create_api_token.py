"""Make an API key for a user from the command line (support, scripts, the demo in docs/api.md)."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from koers.apps.organisations import tokens
from koers.apps.organisations.models import ApiToken


class Command(BaseCommand):
    help = "Maakt een API-sleutel voor een gebruiker en schrijft alleen de sleutel naar stdout."

    def add_arguments(self, parser):
        parser.add_argument("username")
        parser.add_argument("--name", default="opdrachtregel", help="naam van de sleutel")
        parser.add_argument("--days", type=int, default=ApiToken.Lifetime.DAYS_90,
                            choices=ApiToken.Lifetime.values, help="geldigheid in dagen (standaard 90)")

    def handle(self, *args, username, name, days, **options):
        user = get_user_model().objects.filter(username=username, is_active=True).first()
        if user is None:
            raise CommandError(f"Er is geen actieve gebruiker {username!r}.")
        try:
            token, key = tokens.create(user, name, days)
        except ValidationError as error:
            raise CommandError(" ".join(error.messages)) from None
        self.stderr.write(f"API-sleutel '{token.name}' voor {username}, geldig tot {token.expires_at:%Y-%m-%d}.")
        self.stdout.write(key)
