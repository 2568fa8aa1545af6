"""Tests for the ACE, MAVEN and BRAT importers and the BRAT writer.

Every example is written here, small enough to check offsets by hand; no network, no shared data.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eventx.errors import InputError
from eventx.importers import (
    ImportResult,
    align_tokens,
    import_file,
    load_mapping,
    read_ace_json,
    read_brat,
    read_maven_jsonl,
    write_brat,
)
from eventx.records import Argument, Document, Event, Span
from eventx.text import sentence_index, split_sentences


def _jsonl(path: Path, lines: list[object]) -> Path:
    """Write records (dicts as JSON, strings verbatim) one per line."""
    text = "\n".join(x if isinstance(x, str) else json.dumps(x) for x in lines) + "\n"
    path.write_text(text, encoding="utf-8")
    return path


def _all_valid(result: ImportResult) -> None:
    """Every span of every document points at its own text (the Document validator's rule)."""
    for doc in result.documents:
        Document.model_validate(doc.model_dump())
        for _, span in doc.spans():
            assert doc.text[span.start : span.end] == span.text


# --------------------------------------------------------------------------------------------
# ACE
# --------------------------------------------------------------------------------------------

ACE_LINE_1 = {
    "doc_id": "D1", "sent_id": "D1-0",
    "tokens": ["Rebels", "attacked", "the", "base", "in", "Kandahar", "."],
    "sentence": "Rebels attacked the base in Kandahar.",
    "entity_mentions": [
        {"id": "D1-E1", "start": 0, "end": 1, "text": "Rebels", "entity_type": "PER"},
        {"id": "D1-E2", "start": 2, "end": 4, "text": "the base", "entity_type": "FAC"},
        {"id": "D1-E3", "start": 5, "end": 6, "text": "Kandahar", "entity_type": "GPE"},
    ],
    "event_mentions": [{
        "event_type": "Conflict:Attack",
        "trigger": {"start": 1, "end": 2, "text": "attacked"},
        "arguments": [
            {"entity_id": "D1-E1", "role": "Attacker", "text": "Rebels"},
            {"entity_id": "D1-E2", "role": "Target", "text": "the base"},
            {"entity_id": "D1-E3", "role": "Place", "text": "Kandahar"},
        ],
    }],
}
ACE_LINE_2 = {
    "doc_id": "D1", "sent_id": "D1-1",
    "tokens": ["Two", "guards", "died", "and", "police", "arrested", "a", "man", "."],
    "entity_mentions": [
        {"id": "D1-E4", "start": 0, "end": 2, "text": "Two guards", "entity_type": "PER"},
        {"id": "D1-E5", "start": 6, "end": 8, "text": "a man", "entity_type": "PER"},
        {"id": "D1-E6", "start": 4, "end": 5, "text": "police", "entity_type": "ORG"},
    ],
    "event_mentions": [
        {"event_type": "Life:Die", "trigger": {"start": 2, "end": 3, "text": "died"},
         "arguments": [{"entity_id": "D1-E4", "role": "Victim", "text": "Two guards"},
                       {"entity_id": "D1-E6", "role": "Instrument", "text": "police"}]},
        {"event_type": "Justice:Arrest-Jail", "trigger": {"start": 5, "end": 6, "text": "arrested"},
         "arguments": [{"entity_id": "D1-E5", "role": "Person", "text": "a man"}]},
    ],
}


def test_ace_offsets_grouping_and_mapping(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "ace.jsonl", [ACE_LINE_1, ACE_LINE_2])
    result = read_ace_json(path)
    _all_valid(result)
    assert len(result.documents) == 1
    doc = result.documents[0]
    assert doc.id == "D1"
    assert doc.text == ("Rebels attacked the base in Kandahar .\n"
                        "Two guards died and police arrested a man .")
    assert doc.meta["origin"] == "import:ace"
    assert [e.id for e in doc.events] == ["D1-e1", "D1-e2"]

    attack, die = doc.events
    assert attack.type == "ATTACK"
    assert (attack.trigger.start, attack.trigger.end, attack.trigger.text) == (7, 15, "attacked")
    assert [(a.role, a.start, a.end, a.text) for a in attack.arguments] == [
        ("agent", 0, 6, "Rebels"),
        ("target", 16, 24, "the base"),
        ("location", 28, 36, "Kandahar"),
    ]
    assert attack.sentence == 0

    assert die.type == "CASUALTIES"
    assert (die.trigger.start, die.trigger.text) == (50, "died")
    assert [(a.role, a.start, a.text) for a in die.arguments] == [("victim", 39, "Two guards")]
    assert die.sentence == 1
    assert doc.sentences[die.sentence].start == 39

    report = result.report
    assert (report.documents, report.events, report.arguments) == (1, 2, 4)
    assert report.unmapped_types == {"Justice:Arrest-Jail": 1}
    assert report.skipped_events == 1
    assert report.unmapped_roles == {"Life:Die/Instrument": 1}
    assert report.rejects == []


def test_ace_lines_without_doc_id_are_separate_documents(tmp_path: Path) -> None:
    a = {k: v for k, v in ACE_LINE_1.items() if k != "doc_id"}
    b = {k: v for k, v in ACE_LINE_2.items() if k not in ("doc_id", "sent_id")}
    b["wnd_id"] = "W7"
    result = read_ace_json(_jsonl(tmp_path / "ace.jsonl", [a, b]))
    assert [d.id for d in result.documents] == ["D1-0", "W7"]
    assert result.documents[1].text == "Two guards died and police arrested a man ."
    assert result.documents[1].events[0].trigger.start == 11


def test_ace_malformed_lines_are_reported_with_line_numbers(tmp_path: Path) -> None:
    out_of_range = {
        "sent_id": "S9", "tokens": ["Jets", "struck", "."],
        "event_mentions": [
            {"event_type": "Conflict:Attack", "trigger": {"start": 1, "end": 40, "text": "struck"}},
            {"event_type": "Conflict:Attack", "trigger": {"start": 1, "end": 2, "text": "struck"},
             "arguments": [{"entity_id": "nope", "role": "Attacker", "text": "Jets"}]},
            {"trigger": {"start": 1, "end": 2}},
            {"event_type": "Conflict:Attack", "trigger": {"start": 0, "end": 1, "text": "struck"}},
        ],
    }
    path = _jsonl(tmp_path / "bad.jsonl", [
        ACE_LINE_1,
        '{"doc_id": "D2", "tokens": [',
        out_of_range,
        {"doc_id": "D3", "event_mentions": []},
        {"doc_id": "D4", "tokens": "not a list"},
        "[1, 2]",
    ])
    result = read_ace_json(path)
    _all_valid(result)
    rejects = {(r.where, r.kind): r.reason for r in result.report.rejects}
    assert f"{path}:2" in {w for w, _ in rejects}
    assert rejects[(f"{path}:2", "line")].startswith("bad JSON")
    reasons_3 = [r.reason for r in result.report.rejects if r.where == f"{path}:3"]
    assert any("token span 1-40 out of range (the line has 3 tokens" in r for r in reasons_3)
    assert any("entity_id 'nope' is not in entity_mentions" in r for r in reasons_3)
    assert any("missing field 'event_type'" in r for r in reasons_3)
    assert any("does not match the text at its offsets 'Jets'" in r for r in reasons_3)
    assert rejects[(f"{path}:4", "line")] == "missing field 'tokens'"
    assert "must be list" in rejects[(f"{path}:5", "line")]
    assert "expected a JSON object" in rejects[(f"{path}:6", "line")]
    assert result.report.rejected == 8
    assert result.report.rejected_by_kind() == {"line": 4, "event": 3, "argument": 1}
    # The good line and the good event of line 3 (its bad argument dropped) still come through.
    assert [d.id for d in result.documents] == ["D1", "S9"]
    assert [e.trigger.text for e in result.documents[1].events] == ["struck"]
    assert result.documents[1].events[0].arguments == []
    summary = result.report.summary()
    assert f"{path}:2: bad JSON" in summary and "8 rejected" in summary


def test_strict_mode_raises_one_line_input_error(tmp_path: Path) -> None:
    path = _jsonl(tmp_path / "bad.jsonl", [ACE_LINE_1, "{not json"])
    with pytest.raises(InputError) as info:
        read_ace_json(path, strict=True)
    message = str(info.value)
    assert message.startswith(f"{path}:2: bad JSON") and "\n" not in message


def test_missing_file_and_unknown_format(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_ace_json(tmp_path / "missing.jsonl")
    with pytest.raises(InputError, match="unknown import format 'conll'"):
        import_file(tmp_path / "x", "conll")


# --------------------------------------------------------------------------------------------
# Mappings
# --------------------------------------------------------------------------------------------

TRANSFER_LINE = {
    "doc_id": "D5",
    "tokens": ["Germany", "sold", "tanks", "to", "Poland", "in", "Berlin", "."],
    "entity_mentions": [
        {"id": "e1", "start": 0, "end": 1, "text": "Germany"},
        {"id": "e2", "start": 2, "end": 3, "text": "tanks"},
        {"id": "e3", "start": 4, "end": 5, "text": "Poland"},
        {"id": "e4", "start": 6, "end": 7, "text": "Berlin"},
    ],
    "event_mentions": [
        {"event_type": "Transaction:Transfer-Ownership",
         "trigger": {"start": 1, "end": 2, "text": "sold"},
         "arguments": [{"entity_id": "e1", "role": "Seller", "text": "Germany"},
                       {"entity_id": "e2", "role": "Artifact", "text": "tanks"},
                       {"entity_id": "e3", "role": "Buyer", "text": "Poland"},
                       {"entity_id": "e4", "role": "Place", "text": "Berlin"}]},
    ],
}


def test_bundled_ace_mapping_skips_transfer_ownership(tmp_path: Path) -> None:
    result = read_ace_json(_jsonl(tmp_path / "t.jsonl", [TRANSFER_LINE]))
    assert result.documents[0].events == []
    assert result.report.unmapped_types == {"Transaction:Transfer-Ownership": 1}


def test_custom_mapping_extending_the_bundled_one(tmp_path: Path) -> None:
    custom = tmp_path / "arms.json"
    custom.write_text(json.dumps({
        "extends": "ace",
        "types": {"Transaction:Transfer-Ownership": {
            "type": "MILITARY_AID",
            "roles": {"Seller": "agent", "Buyer": "recipient", "Artifact": "item"},
        }},
    }))
    data = _jsonl(tmp_path / "t.jsonl", [TRANSFER_LINE, ACE_LINE_1])
    result = import_file(data, "ace", mapping=custom)
    _all_valid(result)
    aid = result.documents[0].events[0]
    assert aid.type == "MILITARY_AID"
    assert [(a.role, a.text) for a in aid.arguments] == [
        ("agent", "Germany"), ("item", "tanks"), ("recipient", "Poland")]
    # Place -> location comes from the bundled fallback, but MILITARY_AID has no location.
    assert result.report.unmapped_roles == {"Transaction:Transfer-Ownership/Place": 1}
    # The bundled entries are kept.
    assert result.documents[1].events[0].type == "ATTACK"


def test_custom_mapping_replacing_the_bundled_one(tmp_path: Path) -> None:
    custom = tmp_path / "mine.json"
    custom.write_text(json.dumps({"types": {"conflict.attack": "ATTACK"}}))
    result = read_ace_json(_jsonl(tmp_path / "a.jsonl", [ACE_LINE_1, ACE_LINE_2]), custom)
    doc = result.documents[0]
    assert [e.type for e in doc.events] == ["ATTACK"]
    assert doc.events[0].arguments == []
    assert result.report.unmapped_roles == {
        "Conflict:Attack/Attacker": 1, "Conflict:Attack/Target": 1, "Conflict:Attack/Place": 1}
    assert result.report.unmapped_types == {"Life:Die": 1, "Justice:Arrest-Jail": 1}


def test_bad_mapping_files_are_refused(tmp_path: Path) -> None:
    bad_type = tmp_path / "bad_type.json"
    bad_type.write_text(json.dumps({"types": {"Conflict:Attack": {"type": "BOMBING"}}}))
    with pytest.raises(InputError, match="unknown event type 'BOMBING'"):
        load_mapping(bad_type, "ace")
    bad_role = tmp_path / "bad_role.json"
    bad_role.write_text(json.dumps(
        {"types": {"Conflict:Attack": {"type": "ATTACK", "roles": {"Victim": "victim"}}}}))
    with pytest.raises(InputError, match="role 'victim' is not allowed for ATTACK"):
        load_mapping(bad_role, "ace")
    not_json = tmp_path / "nope.json"
    not_json.write_text("{types")
    with pytest.raises(InputError, match=f"{not_json}:1: mapping is not valid JSON"):
        load_mapping(not_json, "ace")


def test_bundled_mappings_fit_the_ontology() -> None:
    for fmt in ("ace", "maven", "brat"):
        mapping = load_mapping(None, fmt)
        assert mapping.types
    ace = load_mapping(None, "ace")
    assert ace.map_type("Conflict:Attack") == "ATTACK"
    assert ace.map_type("conflict.attack") == "ATTACK"
    assert ace.map_role("Movement:Transport", "DEPLOYMENT", "Destination") == "location"
    assert ace.map_role("Movement:Transport", "DEPLOYMENT", "Artifact") == "forces"
    assert ace.map_role("Contact:Meet", "MEETING", "Entity") == "participant"
    assert ace.map_role("Conflict:Attack", "ATTACK", "Time-Within") == "time"
    assert ace.map_role("Conflict:Attack", "ATTACK", "Time-Before") is None
    assert ace.map_type("Justice:Sentence") is None
    maven = load_mapping(None, "maven")
    assert maven.map_type("Military_operation") == "ATTACK"
    assert maven.map_type("Sending") is None
    assert maven.map_role("Come_together", "MEETING", "Party_2") == "participant"


# --------------------------------------------------------------------------------------------
# MAVEN
# --------------------------------------------------------------------------------------------

MAVEN_DOC = {
    "id": "m1",
    "title": "Battle report",
    "content": [
        {"sentence": "Troops attacked the town of Bakhmut, officials said.",
         "tokens": ["Troops", "attacked", "the", "town", "of", "Bakhmut", ",", "officials",
                    "said", "."]},
        {"sentence": 'He warned "no jets crossed" the border.',
         "tokens": ["He", "warned", "``", "no", "jets", "crossed", "''", "the", "border", "."]},
    ],
    "events": [
        {"id": "ev1", "type": "Attack", "mention": [{
            "id": "m-a", "trigger_word": "attacked", "sent_id": 0, "offset": [1, 2],
            "arguments": {
                "Attacker": [{"content": "Troops", "sent_id": 0, "offset": [0, 1]}],
                "Target": [{"content": "the town of Bakhmut", "sent_id": 0, "offset": [2, 6]}],
                "Purpose": [{"content": "Bakhmut", "sent_id": 0, "offset": [5, 6]}],
            }}]},
        {"id": "ev2", "type": "Statement", "mention": [
            {"id": "m-s1", "trigger_word": "said", "sent_id": 0, "offset": [8, 9]},
            {"id": "m-s2", "trigger_word": "warned", "sent_id": 1, "offset": [1, 2],
             "arguments": {"Speaker": [{"content": "He", "sent_id": 1, "offset": [0, 1]}],
                           "Message": [{"content": "`` no jets crossed ''", "sent_id": 1,
                                        "offset": [2, 7]}]}},
        ]},
        {"id": "ev3", "type": "Hostile_encounter", "mention": [
            {"id": "m-h", "trigger_word": "crossed", "sent_id": 1, "offset": [5, 6]}]},
    ],
    "negative_triggers": [{"id": "n1", "trigger_word": "town", "sent_id": 0, "offset": [3, 4]}],
}

MAVEN_ARG_TEXT = ("Drones struck a depot . Two guards were killed there . "
                  "The army said the strike was aimed at fuel .")


def _at(phrase: str) -> list[int]:
    start = MAVEN_ARG_TEXT.index(phrase)
    return [start, start + len(phrase)]


MAVEN_ARG_DOC = {
    "id": "m2",
    "title": "Depot",
    "document": MAVEN_ARG_TEXT,
    "events": [
        {"id": "EV1", "type": "Attack",
         "mention": [{"id": "x1", "trigger_word": "struck", "offset": _at("struck")},
                     {"id": "x2", "trigger_word": "strike", "offset": _at("strike")}],
         "argument": {"Attacker": [{"content": "Drones", "offset": _at("Drones")}],
                      "Target": [{"entity_id": "ENT1"}]}},
        {"id": "EV2", "type": "Killing",
         "mention": [{"id": "x3", "trigger_word": "killed", "offset": _at("killed")}],
         "argument": {"Victim": [{"content": "Two guards", "offset": _at("Two guards")}]}},
    ],
    "entities": [{"id": "ENT1", "type": "Facility",
                  "mention": [{"id": "em1", "mention": "a depot", "offset": _at("a depot")},
                              {"id": "em2", "mention": "fuel", "offset": _at("fuel")}]}],
}


def test_align_tokens_handles_glued_punctuation_and_ptb_quotes() -> None:
    sentence = 'He warned "no jets crossed" the border.'
    tokens = ["He", "warned", "``", "no", "jets", "crossed", "''", "the", "border", "."]
    spans = align_tokens(sentence, tokens)
    assert [sentence[s:e] for s, e in spans] == [
        "He", "warned", '"', "no", "jets", "crossed", '"', "the", "border", "."]
    assert align_tokens("a b", ["a", "zz", "b"]) == [(0, 1), None, (2, 3)]
    typographic = "It\u2019s 5 km\u2014far, isn\u2019t it?"
    tokens = ["It", "'s", "5", "km", "--", "far", ",", "is", "n't", "it", "?"]
    found = [typographic[s:e] for s, e in align_tokens(typographic, tokens)]
    assert found == ["It", "\u2019s", "5", "km", "\u2014", "far", ",", "is", "n\u2019t", "it", "?"]


def test_maven_token_offsets_become_exact_character_offsets(tmp_path: Path) -> None:
    result = read_maven_jsonl(_jsonl(tmp_path / "maven.jsonl", [MAVEN_DOC]))
    _all_valid(result)
    doc = result.documents[0]
    assert doc.title == "Battle report"
    assert doc.meta["origin"] == "import:maven"
    assert doc.text == ('Troops attacked the town of Bakhmut, officials said.\n'
                        'He warned "no jets crossed" the border.')
    assert [(e.id, e.type, e.trigger.text, e.trigger.start) for e in doc.events] == [
        ("m1-e1", "ATTACK", "attacked", 7),
        ("m1-e2", "STATEMENT", "said", 47),
        ("m1-e3", "STATEMENT", "warned", 56),
    ]
    attack = doc.events[0]
    assert [(a.role, a.text, a.start, a.end) for a in attack.arguments] == [
        ("agent", "Troops", 0, 6), ("target", "the town of Bakhmut", 16, 35)]
    assert [(a.role, a.text) for a in doc.events[2].arguments] == [("speaker", "He")]
    assert [e.sentence for e in doc.events] == [0, 0, 1]
    report = result.report
    assert report.unmapped_types == {"Hostile_encounter": 1}
    assert report.unmapped_roles == {"Attack/Purpose": 1, "Statement/Message": 1}
    assert (report.events, report.arguments, report.rejected) == (3, 3, 0)
    as_json = json.loads(json.dumps(report.to_dict()))
    assert as_json["unmapped_types"] == {"Hostile_encounter": 1}
    assert as_json["mapping"] == "maven v1"


def test_maven_arg_document_level_arguments_go_to_the_nearest_mention(tmp_path: Path) -> None:
    result = read_maven_jsonl(_jsonl(tmp_path / "arg.jsonl", [MAVEN_ARG_DOC]))
    _all_valid(result)
    doc = result.documents[0]
    events = {e.trigger.text: e for e in doc.events}
    assert [e.trigger.text for e in doc.events] == ["struck", "killed", "strike"]
    assert [(a.role, a.text, a.start) for a in events["struck"].arguments] == [
        ("agent", "Drones", 0), ("target", "a depot", 14)]
    # The entity's other mention ("fuel") is nearer the second mention, but an event-level
    # argument is given once, to the single nearest (mention, entity mention) pair.
    assert events["strike"].arguments == []
    assert [(a.role, a.text) for a in events["killed"].arguments] == [("victim", "Two guards")]
    assert events["killed"].type == "CASUALTIES"


def test_maven_malformed_records_are_reported(tmp_path: Path) -> None:
    broken = json.loads(json.dumps(MAVEN_DOC))
    broken["id"] = "m3"
    broken["events"][0]["mention"][0]["offset"] = [1, 99]
    broken["events"][1]["mention"][0]["trigger_word"] = "told"
    broken["events"][1]["mention"][1]["sent_id"] = 7
    path = _jsonl(tmp_path / "bad.jsonl", [
        {"title": "no id", "content": []},
        broken,
        "not json at all",
        {"id": "m4", "title": "no text"},
    ])
    result = read_maven_jsonl(path)
    _all_valid(result)
    where = [(r.where, r.reason) for r in result.report.rejects]
    assert (f"{path}:1", "missing field 'id'") in where
    reasons_2 = [r for w, r in where if w == f"{path}:2"]
    assert any("events[0].mention[0]: token span 1-99 out of range (sentence 0 has 10 tokens"
               in r for r in reasons_2)
    assert any("events[1].mention[0]: text 'told' does not match" in r for r in reasons_2)
    assert any("events[1].mention[1]: sent_id 7 out of range (2 sentences)" in r
               for r in reasons_2)
    assert any(w == f"{path}:3" and r.startswith("bad JSON") for w, r in where)
    assert (f"{path}:4", "missing field 'content' (or MAVEN-ARG 'document')") in where
    assert [d.id for d in result.documents] == ["m3"]
    assert result.documents[0].events == []


# --------------------------------------------------------------------------------------------
# BRAT
# --------------------------------------------------------------------------------------------

BRAT_TEXT = ("Russian jets struck Kharkiv on Monday. Officials said they might attack again.\n"
             "NATO and Kyiv did not meet in Brussels.")


def _t(tid: str, label: str, phrase: str, nth: int = 0) -> str:
    start = -1
    for _ in range(nth + 1):
        start = BRAT_TEXT.index(phrase, start + 1)
    return f"{tid}\t{label} {start} {start + len(phrase)}\t{phrase}"


def _brat_files(tmp_path: Path) -> Path:
    ann = [
        _t("T1", "Attack", "struck"),
        _t("T2", "Entity", "Russian jets"),
        _t("T3", "Entity", "Kharkiv"),
        _t("T4", "Time", "on Monday"),
        _t("T5", "STATEMENT", "said"),
        _t("T6", "Entity", "Officials"),
        _t("T7", "ATTACK", "attack"),
        _t("T8", "Entity", "they"),
        _t("T9", "Meet", "meet"),
        _t("T10", "Entity", "NATO"),
        _t("T11", "Entity", "Kyiv"),
        _t("T12", "Entity", "Brussels"),
        "E1\tAttack:T1 Attacker:T2 Target:T3 Time:T4",
        "E2\tSTATEMENT:T5 speaker:T6",
        "E3\tATTACK:T7 agent:T8",
        "E4\tMeet:T9 Entity:T10 Entity2:T11 Place:T12 Duration:T4",
        "E5\tDemonstrate:T1",
        "A1\tHypothetical E3",
        "A2\tNegation E4",
        "A3\tUncertainty T5",
        "R1\tSame Arg1:T2 Arg2:T8",
        "#1\tAnnotatorNotes T1\tcheck",
        "T13\tEntity 0 7\tRussia",
        "E6\tATTACK:T1 agent:T13",
        "E7\tATTACK",
        "T14\tEntity 0 7;13 19\tRussian struck",
        "T15\tEntity 10 2000\tx",
        "A4\tNegation E99",
    ]
    tmp_path.mkdir(parents=True, exist_ok=True)
    (tmp_path / "doc1.txt").write_text(BRAT_TEXT, encoding="utf-8")
    (tmp_path / "doc1.ann").write_text("\n".join(ann) + "\n", encoding="utf-8")
    return tmp_path / "doc1.ann"


def test_brat_offsets_types_roles_and_attributes(tmp_path: Path) -> None:
    ann = _brat_files(tmp_path)
    result = read_brat(ann)
    _all_valid(result)
    doc = result.documents[0]
    assert doc.id == "doc1" and doc.text == BRAT_TEXT and doc.meta["origin"] == "import:brat"
    summary = [(e.id, e.type, e.trigger.text, e.polarity, e.modality) for e in doc.events]
    assert summary == [
        ("doc1-e1", "ATTACK", "struck", "positive", "asserted"),
        ("doc1-e2", "STATEMENT", "said", "positive", "hedged"),
        ("doc1-e3", "ATTACK", "attack", "positive", "hypothetical"),
        ("doc1-e4", "MEETING", "meet", "negative", "asserted"),
        ("doc1-e5", "ATTACK", "struck", "positive", "asserted"),
    ]
    e1, _, _, e4, e6 = doc.events
    assert e1.trigger.start == BRAT_TEXT.index("struck")
    assert [(a.role, a.text) for a in e1.arguments] == [
        ("agent", "Russian jets"), ("target", "Kharkiv"), ("time", "on Monday")]
    assert [(a.role, a.text) for a in e4.arguments] == [
        ("participant", "NATO"), ("participant", "Kyiv"), ("location", "Brussels")]
    assert e4.sentence == 2
    assert e6.arguments == []  # its argument T13 quotes the wrong text

    report = result.report
    assert report.unmapped_types == {"Demonstrate": 1}
    assert report.unmapped_roles == {"Meet/Duration": 1}
    assert report.ignored == {"brat relations": 1, "brat notes": 1}
    rejects = {r.where: r.reason for r in report.rejects}
    lines = {i + 1: line for i, line in enumerate(ann.read_text().splitlines())}
    assert len(lines) == 28
    assert "T13: text 'Russia' does not match the .txt at 0 7 ('Russian')" in rejects[f"{ann}:23"]
    assert rejects[f"{ann}:24"] == "E6: argument agent T13 was rejected (line 23)"
    assert "E7: expected" in rejects[f"{ann}:25"]
    assert "run past the text" in rejects[f"{ann}:27"]
    assert "points to E99" in rejects[f"{ann}:28"]
    assert [w.where for w in report.warnings] == [f"{ann}:26"]
    assert "discontinuous span 0 7;13 19: kept the first fragment 0-7" in report.warnings[0].reason


def test_brat_directory_and_line_break_fragments(tmp_path: Path) -> None:
    text = "Jets\nstruck the depot."
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    (tmp_path / "a.ann").write_text(
        "T1\tATTACK 5 11\tstruck\nT2\tEntity 0 4;5 11\tJets struck\nE1\tATTACK:T1 agent:T2\n",
        encoding="utf-8")
    (tmp_path / "orphan.ann").write_text("", encoding="utf-8")
    result = import_file(tmp_path, "brat")
    _all_valid(result)
    assert [d.id for d in result.documents] == ["a"]
    arg = result.documents[0].events[0].arguments[0]
    assert (arg.start, arg.end, arg.text) == (0, 11, "Jets\nstruck")
    assert result.report.warnings == []
    assert [r.reason for r in result.report.rejects] == ["no matching text file orphan.txt"]


def _document() -> Document:
    text = ("Belarus has not sent troops to the border. Minsk and Moscow may sign a deal.\n"
            "The ministry said drones\nstruck Kyiv.")
    sentences = split_sentences(text)

    def span(phrase: str, nth: int = 0) -> tuple[int, int]:
        start = -1
        for _ in range(nth + 1):
            start = text.index(phrase, start + 1)
        return start, start + len(phrase)

    def arg(role: str, phrase: str) -> Argument:
        s, e = span(phrase)
        return Argument(role=role, text=phrase, start=s, end=e)

    def event(n: int, etype: str, trigger: str, args: list[Argument], **kw: object) -> Event:
        s, e = span(trigger)
        return Event(id=f"rt-e{n}", type=etype, trigger=Span(text=trigger, start=s, end=e),
                     arguments=args, sentence=sentence_index(sentences, s), **kw)

    events = [
        event(1, "DEPLOYMENT", "sent", [arg("agent", "Belarus"), arg("forces", "troops"),
                                        arg("location", "the border")], polarity="negative"),
        event(2, "AGREEMENT", "sign", [arg("participant", "Minsk"), arg("participant", "Moscow")],
              modality="hypothetical"),
        event(3, "STATEMENT", "said", [arg("speaker", "The ministry")], optional=True),
        event(4, "ATTACK", "struck", [arg("instrument", "drones"), arg("target", "Kyiv")],
              modality="hedged"),
        event(5, "ATTACK", "drones\nstruck", [arg("target", "Kyiv")]),
    ]
    return Document(id="rt", text=text, sentences=sentences, events=events)


def test_brat_round_trip(tmp_path: Path) -> None:
    doc = _document()
    txt, ann = write_brat(doc, tmp_path / "out")
    assert txt.read_text(encoding="utf-8") == doc.text
    written = ann.read_text(encoding="utf-8")
    assert "participant2:" in written and "Negation E1" in written
    assert "Hypothetical E2" in written and "Speculation E4" in written
    assert "Optional E3" in written
    again = read_brat(ann)
    _all_valid(again)
    assert again.report.rejects == [] and again.report.unmapped_roles == {}
    back = again.documents[0]
    assert back.text == doc.text
    assert back.sentences == doc.sentences
    assert back.events == doc.events
    # And once more through BRAT: stable.
    write_brat(back, tmp_path / "again")
    assert (tmp_path / "again" / "rt.ann").read_text(encoding="utf-8") == written


def test_brat_round_trip_of_an_imported_document(tmp_path: Path) -> None:
    first = read_brat(_brat_files(tmp_path / "in")).documents[0]
    _, ann = write_brat(first, tmp_path / "out")
    second = read_brat(ann)
    assert second.report.rejects == []
    assert second.documents[0].events == first.events


def test_brat_missing_pair_is_an_input_error(tmp_path: Path) -> None:
    (tmp_path / "lonely.txt").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match="lonely.ann: no such file"):
        read_brat(tmp_path / "lonely.txt")
