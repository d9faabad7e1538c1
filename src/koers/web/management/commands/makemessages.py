"""Django's makemessages, made to fill Koers's one catalogue completely and nothing else.

Run from ``src/koers``: ``DJANGO_DEBUG=true python -m koers.web makemessages -l nl -l en``.
"""

from django.core.management.commands import makemessages

# The command-line tools translate with the standard library's gettext, never with this catalogue; the
# StatLine connector's errors go to the command line and the logs. The effects engine stays in: the web
# pages pass its labels, reasons and method through this catalogue.
COMMAND_LINE = ["cli.py", "optimise/*", "scan/*", "connectors/*"]


class Command(makemessages.Command):
    # The project's short names: _lazy (gettext_lazy) for form labels and N_ (gettext_noop) for strings
    # translated only where they are shown, such as the AHP verbal scale. xgettext knows neither.
    xgettext_options = [*makemessages.Command.xgettext_options, "--keyword=_lazy", "--keyword=N_"]

    def handle(self, *args, **options):
        options["ignore_patterns"] = [*options["ignore_patterns"], *COMMAND_LINE]
        super().handle(*args, **options)
