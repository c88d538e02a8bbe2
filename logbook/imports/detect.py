"""Which format a file is, from its name and its first bytes."""

from __future__ import annotations

import codecs
import re
from typing import Final

from django.utils.translation import gettext as _

from logbook.imports.base import ImportFileError, supported_formats_message

_EXTENSION_FORMATS: Final = {
    ".gpx": "gpx",
    ".tcx": "tcx",
    ".fit": "fit",
    ".csv": "strava_csv",
    ".zip": "strava_zip",
}


def _extension(filename: str) -> str:
    dot = filename.rfind(".")
    return filename[dot:].lower() if dot > filename.replace("\\", "/").rfind("/") else ""


def _decode_head(head: bytes) -> str:
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return head.decode("utf-16", errors="ignore")
    return head.decode("utf-8", errors="replace").lstrip("\ufeff")


_XML_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")


def _xml_root_name(text: str) -> str:
    """Local name of the first element in the text, skipping the prolog; "" if none yet."""
    position = 0
    while True:
        start = text.find("<", position)
        if start == -1:
            return ""
        if text.startswith(("<?", "<!"), start):
            position = start + 2
            continue
        match = _XML_ROOT.match(text, start)
        return match.group(1).rpartition(":")[2] if match else ""


def _sniff(head: bytes) -> str:
    if not head.strip():
        return "empty"
    if len(head) >= 12 and head[0] in (12, 14) and head[8:12] == b".FIT":
        return "fit"
    if head.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return "zip"
    if head.startswith(b"\x1f\x8b"):
        return "gzip"
    text = _decode_head(head)
    if "\x00" in text or text.count("\ufffd") > len(text) // 20:
        return "binary"
    stripped = text.lstrip()
    if stripped.startswith("<"):
        root = _xml_root_name(stripped)
        if root == "gpx":
            return "gpx"
        if root == "TrainingCenterDatabase":
            return "tcx"
        return "xml" if root == "" else "other_xml"
    first_line = stripped.split("\n", 1)[0]
    if "Activity Date" in first_line or "Activity Type" in first_line:
        return "strava_csv"
    return "text"


def detect_format(filename: str, head: bytes) -> str:
    """ "gpx", "tcx", "fit", "strava_csv" or "strava_zip", from the name and the first bytes.

    The content decides; a name that promises one format over content of another is refused,
    because it usually means the wrong file was picked.
    """
    expected = _EXTENSION_FORMATS.get(_extension(filename), "")
    found = _sniff(head)
    if found == "empty":
        raise ImportFileError(_("The file is empty."))
    if found == "gzip":
        raise ImportFileError(
            _("This file is compressed (gzip). Unpack it first and upload the file inside.")
        )
    if found == "zip":
        found = "strava_zip"
    if found == "xml" and expected in ("gpx", "tcx"):
        # The root element lies beyond the first bytes; the parser will check it.
        found = expected
    if found == "text" and expected == "strava_csv":
        # The header check names the columns that are missing.
        found = expected
    if found in _EXTENSION_FORMATS.values():
        if expected and expected != found:
            raise ImportFileError(_not_what_it_says(expected))
        return found
    if expected == "fit" and found in ("binary", "text"):
        raise ImportFileError(_("This is not a FIT file (its header is damaged)."))
    if expected:
        raise ImportFileError(_not_what_it_says(expected))
    if found in ("xml", "other_xml"):
        raise ImportFileError(
            _("This XML file is neither GPX nor TCX. %(formats)s")
            % {"formats": supported_formats_message()}
        )
    raise ImportFileError(
        _("This file type is not supported. %(formats)s") % {"formats": supported_formats_message()}
    )


def _not_what_it_says(expected: str) -> str:
    messages = {
        "gpx": _("This is not a GPX file, although its name ends in .gpx."),
        "tcx": _("This is not a TCX file, although its name ends in .tcx."),
        "fit": _("This is not a FIT file, although its name ends in .fit."),
        "strava_csv": _("This is not a CSV text file, although its name ends in .csv."),
        "strava_zip": _("This is not a .zip file, although its name ends in .zip."),
    }
    return messages[expected]
