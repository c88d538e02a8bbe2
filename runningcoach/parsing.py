"""Reading numbers people (or attackers) type into forms, query strings and files."""

from __future__ import annotations

# PostgreSQL's integer column: the largest id or count any lookup may be given.
MAX_INT = 2**31 - 1


def small_int(text: object, *, maximum: int = MAX_INT) -> int | None:
    """A whole number from 0 to `maximum` written in ASCII digits, or None.

    `str.isdigit()` is true for "²" and "٣", which `int()` then refuses or reads, and a
    5,000-digit number overflows every column: both are None here, like a sign, a space or
    a decimal point."""
    if not isinstance(text, str) or not text.isascii() or not text.isdigit():
        return None
    if len(text) > len(str(maximum)):
        return None
    value = int(text)
    return value if value <= maximum else None
