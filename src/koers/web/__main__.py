"""``python -m koers.web <command>`` works like manage.py; ``devserver`` runs the demo."""

import os
import sys


def main(argv: list[str] | None = None) -> None:
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and argv[1] == "devserver":
        from koers.web.devserver import main as devserver

        raise SystemExit(devserver(argv[2:]))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "koers.web.settings")
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        execute_from_command_line(["python -m koers.web", *argv[1:]])
    except ImproperlyConfigured as exc:  # a missing setting: one clear line, no traceback
        print(f"koers.web: {exc}", file=sys.stderr)
        raise SystemExit(2) from None


if __name__ == "__main__":
    main()
