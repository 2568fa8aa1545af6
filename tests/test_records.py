import json

import pytest
from pydantic import ValidationError

from eventx.records import Document, Event, Span, json_schema


def test_offsets_must_match_text(small_doc):
    for _, s in small_doc.spans():
        assert small_doc.text[s.start : s.end] == s.text
    bad = small_doc.model_dump()
    bad["events"][0]["trigger"]["start"] += 1
    with pytest.raises(ValidationError, match="trigger"):
        Document.model_validate(bad)


def test_span_past_text_is_refused():
    with pytest.raises(ValidationError, match="run past the text"):
        Document(id="x", text="short", events=[
            Event(id="e", type="ATTACK", trigger=Span(text="shortly", start=0, end=7))])


def test_json_round_trip_is_stable(small_doc):
    once = small_doc.model_dump_json()
    again = Document.model_validate_json(once).model_dump_json()
    assert once == again
    assert json.loads(once)["published"] == "2023-03-14"


def test_schema_validates_output(small_doc):
    jsonschema = pytest.importorskip("jsonschema")
    jsonschema.validate(json.loads(small_doc.model_dump_json()), json_schema())


def test_confidence_is_bounded():
    with pytest.raises(ValidationError):
        Event(id="e", type="ATTACK", trigger=Span(text="a", start=0, end=1), confidence=1.5)


def test_unknown_fields_are_refused(small_doc):
    data = small_doc.model_dump()
    data["colour"] = "red"
    with pytest.raises(ValidationError, match="colour"):
        Document.model_validate(data)
