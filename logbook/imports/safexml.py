"""XML activity files (GPX and TCX) read safely: depth, document types and encodings are
checked in one streaming pass before any parser builds a tree.

A parser that builds a tree (or copies one, as gpxpy does with <extensions>) recurses once
per level, so a file nested 200,000 deep overflows the C stack and takes the whole worker
process with it. Expat itself does not recurse, so counting levels with it is safe and
bounded by the file size.
"""

from __future__ import annotations

import codecs
import re
from typing import Final
from xml.etree.ElementTree import Element, ParseError
from xml.parsers import expat

import defusedxml  # type: ignore[import-untyped,unused-ignore]
import defusedxml.ElementTree as SafeET  # type: ignore[import-untyped,unused-ignore]
from django.utils.translation import gettext as _

from logbook.imports.base import ImportFileError

# Real GPX and TCX files nest fewer than 10 levels (a heart rate in a track point extension).
MAX_XML_DEPTH: Final = 100
_CHUNK_BYTES: Final = 64 * 1024


class _TooDeep(Exception):
    pass


class _DocumentType(Exception):
    pass


def _encoding_message() -> str:
    return _("The file's text encoding is not supported.")


def check_xml(data: bytes, file_label: str, *, max_depth: int = MAX_XML_DEPTH) -> None:
    """Refuse XML nested deeper than max_depth, with a document type, in an unknown text
    encoding or not well-formed, reading it once as a stream."""
    parser = expat.ParserCreate()
    depth = 0

    def start(name: str, attributes: dict[str, str]) -> None:
        nonlocal depth
        depth += 1
        if depth > max_depth:
            raise _TooDeep

    def end(name: str) -> None:
        nonlocal depth
        depth -= 1

    def doctype(*args: object) -> None:
        raise _DocumentType

    parser.StartElementHandler = start
    parser.EndElementHandler = end
    parser.StartDoctypeDeclHandler = doctype
    try:
        for offset in range(0, len(data), _CHUNK_BYTES):
            parser.Parse(data[offset : offset + _CHUNK_BYTES], False)
        parser.Parse(b"", True)
    except _TooDeep:
        raise ImportFileError(
            _("The %(format)s file nests its elements more than %(depth)d levels deep.")
            % {"format": file_label, "depth": max_depth}
        ) from None
    except _DocumentType:
        raise ImportFileError(_document_type_message(file_label)) from None
    except (LookupError, ValueError):
        # An encoding Python does not know, or a multi-byte one that expat cannot read.
        raise ImportFileError(_encoding_message()) from None
    except expat.ExpatError as error:
        if error.code == expat.errors.codes[expat.errors.XML_ERROR_UNKNOWN_ENCODING]:
            raise ImportFileError(_encoding_message()) from None
        raise ImportFileError(_not_well_formed_message(file_label)) from None


def _document_type_message(file_label: str) -> str:
    return _("The %(format)s file declares a document type, which is refused for safety.") % {
        "format": file_label
    }


def _not_well_formed_message(file_label: str) -> str:
    return _("The %(format)s file is damaged: it is not well-formed XML.") % {"format": file_label}


def local(tag: str) -> str:
    return tag.rpartition("}")[2]


def safe_xml_root(data: bytes, file_label: str) -> Element:
    """The checked file's tree, parsed with defusedxml and no DTD at all: entity tricks are
    refused, never expanded."""
    check_xml(data, file_label)
    try:
        root: Element = SafeET.fromstring(data, forbid_dtd=True)
    except defusedxml.DefusedXmlException as error:
        raise ImportFileError(_document_type_message(file_label)) from error
    except (ParseError, ValueError, LookupError) as error:
        raise ImportFileError(_not_well_formed_message(file_label)) from error
    return root


def xml_text(data: bytes) -> str:
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        declared = re.match(rb"""<\?xml[^>]*encoding=["']([A-Za-z0-9._-]+)["']""", data)
        if declared is None:
            raise
        try:
            return data.decode(declared.group(1).decode("ascii"))
        except LookupError:
            raise ImportFileError(_encoding_message()) from None
