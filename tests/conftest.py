from __future__ import annotations

from pathlib import Path

import pytest

from eventx.records import Argument, Document, Event, Span
from eventx.text import split_sentences

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEED = SHARED / "seed" / "newsweek-20220712-belarus.txt"

TEXT = (
    "Two Russian Su-27 jets entered Estonian airspace on Monday, the Estonian military said.\n"
    "The ministry denied that any drones crossed the border."
)


def span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = text.index(needle, start + 1)
    return start, start + len(needle)


@pytest.fixture
def seed_article() -> Path:
    if not SEED.exists():
        pytest.skip("../shared/seed is not present")
    return SEED


@pytest.fixture
def small_doc() -> Document:
    s, e = span(TEXT, "entered")
    a0, a1 = span(TEXT, "Two Russian Su-27 jets")
    sp0, sp1 = span(TEXT, "the Estonian military")
    t0, t1 = span(TEXT, "said")
    return Document(
        id="d1", text=TEXT, published="2023-03-14", sentences=split_sentences(TEXT),
        events=[
            Event(id="e1", type="AIRSPACE_INCURSION", trigger=Span(text="entered", start=s, end=e),
                  arguments=[Argument(role="aircraft", text="Two Russian Su-27 jets", start=a0, end=a1)],
                  sentence=0),
            Event(id="e2", type="STATEMENT", trigger=Span(text="said", start=t0, end=t1),
                  arguments=[Argument(role="speaker", text="the Estonian military", start=sp0, end=sp1)],
                  sentence=0),
        ],
    )
