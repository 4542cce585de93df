"""Windows-1252 as browsers read it: the five bytes cp1252 leaves undefined decode too.

Python's ``cp1252`` refuses 0x81, 0x8D, 0x8F, 0x90 and 0x9D, so one such byte in a Windows
export made the whole file unreadable. The WHATWG encoding standard (what browsers do) maps
them to the C1 control characters of the same number, as Latin-1 does; this codec does the
same. It is what slakit falls back to for an export that is not UTF-8, and what
``source.encoding: cp1252`` (or ``windows-1252``) reads with; other encodings are used as
given.
"""

from __future__ import annotations

import codecs
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from _typeshed import ReadableBuffer

NAME = "slakit_windows_1252"


def _decoding_table() -> str:
    table = []
    for b in range(256):
        try:
            table.append(bytes([b]).decode("cp1252"))
        except UnicodeDecodeError:
            table.append(chr(b))
    return "".join(table)


_DECODING = _decoding_table()
_ENCODING = codecs.charmap_build(_DECODING)


def _encode(text: str, errors: str = "strict") -> tuple[bytes, int]:
    return codecs.charmap_encode(text, errors, _ENCODING)


def _decode(data: ReadableBuffer, errors: str = "strict") -> tuple[str, int]:
    return codecs.charmap_decode(data, errors, _DECODING)


class _IncrementalDecoder(codecs.IncrementalDecoder):
    def decode(self, data: bytes, final: bool = False) -> str:  # type: ignore[override]
        return codecs.charmap_decode(data, self.errors, _DECODING)[0]


class _IncrementalEncoder(codecs.IncrementalEncoder):
    def encode(self, text: str, final: bool = False) -> bytes:
        return codecs.charmap_encode(text, self.errors, _ENCODING)[0]


def _search(name: str) -> codecs.CodecInfo | None:
    if name.replace("-", "_") != NAME:
        return None
    return codecs.CodecInfo(name=NAME, encode=_encode, decode=_decode,
                            incrementalencoder=_IncrementalEncoder,
                            incrementaldecoder=_IncrementalDecoder)


codecs.register(_search)
