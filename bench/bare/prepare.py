"""Creates the yardstick's tables and its rows: `python -m bench.bare.prepare`."""

import os
from datetime import UTC, datetime, timedelta


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.bare.settings")
    import django

    django.setup()
    from django.core.management import call_command

    from bench.bare.models import Item

    call_command("migrate", verbosity=0)
    Item.objects.all().delete()
    start = datetime(2026, 1, 1, tzinfo=UTC)
    Item.objects.bulk_create(
        Item(name=f"Item {n}", amount=n * 7 % 100, created=start + timedelta(hours=n))
        for n in range(60)
    )
    from django.db import connection

    if connection.vendor == "postgresql":  # as settled as the app's (bench/run.py)
        with connection.cursor() as cursor:
            cursor.execute("VACUUM ANALYZE")


if __name__ == "__main__":
    main()
