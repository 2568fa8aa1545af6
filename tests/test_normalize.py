"""The Normalizer on gold-like arguments, the pipeline wiring, and the seed article."""

from __future__ import annotations

import re

import pytest

import eventx
from eventx.normalize import Normalizer
from eventx.records import Argument, Document, Event, Span
from eventx.text import split_sentences

TEXT = (
    "Belarus has given Russia full control of the Zyabrovka airfield in the Gomel region, a top Ukrainian "
    "official said last week. "
    "The Hajun Project, a Belarusian monitoring group, said Monday that a Russian A-50 aircraft flew into "
    "Belarus' airspace. "
    "The group added that it had seen new fuel tanks at the airfield, and the Institute for the Study of War "
    "said the think tank expected more flights."
)


def _span(text: str, needle: str, nth: int = 0) -> tuple[int, int]:
    start = [m.start() for m in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)][nth]
    return start, start + len(needle)


def _event(text: str, eid: str, etype: str, trigger: str, sentence: int, *args: tuple[str, str],
           nth: int = 0, modality: str = "asserted") -> Event:
    s, e = _span(text, trigger, nth)
    arguments = []
    for role, needle in args:
        a0, a1 = _span(text, needle)
        arguments.append(Argument(role=role, text=text[a0:a1], start=a0, end=a1))
    return Event(id=eid, type=etype, trigger=Span(text=text[s:e], start=s, end=e), arguments=arguments,
                 sentence=sentence, modality=modality)


def _doc(published: str | None = "2022-07-12") -> Document:
    events = [
        _event(TEXT, "e1", "MILITARY_ACCESS", "given", 0, ("agent", "Belarus"), ("recipient", "Russia"),
               ("facility", "the Zyabrovka airfield"), ("location", "the Gomel region")),
        _event(TEXT, "e2", "STATEMENT", "said", 0, ("speaker", "a top Ukrainian official"), ("time", "last week")),
        _event(TEXT, "e3", "STATEMENT", "said", 1, ("speaker", "The Hajun Project"), nth=1),
        _event(TEXT, "e4", "AIRSPACE_INCURSION", "flew", 1, ("aircraft", "a Russian A-50 aircraft"),
               ("location", "Belarus' airspace")),
        _event(TEXT, "e5", "STATEMENT", "added", 2, ("speaker", "The group")),
        _event(TEXT, "e6", "BASE_EQUIPPING", "seen", 2, ("agent", "it"), ("facility", "the airfield")),
        _event(TEXT, "e7", "STATEMENT", "said", 2, ("speaker", "the Institute for the Study of War"), nth=2),
        _event(TEXT, "e8", "STATEMENT", "expected", 2, ("speaker", "the think tank")),
    ]
    return Document(id="d", text=TEXT, published=published, sentences=split_sentences(TEXT), events=events)


@pytest.fixture(scope="module")
def normalizer() -> Normalizer:
    return Normalizer(min_city_population=15000)


@pytest.fixture(scope="module")
def nlp():  # noqa: ANN201 - one baseline pipeline (and one gazetteer load) for the module
    return eventx.load("baseline")


def test_times_from_argument_reporting_clause_and_its_reported_event(normalizer: Normalizer) -> None:
    doc = normalizer(_doc())
    e = {ev.id: ev for ev in doc.events}
    assert (e["e2"].time.value, e["e2"].time.source) == ("2022-W27", "argument")
    # "said Monday" dates the statement, and what it reports
    assert (e["e3"].time.value, e["e3"].time.granularity, e["e3"].time.source) == ("2022-07-11", "day",
                                                                                   "reporting_clause")
    assert (e["e4"].time.value, e["e4"].time.source) == ("2022-07-11", "reporting_clause")
    # the access was granted "last week" according to a dated statement of its sentence
    assert (e["e1"].time.value, e["e1"].time.source) == ("2022-W27", "reporting_clause")
    assert e["e5"].time is None and e["e6"].time is None


def test_without_publication_date_relative_times_stay_unresolved(normalizer: Normalizer) -> None:
    doc = normalizer(_doc(published=None))
    e2 = doc.events[1]
    assert e2.time is not None and e2.time.value is None and "no publication date" in e2.time.note


