"""Place resolution: gazetteer entries, disambiguation by the document, places the gazetteer lacks,
and what refers back."""

from __future__ import annotations

import json

import pytest

from eventx.places import Gazetteer, PlaceResolver
from eventx.records import Place
from eventx.text import split_sentences


@pytest.fixture(scope="module")
def resolver() -> PlaceResolver:
    return PlaceResolver(Gazetteer(min_city_population=15000))


def resolve(resolver: PlaceResolver, text: str, *mentions: str) -> list[Place | None]:
    spans = []
    for m in mentions:
        start = text.index(m)
        spans.append((start, start + len(m)))
    return resolver.resolve_document(text, spans, split_sentences(text))


def test_country_airspace_and_demonyms(resolver: PlaceResolver) -> None:
    text = "A Russian A-50 flew into Belarus' airspace, then over Estonian airspace and Polish territory."
    belarus, estonia, poland = resolve(resolver, text, "Belarus' airspace", "Estonian airspace", "Polish territory")
    assert (belarus.name, belarus.kind, belarus.country, belarus.geonames_id) == ("Belarus", "airspace", "BY", 630336)
    assert (estonia.country, estonia.kind) == ("EE", "airspace")
    assert (poland.country, poland.kind) == ("PL", "country")


def test_region_alias_and_city_region(resolver: PlaceResolver) -> None:
    text = "Trucks left Mozyr for an airfield in the Gomel region."
    mozyr, gomel = resolve(resolver, text, "Mozyr", "the Gomel region")
    assert (gomel.name, gomel.kind, gomel.country, gomel.region) == ("Gomel Oblast", "region", "BY", "Gomel Oblast")
    assert (mozyr.country, mozyr.region, mozyr.kind) == ("BY", "Gomel Oblast", "city")
    assert mozyr.geonames_id == 625324 and mozyr.latitude is not None


def test_unknown_airfield_takes_country_and_region_from_context(resolver: PlaceResolver) -> None:
    text = ("Belarus gave Russia control of the Zyabrovka airfield in the Gomel region, an official said. "
            "Engineers are now working at the airfield.")
    airfield, anaphor = resolve(resolver, text, "the Zyabrovka airfield", "the airfield")
    assert (airfield.name, airfield.kind, airfield.country, airfield.region) == (
        "Zyabrovka airfield", "airfield", "BY", "Gomel Oblast")
    assert airfield.geonames_id is None and airfield.confidence < 1
    assert (anaphor.name, anaphor.country, anaphor.region) == ("Zyabrovka airfield", "BY", "Gomel Oblast")


def test_unknown_airfield_in_the_next_sentence_context(resolver: PlaceResolver) -> None:
    text = "Satellite images show new hangars at Hmeimim air base. Russian jets there struck Idlib province."
    (base,) = resolve(resolver, text, "Hmeimim air base")
    assert base.kind == "airfield" and base.country == "SY"


def test_same_name_resolved_by_the_other_places_of_the_document(resolver: PlaceResolver) -> None:
    (lebanon,) = resolve(resolver, "Clashes broke out in Tripoli, and the army sent troops from Beirut.", "Tripoli")
    (libya,) = resolve(resolver, "Libyan forces in Tripoli shot down a drone over Misrata.", "Tripoli")
    assert lebanon.country == "LB" and libya.country == "LY"
    (texas,) = resolve(resolver, "A jet from the Texas Air National Guard landed near Odessa.", "Odessa")
    (ukraine,) = resolve(resolver, "Russian missiles struck Odessa and Mykolaiv overnight.", "Odessa")
    assert texas.country == "US" and texas.region == "Texas"
    assert ukraine.country == "UA"


def test_qualified_names_and_us_states(resolver: PlaceResolver) -> None:
    (fl,) = resolve(resolver, "The cutter returned to St. Petersburg, Florida, on Monday.", "St. Petersburg, Florida")
    (ru,) = resolve(resolver, "Prosecutors in St Petersburg opened a case.", "St Petersburg")
    assert (fl.country, fl.region) == ("US", "Florida")
    assert ru.country == "RU"
    georgia_state, atlanta = resolve(resolver, "Guard troops from Georgia left Atlanta for Poland.", "Georgia", "Atlanta")
    assert (georgia_state.kind, georgia_state.country) == ("region", "US") and atlanta.region == "Georgia"
    (georgia,) = resolve(resolver, "Russian troops moved deeper into Georgia, officials in Tbilisi said.", "Georgia")
    assert (georgia.kind, georgia.country) == ("country", "GE")


def test_seas_anaphora_and_words_that_are_not_places(resolver: PlaceResolver) -> None:
    text = "North Korea fired a missile off its east coast into the Sea of Japan, far from here."
    coast, sea, here = resolve(resolver, text, "its east coast", "the Sea of Japan", "here")
    assert (sea.name, sea.kind, sea.country) == ("Sea of Japan", "sea", None)
    assert (coast.country, coast.kind) == ("KP", "coast")
    assert here is None


def test_user_place_file_adds_aliases(tmp_path, monkeypatch) -> None:
    extra = tmp_path / "places.json"
    extra.write_text(json.dumps({"features": [{"name": "Zyabrovka airfield", "kind": "airfield", "aliases":
                                               ["Zyabrovka air base"], "country": "BY", "region": "Gomel Oblast"}]}))
    monkeypatch.setenv("EVENTX_PLACES", str(extra))
    gaz = Gazetteer(min_city_population=15000)
    entries = gaz.lookup("Zyabrovka air base")
    assert [(e.name, e.kind, e.country) for e, _ in entries] == [("Zyabrovka airfield", "airfield", "BY")]


def test_a_us_state_beats_a_small_town_of_its_name_and_downtown_is_the_city() -> None:
    resolver = PlaceResolver(Gazetteer(min_city_population=5000))  # holds the towns Indiana and Virginia
    text = "The cult leader was born in Indiana and later moved to Virginia. Protesters marched in downtown Chicago."
    indiana, virginia, chicago = resolve(resolver, text, "Indiana", "Virginia", "downtown Chicago")
    assert (indiana.kind, indiana.name) == ("region", "Indiana") and (virginia.kind, virginia.name) == ("region", "Virginia")
    assert (chicago.name, chicago.kind, chicago.country) == ("Chicago", "city", "US")
