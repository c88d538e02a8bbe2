"""Dutch is complete: every message of every catalogue translated, none fuzzy, and the
compiled .mo files match their .po files."""

import re
from pathlib import Path

import pytest
from django.utils import translation

ROOT = Path(__file__).resolve().parent.parent
CATALOGUES = sorted(
    p for p in ROOT.glob("**/locale/nl/LC_MESSAGES/django.po") if ".venv" not in p.parts
)


def entries(po: Path) -> list[str]:
    return [block for block in po.read_text(encoding="utf-8").split("\n\n") if "msgid" in block]


def strings(block: str, key: str) -> str:
    """The joined text of msgid/msgstr (or msgstr[n]) lines in one entry."""
    text, current = [], None
    for line in block.splitlines():
        if line.startswith("#"):
            continue
        match = re.match(r'^(msgctxt|msgid|msgid_plural|msgstr(?:\[\d+\])?)\s+"(.*)"$', line)
        if match:
            current = match.group(1)
            if current.startswith(key):
                text.append(match.group(2))
        elif line.startswith('"') and current and current.startswith(key):
            text.append(line[1:-1])
    return "".join(text)


def test_there_are_catalogues_for_the_project_and_the_catalogue_app():
    names = {p.relative_to(ROOT).parts[0] for p in CATALOGUES}
    assert {"locale", "exercises"} <= names


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_message_is_translated_and_none_fuzzy(po):
    missing = []
    for block in entries(po)[1:]:  # the first entry is the header
        if not strings(block, "msgid"):
            continue  # an obsolete (#~) entry
        if "#, fuzzy" in block or not strings(block, "msgstr"):
            missing.append(strings(block, "msgid")[:60])
    assert missing == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_entry_stands_apart(po):
    """Entries appended on two branches can meet without a blank line between them; msgfmt
    reads them, but the checks here would read the two as one and miss the second."""
    glued = [
        strings(block, "msgid")[:60]
        for block in entries(po)
        if len(re.findall(r"^msgid ", block, flags=re.MULTILINE)) > 1
    ]
    assert glued == []


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_exists(po):
    mo = po.with_suffix(".mo")
    assert mo.exists()
    assert mo.stat().st_size > 0


def test_dutch_is_active_for_app_texts():
    with translation.override("nl"):
        assert translation.gettext("Log a session") != "Log a session"
        assert translation.gettext("Hip stability") != "Hip stability"


def unescaped(text: str) -> str:
    """A .po string's text as gettext holds it (\\n, \\" and \\\\ undone, UTF-8 kept)."""
    return text.encode().decode("unicode_escape").encode("latin-1").decode("utf-8")


@pytest.mark.parametrize("po", CATALOGUES, ids=lambda p: str(p.relative_to(ROOT)))
def test_compiled_catalogue_says_what_its_po_file_says(po):
    """A .mo older than its .po (a merge that kept one side's compiled file) shows stale Dutch
    while every .po test passes: read the .mo back and compare every singular entry."""
    import gettext

    with po.with_suffix(".mo").open("rb") as compiled:
        catalogue = gettext.GNUTranslations(compiled)._catalog
    stale = []
    for block in entries(po)[1:]:
        msgid = unescaped(strings(block, "msgid"))
        if not msgid or "msgid_plural" in block or "#, fuzzy" in block:
            continue
        context = unescaped(strings(block, "msgctxt"))
        key = f"{context}\x04{msgid}" if context else msgid
        if catalogue.get(key) != unescaped(strings(block, "msgstr")):
            stale.append(msgid[:60])
    assert stale == []