def test_locations_from_location_then_facility(normalizer: Normalizer) -> None:
    doc = normalizer(_doc())
    e = {ev.id: ev for ev in doc.events}
    gomel = e["e1"].location
    assert (gomel.name, gomel.kind, gomel.country, gomel.region) == ("Gomel Oblast", "region", "BY", "Gomel Oblast")
    assert (e["e4"].location.name, e["e4"].location.kind, e["e4"].location.country) == ("Belarus", "airspace", "BY")
    airfield = e["e6"].location  # only a facility: "the airfield" refers back to Zyabrovka
    assert (airfield.name, airfield.country, airfield.region) == ("Zyabrovka airfield", "BY", "Gomel Oblast")
    facility_arg = e["e1"].args("facility")[0]
    assert facility_arg.entity.kind == "place" and facility_arg.entity.country == "BLR"


def test_entities_are_one_actor_across_events(normalizer: Normalizer) -> None:
    doc = normalizer(_doc())
    e = {ev.id: ev for ev in doc.events}

    def ent(eid: str, role: str):  # noqa: ANN202
        return e[eid].args(role)[0].entity

    assert (ent("e1", "agent").name, ent("e1", "agent").kind) == ("Belarus", "state")
    assert (ent("e2", "speaker").name, ent("e2", "speaker").country) == ("Government of Ukraine", "UKR")
    hajun = ent("e3", "speaker")
    assert hajun.name == "Hajun Project" and ent("e5", "speaker").id == hajun.id == ent("e6", "agent").id
    isw = ent("e7", "speaker")
    assert isw.kind == "think_tank" and ent("e8", "speaker").id == isw.id != hajun.id
    assert e["e4"].args("aircraft")[0].entity is None  # not an actor-like role


def test_pipeline_fills_time_location_and_entities() -> None:
    nlp = eventx.load("baseline")
    assert nlp.normalizer is not None and not nlp.normalizer.gazetteer._loaded  # nothing loaded yet
    nlp.normalizer = Normalizer(min_city_population=15000)
    doc = nlp("Two Russian Su-27 jets entered Estonian airspace near Vaindloo island on Monday, the Estonian "
              "military said.", published="2023-03-14")
    incursion = next(ev for ev in doc.events if ev.type == "AIRSPACE_INCURSION")
    assert incursion.time.value == "2023-03-13"
    assert incursion.location.country == "EE"  # an island the gazetteer lacks, placed by its document
    agent = incursion.args("agent")
    assert agent and agent[0].entity is not None and agent[0].entity.country == "RUS"
    nlp.normalizer = None  # a user may switch normalisation off
    raw = nlp("Two Russian Su-27 jets entered Estonian airspace on Monday.", published="2023-03-14")
    assert all(ev.location is None and ev.time is None for ev in raw.events)


def test_seed_article(seed_article, nlp) -> None:  # noqa: ANN001
    text = seed_article.read_text(encoding="utf-8")
    doc = nlp(text, published="2022-07-12")

    def event_at(offset: int) -> Event:
        return next(ev for ev in doc.events if ev.trigger.start == offset)

    hajun = event_at(text.index("said Monday"))
    assert hajun.time.value == "2022-07-11"
    address = event_at(text.index("said during a video address"))
    assert (address.time.value, address.time.mod) == ("2022-06", "LATE")
    official = event_at(text.index("said last week"))
    assert official.time.value == "2022-W27"
    invasion = event_at(text.index("invasion"))
    assert (invasion.time.value, invasion.time.mod) == ("2022-02", "LATE")
    assert any(ev.location and ev.location.country == "BY" and ev.location.region == "Gomel Oblast"
               for ev in doc.events)
    isw = [a.entity for ev in doc.events for a in ev.args("speaker")
           if a.entity and a.entity.name == "Institute for the Study of War"]
    assert len(isw) >= 4 and len({x.id for x in isw}) == 1


def test_every_dev_document_normalises_without_errors(normalizer: Normalizer, caplog) -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "dev.jsonl"
    if not path.exists():
        pytest.skip("corpus/gold/dev.jsonl is not present")
    with caplog.at_level("ERROR", logger="eventx.normalize"):
        docs = [normalizer(Document.model_validate_json(line)) for line in path.read_text().splitlines()]
    assert not caplog.records
    located = sum(ev.location is not None for d in docs for ev in d.events)
    identified = sum(a.entity is not None for d in docs for ev in d.events for a in ev.args("speaker"))
    assert located > 100 and identified > 100
