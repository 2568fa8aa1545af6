"""Stand-off annotations: authored words to offsets, offsets-only records, and the join back."""

from __future__ import annotations

import json

import pytest

from eventx.ontology import Ontology
from eventx.records import Document
from eventx.standoff import StandoffError, apply, join, resolve, to_record
from eventx.text import split_sentences

TEXT = "Militants shelled the town on Monday, officials said.\nThe officials said the shelling stopped."


def _doc() -> Document:
    return Document(id="r1", text=TEXT, published="2020-05-06", sentences=split_sentences(TEXT))


def test_resolve_places_words_nearest_the_trigger_in_its_sentence() -> None:
    authored = [
        {"type": "ATTACK", "sentence": 0, "trigger": "shelled",
         "arguments": [["agent", "Militants"], ["target", "the town"], ["time", "on Monday"]], "time": "2020-05-04"},
        {"type": "STATEMENT", "sentence": 1, "trigger": "said", "arguments": [["speaker", "The officials"]]},
        {"type": "STATEMENT", "sentence": 0, "trigger": "said", "arguments": [["speaker", "officials"]]},
    ]
    result = resolve(_doc(), authored, Ontology.default())
    assert result.problems == []
    second = result.events[1]
    assert second.trigger.start == TEXT.index("said", TEXT.index("\n"))
    assert result.events[2].arguments[0].start == TEXT.index("officials")  # the one in sentence 0
    assert result.events[0].time.value == "2020-05-04"


def test_resolve_reports_every_span_it_cannot_place() -> None:
    authored = [
        {"type": "ATTACK", "sentence": 1, "trigger": "shelled"},  # not in sentence 1
        {"type": "ATTACK", "sentence": 0, "trigger": "shelled", "arguments": [["victim", "the town"]]},
        {"type": "RIOT", "sentence": 0, "trigger": "said"},
        {"type": "STATEMENT", "sentence": 9, "trigger": "said"},
        {"type": "STATEMENT", "sentence": 0, "trigger": "said", "arguments": [["speaker", "nobody here"]]},
        {"type": "STATEMENT", "sentence": 1, "trigger": "said", "time": "Monday"},
    ]
    problems = resolve(_doc(), authored, Ontology.default()).problems
    assert len(problems) == 6
    assert "not found as whole words in sentence 1" in problems[0]
    assert "victim" in problems[1] and "nobody here" in problems[4] and "'Monday'" in problems[5]


def test_record_holds_no_text_and_joins_back_exactly() -> None:
    doc = _doc()
    events = resolve(doc, [{"type": "ATTACK", "sentence": 0, "trigger": "shelled",
                            "arguments": [["target", "the town"]], "modality": "hedged"}], Ontology.default()).events
    record = to_record(doc, events, annotator="a1", split="train")
    assert "town" not in json.dumps(record)
    (back,) = join([record], [doc])
    assert [(e.type, e.trigger.text, e.modality, [(a.role, a.text) for a in e.arguments]) for e in back.events] == [
        ("ATTACK", "shelled", "hedged", [("target", "the town")])]
    assert back.meta["annotator"] == "a1"


def test_a_changed_text_is_refused_not_misaligned() -> None:
    doc = _doc()
    record = to_record(doc, [], annotator="a1")
    changed = doc.model_copy(update={"text": TEXT.replace("Monday", "Sunday")})
    with pytest.raises(StandoffError, match="SHA-1 differs"):
        apply(changed, record)
    with pytest.raises(StandoffError, match="no such document"):
        list(join([dict(record, id="other")], [doc]))
