"""Dutch formats on top of Django's own (django/conf/locale/nl): only what Koers writes differently."""

DATETIME_FORMAT = "j F Y, H:i"  # 3 december 2026, 14:05
