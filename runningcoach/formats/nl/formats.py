# The same layout as in English, with Dutch's lower-case month abbreviations ("b"):
# "di 1 dec 2026", "di 1 dec 2026, 08:00", "1 dec".
DATE_FORMAT = "D j b Y"
DATETIME_FORMAT = "D j b Y, H:i"
MONTH_DAY_FORMAT = "j b"
TIME_FORMAT = "H:i"
