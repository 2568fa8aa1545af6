"""Sentence splitting with exact character offsets.

A small rule splitter is enough for news prose and keeps offsets exact by construction: it never
rewrites text, it only cuts it. Paragraph breaks always end a sentence.
"""

from __future__ import annotations

import re

from eventx.records import Sentence

_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof gen lt col maj capt cpt sgt adm cmdr gov sen rep pres st no vs etc
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e inc corp ltd co jr sr
    approx est dept univ mt ft""".split()
)
# A sentence ends at . ! ? (optionally followed by closing quotes or brackets) before whitespace.
_END = re.compile(r"""[.!?]+["'\u201d\u2019)\]]*(?=\s)""")


def split_sentences(text: str) -> list[Sentence]:
    sentences: list[Sentence] = []
    for para in re.finditer(r"[^\n]+", text):
        _split_paragraph(text, para.start(), para.end(), sentences)
    return sentences


def _split_paragraph(text: str, start: int, end: int, out: list[Sentence]) -> None:
    begin = start
    for m in _END.finditer(text, start, end):
        cut = m.end()
        if _is_abbreviation(text, begin, m.start()) or not _next_starts_sentence(text, cut, end):
            continue
        _append(text, begin, cut, out)
        begin = cut
    _append(text, begin, end, out)


def _is_abbreviation(text: str, begin: int, dot: int) -> bool:
    if text[dot] != ".":
        return False
    word = re.search(r"[\w.]+$", text[begin:dot])
    if not word:
        return False
    token = word.group().lower()
    return token in _ABBREVIATIONS or len(token) == 1 or bool(re.fullmatch(r"(\w\.)+\w", token))


def _next_starts_sentence(text: str, cut: int, end: int) -> bool:
    rest = text[cut:end].lstrip()
    return bool(rest) and (rest[0].isupper() or rest[0].isdigit() or rest[0] in "\"'\u201c\u2018(")


def _append(text: str, start: int, end: int, out: list[Sentence]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        out.append(Sentence(start=start, end=end))


def sentence_index(sentences: list[Sentence], offset: int) -> int | None:
    """Index of the sentence that holds character `offset`."""
    lo, hi = 0, len(sentences) - 1
    while lo <= hi:
        mid = (lo + hi) // 2
        s = sentences[mid]
        if offset < s.start:
            hi = mid - 1
        elif offset >= s.end:
            lo = mid + 1
        else:
            return mid
    return None
