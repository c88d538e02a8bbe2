# One way to write a day everywhere: "Tue 1 Dec 2026", "Tue 1 Dec 2026, 08:00", "1 Dec".
DATE_FORMAT = "D j M Y"
DATETIME_FORMAT = "D j M Y, H:i"
MONTH_DAY_FORMAT = "j M"
TIME_FORMAT = "H:i"
