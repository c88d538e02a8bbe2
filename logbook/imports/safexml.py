"""XML activity files (GPX and TCX) read safely: depth, document types and encodings are
checked in one streaming pass before any parser builds a tree.

A parser that builds a tree (or copies one, as gpxpy does with <extensions>) recurses once
per level, so a file nested 200,000 deep overflows the C stack and takes the whole worker
process with it. Expat itself does not recurse, so counting levels with it is safe and
bounded by the file size.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import IO, Final
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


def check_xml(source: IO[bytes], file_label: str, *, max_depth: int = MAX_XML_DEPTH) -> None:
    """Refuse XML nested deeper than max_depth, with a document type, in an unknown text
    encoding or not well-formed, reading it once as a stream (64 KiB at a time) from where
    it stands; the caller seeks back to read it again."""
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
        while chunk := source.read(_CHUNK_BYTES):
            parser.Parse(chunk, False)
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


def iter_elements(source: IO[bytes], file_label: str) -> Iterator[tuple[str, Element]]:
    """("start" | "end", element) for each element of a checked file, read as a stream with
    defusedxml and no DTD at all. Each element is taken out of the tree once it has ended
    (its text and children are there until then), so memory holds only the open elements,
    whatever the file's size."""
    source_start = source.tell()
    check_xml(source, file_label)
    source.seek(source_start)
    open_elements: list[Element] = []
    try:
        for event, element in SafeET.iterparse(source, events=("start", "end"), forbid_dtd=True):
            if event == "start":
                open_elements.append(element)
                yield "start", element
                continue
            yield "end", element
            open_elements.pop()
            element.clear()
            if open_elements:
                open_elements[-1].remove(element)
    except defusedxml.DefusedXmlException as error:
        raise ImportFileError(_document_type_message(file_label)) from error
    except (ParseError, ValueError, LookupError) as error:
        raise ImportFileError(_not_well_formed_message(file_label)) from error
