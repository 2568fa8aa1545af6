"""Actor mentions to canonical actors: "Lukashenko", "Belarusian President Alexander Lukashenko" and
"he" are one person; "the think tank", "ISW" and "the Institute for the Study of War" one think
tank; "Russian forces" the military of RUS; "Moscow" as a speaker the government of RUS.

An actor comes, in order, from: a pronoun's antecedent; the actor dictionary
(`eventx/data/actors.json`, extensible with the user's own files); a person's name after its
titles; a country, capital or demonym with a head noun ("the Russian defence ministry" ->
Ministry of Defence of Russia); a nominal that refers back ("the ministry", "the Chinese leader");
a capitalised organisation name; else the mention itself with kind "unknown". Canonical names of
country institutions are generated: "Government of X", "Armed Forces of X", "Ministry of Defence
of X", with overrides in the dictionary ("People's Liberation Army"). Mentions of one document are
resolved together, in text order, so that later mentions can refer back; `Entity.id` is the same
for every mention of one actor in a document.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from eventx.memo import Memo
from eventx.places import Gazetteer, _env_files, key
from eventx.records import Entity, Sentence
from eventx.timex import find_times

DATA = Path(__file__).resolve().parent / "data" / "actors.json"

ACTOR_ROLES = ("agent", "speaker", "participant", "recipient", "addressee", "victim", "target")

_JUNK_LEADING = re.compile(r"^(?:(?:as|but|while|though|although|and|so|also|then|yet|meanwhile|however|"
                           r"according to|said|says|in|on|at(?!\s+least)|by|with|from|for|of|to|after|before|when|because|if|"
                           r"separately|later|earlier|instead|still)\s+)+", re.IGNORECASE)
_DETERMINER = re.compile(r"^(?:(?:a|one|\d[\d.]*)\s+(?:million|thousand|hundred)|a number of|a group of|a team of|"
                         r"a pair of|a dozen|the|a|an|this|that|these|those|"
                         r"some|several|many|most|all|both|two|three|four|five|"
                         r"six|seven|eight|nine|ten|eleven|twelve|dozens of|hundreds of|thousands of|scores of|"
                         r"at least|more than|about|around|nearly|some|"
                         r"dozen|dozens|hundreds|of (?:his|her|their|its|the)|remaining|one|\d[\d,.]*)\s+",
                         re.IGNORECASE)
_PRONOUNS = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f", "it": "it", "its": "it",
             "they": "pl", "them": "pl", "their": "pl", "we": "we", "our": "we", "us": "we", "i": "i"}
_TITLE_WORDS = {
    "president", "vice", "prime", "minister", "premier", "deputy", "foreign", "defence", "defense", "interior",
    "secretary", "general", "secretary-general", "chancellor", "chief", "chiefs", "commander", "commander-in-chief",
    "spokesman", "spokeswoman", "spokesperson", "governor", "mayor", "ambassador", "envoy", "leader", "opposition",
    "supreme", "king", "queen", "prince", "crown", "emir", "sheikh", "ayatollah", "pope", "senator", "sen",
    "representative", "rep", "lawmaker", "mp", "analyst", "researcher", "expert", "official", "head", "director",
    "chairman", "chairwoman", "chair", "founder", "editor", "correspondent", "mr", "mrs", "ms", "dr", "prof",
    "professor", "colonel", "col", "lt", "lieutenant", "major", "maj", "gen", "brigadier", "captain", "capt",
    "admiral", "adm", "marshal", "field", "sergeant", "sgt", "private", "cabinet", "national", "security",
    "adviser", "advisor", "press", "counterpart", "state", "navy", "army", "military", "kremlin", "ministry",
    "russian-installed", "moscow-installed", "russian-appointed", "acting", "former", "top", "senior", "new",
    "group's", "his", "her", "its", "their", "the", "a", "an", "of", "for", "at", "regional", "local", "veteran",
    "team", "co-founder", "executive", "officer", "pilot", "soldier", "diplomat", "journalist", "reporter",
    "president-elect", "junta", "dictator", "strongman", "warlord", "rebel", "militia", "mercenary", "coordinator",
    "undersecretary", "under", "assistant", "special", "high", "commissioner", "inspector", "charge", "d'affaires",
    "chargé", "human", "rights", "commodore", "superintendent", "detective", "constable", "corporal", "cpl",
    "warrant", "ensign", "rear", "wing", "squadron", "judge", "justice", "bishop", "archbishop", "imam", "cleric",
    "sheriff", "attorney", "prosecutor", "speaker", "police", "information", "health", "energy", "finance",
    "economy", "education", "transport", "agriculture", "trade", "culture",
}
_ORG_WORDS = {
    "institute", "institution", "center", "centre", "council", "foundation", "project", "group", "agency",
    "service", "services", "command", "forces", "force", "army", "party", "front", "movement", "committee",
    "organization", "organisation", "union", "association", "network", "observatory", "news", "times", "post",
    "herald", "journal", "tv", "radio", "broadcasting", "independent", "pravda", "express", "ministry",
    "department", "office", "staff", "guard", "guards", "corps", "brigade", "battalion", "regiment", "division",
    "fleet", "navy", "studies", "university", "school", "academy", "bank", "company", "corporation", "inc",
    "ltd", "airlines", "airways", "authority", "administration", "commission", "court", "assembly", "parliament",
    "government", "police", "directorate", "bureau", "fund", "program", "programme", "alliance", "coalition",
    "militia", "watch", "monitor", "initiative", "media", "press", "television", "daily", "gazette", "review",
    "tribune", "telegraph", "mail", "magazine", "research", "analysis", "intelligence", "security", "defence",
    "defense", "affairs", "air", "embassy", "consulate", "mission", "headquarters", "hq", "society", "crescent",
    "cross", "rights", "federation", "league", "gang", "cartel", "unit",
}
# one person of no institution: "a Bangladeshi teenager" is a teenager
_PERSON_NOUNS = (r"boy|girl|man|woman|teenager|child|baby|toddler|student|farmer|fisherman|journalist|driver|worker|"
                 r"resident|civilian|national|citizen|tourist|migrant|refugee|doctor|nurse|teacher|shepherd|herder")
# words that make "Presidential Administration" any country's, where "Tigray Interim Administration" is one body
_GENERIC_GOVERNMENT = {"presidential", "regional", "military", "civil", "civilian", "state", "federal", "national",
                       "interim", "transitional", "central", "local", "provincial", "municipal", "city", "district",
                       "royal", "imperial", "new", "caretaker", "the", "government", "police", "security"}
# peoples and faiths: "Druze fighters" are fighters of a community, not a group called "Druze"
_COMMUNITIES = {
    "Druze", "Bedouin", "Kurdish", "Kurd", "Tuareg", "Fulani", "Hausa", "Pashtun", "Baloch", "Baluch", "Rohingya",
    "Uyghur", "Uighur", "Alawite", "Sunni", "Shia", "Shi'ite", "Shiite", "Christian", "Muslim", "Arab", "Yazidi",
    "Masalit", "Nuer", "Dinka", "Hutu", "Tutsi", "Banyamulenge", "Lendu", "Hema", "Zaghawa", "Tamil", "Sikh", "Hindu",
    "Buddhist", "Jewish", "Maasai", "Afar", "Karen", "Kachin", "Shan", "Chin", "Rakhine", "Moro", "Lumad", "Mapuche",
    "Wayuu", "Roma", "Ingush", "Cossack",
}
# armed men no state commands, named by what they fight for
_NON_STATE = re.compile(r"^(?:rebel|resistance|insurgent|opposition|separatist|jihadist|islamist|anti-[\w-]+|tribal|"
                        r"militia)\s+(?:fighters|forces|groups?|militias?|militants|units|gunmen)$|"
                        r"^armed\s+(?:groups?|gunmen|men)$", re.IGNORECASE)
# what may come before the subject of a clause
_CLAUSE_START = re.compile(r"(?:^|[,;:]\s*|,\s*(?:and|but)\s+|\b(?:that|while|whereas|as|after|before|because|when|"
                           r"where|although|though|if|since|until)\s+)$")
# "the Rapid Support Forces (RSF)": later "the RSF" is the same actor
_DEFINED_ACRONYM = re.compile(r"((?:[A-Z][\w'-]*|of|for|and|the|al-\w+|wal-\w+)(?:\s+(?:[A-Z][\w'-]*|of|for|and|the|"
                              r"al-\w+|wal-\w+)){0,8})\s+\(([A-Z][A-Za-z]{1,7})\)")
# "the monitoring group Airwars", "state news agency AZERTAC"
_APPOSED_NAME = re.compile(r"^(?:the\s+|an?\s+)?((?:[\w-]+\s+){0,3}(?:group|organi[sz]ation|monitor|watchdog|charity|"
                           r"network|think tank|broadcaster|television|tv|news agency|agency|newspaper|outlet|"
                           r"daily|airline|carrier|company|firm|operator|contractor))\s+([A-Z][\w'.-]*(?:\s+[A-Z][\w'.-]*){0,4})$")
# what befell a group, not what it is: "displaced families" are families
_CONDITION = (r"displaced|fleeing|wounded|injured|dead|killed|missing|stranded|trapped|detained|captured|kidnapped|"
              r"abducted|unarmed|innocent|ordinary|elderly|young|remaining|other|ethnic|female|male|trafficked|"
              r"suspected|alleged|organised|organized")
# "Fano militiamen", "fighters of the ELN": members who stand for their group
_MEMBERS = r"fighters|militants|militiamen|gunmen|insurgents|rebels|members|supporters|operatives"
_ARMED = re.compile(rf"(?:^|\s)(?:{_MEMBERS}|groups?|factions?|militias?|forces)$")
_NAME_PARTICLE = re.compile(r"^(?:al|el|ad|as|ash|at|az|ar|an|ibn|bin|abu|bint|ould)-[A-Z]")  # "al-Sudani"
_NOT_NAMES = {
    "airborne", "control", "system", "systems", "warning", "early", "operation", "operations", "special", "main",
    "operative", "strategic", "joint", "national", "federal", "central", "eastern", "western", "northern",
    "southern", "aircraft", "missile", "missiles", "drone", "drones", "radar", "border", "island", "sea", "river",
    "city", "region", "province", "capital", "state", "republic", "kingdom", "union", "new", "old", "great",
    "north", "south", "east", "west", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november",
    "december", "christmas", "easter", "ramadan", "eid", "war", "world", "peace", "freedom", "victory", "day",
}
_THINK_TANK_WORDS = {"institute", "center", "centre", "studies", "council", "foundation", "endowment", "research",
                     "analysis", "think"}
_MEDIA_WORDS = {"news", "times", "post", "herald", "journal", "tv", "radio", "broadcasting", "independent", "pravda",
                "express", "television", "daily", "gazette", "tribune", "telegraph", "mail", "magazine", "press",
                "media"}
_MILITARY_WORDS = {"command", "forces", "force", "army", "brigade", "battalion", "regiment", "division", "fleet",
                   "navy", "corps", "guards", "staff"}
_GOVERNMENT_WORDS = {"ministry", "department", "office", "service", "directorate", "bureau", "authority",
                     "administration", "commission", "parliament", "government", "police", "embassy", "court",
                     "assembly", "intelligence", "security"}

# head nouns of generic mentions, longest first: (pattern, class)
_HEADS: list[tuple[str, str]] = [
    (r"armed forces ministry|ministry of (?:national )?(?:defence|defense)|(?:national )?(?:defence|defense) ministry|"
     r"(?:defence|defense) department|department of (?:defence|defense)|mod|(?:defence|defense) minister|"
     r"(?:defence|defense) (?:officials?|sources?)",
     "defence_ministry"),
    (r"ministry of foreign affairs|foreign ministry|foreign affairs ministry|foreign office|"
     r"state department|department of state|foreign minister", "foreign_ministry"),
    (r"interior ministry|ministry of (?:the )?interior|ministry of internal affairs", "interior_ministry"),
    (r"(?:health|energy|justice|finance|economy|unification|education|transport|agriculture|emergencies|"
     r"emergency situations|information|culture|trade|labour|labor|environment) ministry|"
     r"ministry of (?:health|energy|justice|finance|economy|education|transport|agriculture|emergencies|"
     r"emergency situations|information|culture|trade|labour|labor|environment)", "subject_ministry"),
    (r"(?:state )?border (?:guards?|service|police|guard service|guard force)|border guard", "border_guard"),
    (r"coast ?guard(?: ships?| vessels?| boats?| cutters?)?", "coast_guard"),
    (r"state (?:media|television|tv|radio|broadcaster|news agency|news|outlets?)|state-run (?:media|television|"
     r"news agency|outlets?)|state-controlled media|government media", "state_media"),
    (r"intelligence(?: services?| agency| agencies| officials?)?|spy agency|security services?|secret services?",
     "intelligence"),
    (r"parliament|lawmakers|legislators|mps|legislature|senate|congress|national assembly|duma|rada|seimas|"
     r"saeima|riigikogu|sejm|knesset|house of commons|house of lords|house of representatives|bundestag|"
     r"storting|riksdag|folketing|eduskunta|majlis|lok sabha", "parliament"),
    (r"general staff", "general_staff"),
    (r"police|police force|law enforcement|police (?:patrols?|officers?|units?|commanders?|chief|stations?)|"
     r"policem[ae]n|gendarmes|gendarmerie", "police"),
    (r"(?:armed|defence|defense|military|security|special|ground|naval|air|airborne|border|government|"
     r"occupation|invading|russian|federal)? ?forces|troops|army|armies|military|militaries|soldiers?|"
     r"servicem[ae]n|service ?members|jets?|aircraft|planes?|warplanes?|fighter jets?|bombers?|helicopters?|"
     r"drones?|navy|navies|air ?force|air defen[cs]es?|air defen[cs]e (?:forces|units|systems)|artillery|shelling|"
     r"missiles?|rockets?|units?|paratroopers|marines|battalions?|brigades?|divisions?|regiments?|engineers|pilots?|"
     r"(?:air defen[cs]e|tank|gun|artillery|drone|missile) crews?|sailors|tanks|warships?|ships?|vessels?|boats?|"
     r"convoys?|peacekeepers|submarines?|frigates?|corvettes?|cruisers?|minesweepers?|gunboats?|destroyers?|"
     r"commandos|rangers|contingents?|(?:army|military) (?:positions?|posts?|outposts?|bases?)|"
     r"(?:naval )?task (?:group|force)|"
     r"(?:defen[cs]e|self-defen[cs]e) forces?|reservists|conscripts|"
     r"gunners|snipers|operational command|command|commanders?|aviation|strikes?|fire|patrols?|guards|"
     r"fighters|squadrons?|wings?|flotillas?|fleets?|[a-z]{1,4}-?\d{1,3}[a-z0-9-]*|"
     r"military (?:spokesman|spokeswoman|sources?|officials?|command|aircraft|helicopters?|jets?)|"
     r"army (?:spokesman|spokeswoman)|fighter pilots?|air defence units|rocket forces|garrison", "military"),
    (r"government|officials?|authorities|leadership|junta|regime|administration|cabinet|presidency|"
     r"president's office|embassy|ambassador|diplomats?|envoys?|spokes(?:man|woman|person)|prosecutors?|"
     r"investigators|emergency services|ministry|ministries|side|delegation|negotiators|negotiating team|mediators|"
     r"leaders?|"
     r"presidential office|presidential administration|foreign minister|defence minister|defense minister|"
     r"consulate|ministers|administrators?|"
     r"governor's office|regional administration|regional authorities|military administration|rulers|"
     r"(?:transitional |presidential |ruling |sovereign |military )+council|"
     r"sources?", "government"),
    (r"media|television|tv|broadcaster|news agency|newspapers?|outlets?|radio|press|reporters|journalists|"
     r"correspondents?|bloggers?|channels?", "media"),
]
_HEAD_RES = [(re.compile(rf"(?:^|\s)(?:{pat})$", re.IGNORECASE), cls) for pat, cls in _HEADS]
_PERSON_ROLE = re.compile(r"^(?:analysts?|researchers?|experts?|inspectors?|monitors?|observers?|staff|officers?|"
                          r"agents?|employees|personnel|"
                          r"spokes(?:man|woman|person)|officials?|representatives?|scientists?|investigators?|"
                          r"members?|fellows?|specialists?)$", re.IGNORECASE)
_NOMINALS: dict[str, set[str]] = {
    "think tank": {"think_tank"}, "institute": {"think_tank", "organisation"}, "group": {"organisation", "military",
                                                                                        "think_tank"},
    "monitoring group": {"organisation"}, "monitor": {"organisation"}, "monitors": {"organisation"},
    "organisation": {"organisation"}, "organization": {"organisation"}, "alliance": {"organisation"},
    "bloc": {"organisation"}, "agency": {"organisation", "government", "media"}, "news agency": {"media"},
    "outlet": {"media"}, "newspaper": {"media"}, "broadcaster": {"media"}, "channel": {"media"}, "paper": {"media"},
    "ministry": {"government"}, "military": {"military"}, "army": {"military"}, "navy": {"military"},
    "forces": {"military"}, "official": {"government"}, "officials": {"government"}, "government": {"government"},
    "junta": {"government"}, "regime": {"government"}, "authorities": {"government"},
    "administration": {"government"}, "embassy": {"government"}, "general staff": {"military"},
    "company": {"organisation"}, "firm": {"organisation"}, "militants": {"organisation", "military"},
    "rebels": {"organisation", "military"}, "militia": {"organisation", "military"}, "movement": {"organisation"},
    "watchdog": {"organisation"}, "project": {"organisation"}, "command": {"military"}, "border guard": {"government"},
    "coast guard": {"military"}, "center": {"think_tank", "organisation"}, "centre": {"think_tank", "organisation"},
    "observatory": {"organisation"}, "service": {"government"}, "department": {"government"},
    "jihadists": {"organisation", "military"}, "insurgents": {"organisation", "military"},
    "attackers": {"organisation", "military"}, "mission": {"organisation", "government"},
    "gang": {"organisation", "military"},
    "union": {"organisation"}, "world body": {"organisation"}, "corps": {"military"}, "guards": {"military"},
    "force": {"military"}, "paramilitary force": {"military"}, "charity": {"organisation"},
    "raiders": {"organisation", "military"}, "assailants": {"organisation", "military"},
    "kidnappers": {"organisation", "military"}, "gunmen": {"organisation", "military"},
    "rebel": {"organisation", "military"}, "paramilitary": {"military"}, "paramilitaries": {"military"},
    "cartel": {"organisation", "military"}, "forum": {"organisation"},
}
_PERSON_NOMINALS = {"president", "leader", "minister", "prime minister", "premier", "chancellor", "spokesman",
                    "spokeswoman", "spokesperson", "general", "governor", "chief", "commander", "secretary",
                    "ambassador", "envoy", "analyst", "official", "mayor", "king", "emir", "founder", "head",
                    "director", "counterpart", "defence minister", "defense minister", "foreign minister",
                    "secretary general", "president-elect", "dictator", "strongman", "warlord", "researcher",
                    "expert", "man", "woman", "prince", "crown prince", "queen", "monarch", "sultan", "sheikh",
                    "vice president", "foreign secretary", "defence secretary", "defense secretary", "army chief",
                    "junta chief", "junta leader", "negotiator", "diplomat", "commissioner", "prosecutor"}
_FEMALE = {"spokeswoman", "chairwoman", "mrs", "ms", "queen", "woman", "madam", "princess", "businesswoman"}
_MALE = {"spokesman", "chairman", "mr", "king", "man", "prince", "sheikh", "emir", "businessman"}
_THE = {"United States", "United Kingdom", "Netherlands", "Philippines", "United Arab Emirates", "Czech Republic",
        "Central African Republic", "Democratic Republic of the Congo", "Republic of the Congo", "Gambia", "Bahamas",
        "Maldives", "Comoros", "Seychelles", "Marshall Islands", "Solomon Islands", "Dominican Republic",
        "Palestinian Territory"}


# Generated canonical names of a country's institutions, by class: (template, kind).
_INSTITUTIONS: dict[str, tuple[str, str]] = {
    "government": ("Government of {}", "government"),
    "military": ("Armed Forces of {}", "military"),
    "defence_ministry": ("Ministry of Defence of {}", "government"),
    "foreign_ministry": ("Ministry of Foreign Affairs of {}", "government"),
    "interior_ministry": ("Ministry of Internal Affairs of {}", "government"),
    "border_guard": ("Border Guard of {}", "government"),
    "coast_guard": ("Coast Guard of {}", "military"),
    "state_media": ("State media of {}", "media"),
    "intelligence": ("Intelligence services of {}", "government"),
    "parliament": ("Parliament of {}", "government"),
    "general_staff": ("General Staff of the Armed Forces of {}", "military"),
    "police": ("Police of {}", "government"),
    "media": ("Media of {}", "media"),
}
# Classes whose name the actor dictionary may override per country ("People's Liberation Army").
_OVERRIDABLE = frozenset({"military", "defence_ministry", "foreign_ministry"})


@dataclass
class ActorEntry:
    name: str
    kind: str
    country: str | None = None
    aliases: list[str] = field(default_factory=list)
    acronyms: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)
    gender: str | None = None
    governs: str | None = None  # alpha-3 of the state a group rules: "Taliban officials" are its government


@dataclass
class ActorDictionary:
    """Our actor dictionary plus the user's files (`extra_files`, or $EVENTX_ACTORS): later files
    win for the same canonical name, and their aliases are added to the index."""

    extra_files: Sequence[str | Path] = ()
    entries: dict[str, ActorEntry] = field(default_factory=dict, init=False)
    institutions: dict[str, dict[str, str]] = field(default_factory=dict, init=False)
    _index: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _exact: dict[str, str] = field(default_factory=dict, init=False, repr=False)
    _surnames: dict[str, set[str]] = field(default_factory=dict, init=False, repr=False)
    _scan: re.Pattern[str] | None = field(default=None, init=False, repr=False)
    _scanned: Memo[str, list[tuple[int, int, ActorEntry]]] = field(init=False, repr=False)
    _loaded: bool = field(default=False, init=False, repr=False)

    def __post_init__(self) -> None:
        self._scanned = Memo(self._scan_uncached)  # mentions recur within and across documents

    def load(self) -> ActorDictionary:
        if self._loaded:
            return self
        files: list[Path] = [DATA] + [Path(p) for p in list(self.extra_files) + _env_files("EVENTX_ACTORS")]
        for path in files:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
            for a in data.get("actors", []):
                entry = ActorEntry(
                    name=a["name"], kind=a.get("kind", "unknown"), country=a.get("country"),
                    aliases=list(a.get("aliases", [])), acronyms=list(a.get("acronyms", [])),
                    descriptions=[d.lower() for d in a.get("descriptions", [])],
                    titles=[t.lower() for t in a.get("titles", [])], gender=a.get("gender"),
                    governs=a.get("governs"))
                self.entries[entry.name] = entry
            for cc, names in data.get("institutions", {}).items():
                if not cc.startswith("_"):
                    self.institutions.setdefault(cc, {}).update(names)
        for entry in self.entries.values():
            for alias in [entry.name, *entry.aliases]:
                if _case_sensitive(alias):
                    self._exact[alias] = entry.name
                else:
                    self._index[key(alias)] = entry.name
            for acronym in entry.acronyms:
                self._exact[acronym] = entry.name
            if entry.kind == "person":
                for alias in [entry.name, *entry.aliases]:
                    parts = alias.split()
                    if len(parts) > 1:
                        self._surnames.setdefault(parts[-1], set()).add(entry.name)
        self._loaded = True
        return self

    def get(self, name: str) -> ActorEntry | None:
        self.load()
        return self.entries.get(name)

    def find(self, text: str) -> ActorEntry | None:
        """The entry `text` names exactly (alias, acronym), or None."""
        self.load()
        text = text.strip()
        name = self._exact.get(text) or self._index.get(key(text))
        if name is None and text.lower().startswith("the "):
            name = self._exact.get(text[4:]) or self._index.get(key(text[4:]))
        return self.entries.get(name) if name else None

    def by_surname(self, surname: str) -> ActorEntry | None:
        self.load()
        names = self._surnames.get(surname, set())
        return self.entries[next(iter(names))] if len(names) == 1 else None

    def scan(self, text: str) -> list[tuple[int, int, ActorEntry]]:
        """Every dictionary alias or acronym in `text`, longest first where they overlap."""
        return list(self._scanned(text))

    def _scan_uncached(self, text: str) -> list[tuple[int, int, ActorEntry]]:
        self.load()
        if self._scan is None:
            words = set(self._exact) | {a for e in self.entries.values() for a in [e.name, *e.aliases]
                                        if not _case_sensitive(a)}
            alternation = "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))
            self._scan = re.compile(rf"(?<![\w-])(?:{alternation})(?![\w-])", re.IGNORECASE)
        found = []
        for m in self._scan.finditer(text):
            word = m.group()
            entry = self.find(word) if (word in self._exact or not _case_sensitive(word)) else None
            if entry is None and word in self._exact:
                entry = self.entries[self._exact[word]]
            if entry is None:
                continue
            alias = next((a for a in [entry.name, *entry.aliases, *entry.acronyms] if a.lower() == word.lower()), word)
            if _case_sensitive(alias) and alias != word:
                continue
            if alias[:1].isupper() and not word[:1].isupper():
                continue  # "express" the verb is not the Daily Express
            found.append((m.start(), m.end(), entry))
        return found


def _case_sensitive(alias: str) -> bool:
    bare = alias.replace(".", "")
    return len(bare) <= 3 or bare.isupper()


@dataclass
class _Actor:
    """An actor of one document, as the mentions so far describe it."""

    name: str
    kind: str
    country: str | None  # alpha-3
    id: str
    titles: set[str] = field(default_factory=set)
    gender: str | None = None
    heads: set[str] = field(default_factory=set)
    descriptions: set[str] = field(default_factory=set)
    plural: bool = False
    cls: str | None = None  # the generic head class that made it ("government", "defence_ministry", ...)
    governs: str | None = None
    affiliation: _Actor | None = None  # the organisation a person's titles name ("UN Secretary-General")


@dataclass
class _Mention:
    start: int
    end: int
    text: str
    role: str | None
    arg: int | None  # index into the requested spans, None for mentions the scan found
    actor: _Actor | None = None


class ActorResolver:
    """Resolves the actor mentions of one document together."""

    def __init__(self, dictionary: ActorDictionary, gazetteer: Gazetteer) -> None:
        self.dictionary = dictionary
        self.gaz = gazetteer
        self._is_time = Memo(lambda text: find_times(text) == [(0, len(text))])  # "Monday" names no actor

    def resolve_document(self, text: str, spans: Sequence[tuple[int, int] | tuple[int, int, str | None]],
                         sentences: Sequence[Sentence] = ()) -> list[Entity | None]:
        """An `Entity` (or None when the span names no actor) for each (start, end[, role])."""
        self.dictionary.load()
        self.gaz.load()
        self._text = text
        self._sentences = list(sentences)
        self._actors: dict[str, _Actor] = {}
        self._context = self.gaz.mentions_in(text)
        self._acronyms = {m[2]: name for m in _DEFINED_ACRONYM.finditer(text) if (name := _expansion(m[1], m[2]))}
        mentions = [_Mention(s[0], s[1], text[s[0]:s[1]], s[2] if len(s) > 2 else None, i)  # type: ignore[misc]
                    for i, s in enumerate(spans)]
        covered = [(m.start, m.end) for m in mentions]
        for s, e, _entry in self.dictionary.scan(text):
            if not any(cs <= s < ce or cs < e <= ce for cs, ce in covered):
                mentions.append(_Mention(s, e, text[s:e], None, None))
        for s, e in self._scan_people(text):
            if not any(cs <= s < ce or cs < e <= ce for cs, ce in covered + [(m.start, m.end) for m in mentions]):
                mentions.append(_Mention(s, e, text[s:e], None, None))
        mentions.sort(key=lambda m: (m.start, -m.end))
        self._mentions = mentions
        results: list[Entity | None] = [None] * len(spans)
        for m in mentions:
            actor = self._resolve(m)
            m.actor = actor
            if m.arg is not None and actor is not None:
                results[m.arg] = Entity(name=actor.name, kind=actor.kind, country=actor.country, id=actor.id)
        return results

    def resolve(self, mention: str, *, context_text: str = "", role: str | None = None) -> Entity | None:
        """One mention, with optional text around it."""
        if context_text and mention in context_text:
            s = context_text.index(mention)
            return self.resolve_document(context_text, [(s, s + len(mention), role)])[0]
        return self.resolve_document(mention, [(0, len(mention), role)])[0]

    def _sentence_case(self, text: str, m: _Mention) -> str:
        """ "Suspected insurgents", "Troops", "Militias in Iraq": capitalised only because the
        sentence begins there."""
        first, _, rest = text.partition(" ")
        low = first.lower()
        if not (first[:1].isupper() and first[1:].islower()):
            return text
        if re.fullmatch(_CONDITION, low) or (
                low not in ("army", "navy", "government", "police") and _head_class(low) and not rest[:1].isupper()):
            return low + text[len(first):]
        if re.fullmatch(r"[a-z]+s", low) and rest[:1].islower() and any(s.start == m.start for s in self._sentences) \
                and self.dictionary.find(first) is None and not self._country_in(first) \
                and not self.gaz.demonym(first[:-1]):
            return low + text[len(first):]
        return text

    # ---- the document's people that no argument names: antecedents for "he" ----
    def _scan_people(self, text: str) -> list[tuple[int, int]]:
        titles = (r"(?:President|Prime Minister|Premier|Chancellor|Minister|Secretary|General|Gen\.|Governor|Mayor|"
                  r"Colonel|Col\.|Admiral|Adm\.|Ambassador|Senator|Sen\.|Mr\.?|Mrs\.?|Ms\.?|Dr\.?|spokesman|"
                  r"spokeswoman|leader|commander|analyst|King|Queen|Prince|Emir|Sheikh|Ayatollah)")
        name = r"[A-Z][a-z][\w'-]*(?:\s+(?:al-|bin\s+|de\s+|van\s+|von\s+)?[A-Z][a-z][\w'-]*){0,3}"
        spans = []
        for m in re.finditer(rf"\b{titles}\s+({name})", text):
            spans.append((m.start(1), m.end(1)))
        for m in re.finditer(rf"(?<![\w.])({name}),\s+(?:a|an|the)\s+[^,.;]{{0,60}}?(?:spokes\w+|analyst|minister|"
                             r"official|researcher|commander|director|chief|head|expert|leader|president|"
                             r"governor|adviser|advisor|ambassador|general)\b", text):
            if len(m.group(1).split()) >= 2:
                spans.append((m.start(1), m.end(1)))
        return spans

    # ---- one mention ----
    def _resolve(self, m: _Mention) -> _Actor | None:
        raw = m.text.strip().strip(",.;:\"'\u201c\u201d")
        raw = re.sub(r"\s+(?:of|at|for|from|in|on|and|with|by|to)$", "", raw, flags=re.IGNORECASE)
        t = _JUNK_LEADING.sub("", raw)
        t = re.sub(r"(?:'s|'|\u2019s|\u2019)$", "", t).strip()
        if not t or self._is_time(t) or t.lower() in {
                "new", "by", "but", "the", "a", "an", "it's", "of", "for", "and", "or", "to", "in", "on", "at", "with",
                "from", "as", "that", "which", "who"}:
            return None
        t = self._sentence_case(t, m)
        low = t.lower()
        # pronouns
        if low in _PRONOUNS:
            return self._pronoun(m, _PRONOUNS[low], obj=low in ("him", "them") or (low == "her" and m.role in (
                "addressee", "recipient", "victim", "target")))
        if low in ("each other", "one another", "themselves", "itself", "himself", "herself", "who", "which",
                   "that", "this", "those", "these", "others", "another", "everyone", "nobody", "no one"):
            return None
        if low in ("the south", "the north") and re.search(r"\b(?:North|South) Korea", self._text):
            cc = self._country_of(("South" if low.endswith("south") else "North") + " Korea")
            return self._register(self._country_name(cc).removeprefix("the "), "state", cc, m)  # type: ignore[arg-type]
        t = re.sub(r"\s*\([A-Z][A-Za-z]{1,7}\)$", "", t)  # "(RSF)" after the name it abbreviates
        t = re.sub(r"(\b[A-Z][\w'-]*)\s+[\"\u201c'\u2018][A-Z][^\"\u201d'\u2019]{0,30}[\"\u201d'\u2019](?=\s+[A-Z])", r"\1",
                   t)  # nicknames
        short = _DETERMINER.sub("", t)
        if short in self._acronyms and (self.dictionary.find(short) is None or _initials(self._acronyms[short]) == short):
            t = self._acronyms[short]  # the text's own definition wins: "Ambazonia Defence Forces (ADF)"
        based = re.match(r"^(?:(?i:the)\s+)?([A-Z][\w.]*(?:\s+[A-Z][\w.]*)?)-based\s+(.+)$", t)
        if based:  # "Norway-based Iran Human Rights": a name, and where it sits
            described = based[2][:1].islower()  # "the Britain-based war monitor": one we know of
            rest = "the " + based[2] if described else based[2]
            inner = self._resolve(_Mention(m.start + raw.find(based[2]), m.end, rest, m.role, None))
            if inner is not None and not described:
                inner.country = self._country_in(based[1]) or inner.country
            return inner
        plural = re.fullmatch(r"([A-Z][a-z]+)s", _DETERMINER.sub("", _DETERMINER.sub("", t)))
        if plural and (self.gaz.demonym(plural[1]) or self.gaz.demonym(plural[1] + "s")):
            cc = self.gaz.demonym(plural[1]) or self.gaz.demonym(plural[1] + "s")  # "the Americans"
            country = self.gaz.country(cc)
            return self._register(country.name if country else t, "state", self.gaz.to_alpha3(cc), m)
        pm = re.match(r"^(?:(?:\w+\s+){1,2}of\s+)?(his|her|its|their)\s+(?:own\s+)?(.+)$", t, flags=re.IGNORECASE)
        if pm:
            owner = self._pronoun(m, _PRONOUNS[pm[1].lower()], possessive=True)
            head = pm[2]
            if owner is not None:
                cls = _head_class(head)
                if head.lower() in ("country", "nation", "state") and owner.country:
                    name = self.gaz.country(_alpha2(self.gaz, owner.country))
                    return self._register(name.name if name else owner.country, "state", owner.country, m)
                if owner.kind in ("military", "organisation") and owner.cls is None and re.fullmatch(
                        rf"(?:{_MEMBERS})|forces|troops|units|soldiers|men|patrols|teams|staff", head, flags=re.IGNORECASE):
                    if owner.governs and re.fullmatch(r"forces|troops|soldiers|units", head, flags=re.IGNORECASE):
                        return self._institution("military", owner.governs, head)
                    return owner  # an armed group's "its fighters" are the group
                if cls == "government" and owner.affiliation is not None:
                    return owner.affiliation  # the UN Secretary-General's spokesman speaks for the UN
                if cls and owner.country:
                    return self._institution(cls, owner.country, head)
                counterpart = re.fullmatch(r"(\S+)\s+counterpart", head, flags=re.IGNORECASE)
                if counterpart and (cc := self._country_in(counterpart[1])):
                    # "his Russian counterpart": the holder of the owner's office in Russia when the text
                    # names one, else the institution the owner speaks for there ("his Omani counterpart")
                    offices = owner.titles & {"president", "prime minister", "foreign minister", "defence minister",
                                              "defense minister", "chancellor", "premier"}
                    for a in reversed(list(self._actors.values())):
                        if a.kind == "person" and a is not owner and a.country == cc and a.titles & offices:
                            return a
                    titles = " ".join(owner.titles)
                    cls = ("foreign_ministry" if "foreign" in titles else "defence_ministry" if re.search(
                        r"defen[cs]e", titles) else "government")
                    return self._institution(cls, cc, head)
                if owner.kind == "person" and re.fullmatch(r"officials|ministers|government|administration",
                                                           head, flags=re.IGNORECASE) and owner.country:
                    return self._institution("government", owner.country, head)  # "his officials"
                if owner.kind == "person" and owner.affiliation is not None and re.fullmatch(
                        rf"men|forces|troops|{_MEMBERS}", head, flags=re.IGNORECASE):
                    return owner.affiliation  # the commander's men are his group
                if _PERSON_ROLE.match(head) or re.match(r"^(?:men|fighters|members)$", head, re.I):
                    return owner
            # "his Russian counterpart Sergei Shoigu" falls through to the person rules
            t = head
        entry = self.dictionary.find(t) or self.dictionary.find(_DETERMINER.sub("", t))
        if entry is not None:
            return self._from_entry(entry, m)
        described = re.match(r"^(?:the\s+|an?\s+)?((?-i:[a-z][\w-]*\s+){1,2})((?-i:[A-Z])[\w'.-]*(?:\s+(?:[A-Z][\w'.-]*|of|for|and|"
                             r"the|de|al-\w+))*)$", t, flags=re.IGNORECASE)
        if described and described[1][:1].islower() and not re.search(
                r"\b(?:of|for|at|in|from|with|by|to|and|said|says|told)\s+$", described[1]):
            # "the opposition National Salvation Front", "the paramilitary Rapid Support Forces": the name
            name = described[2]
            if self.dictionary.find(name) or self._named_org(name) or self._acronyms.get(name):
                offset = m.start + m.text.find(name)
                return self._resolve(_Mention(offset, offset + len(name), name, m.role, None))
        of = re.match(r"^(?:the\s+)?(.+?)\s+of\s+", t, flags=re.IGNORECASE)
        if of and (entry := self.dictionary.find(of[1])) is not None and entry.kind != "person":
            return self._from_entry(entry, m)  # "the SPLM-IO of First Vice President Riek Machar"
        ruled = re.match(r"^(?:the\s+|an?\s+)?(?-i:[A-Z][a-z]+\s+(?=[A-Z]))?(.+?)(?:-led|-run|'s|\u2019s)?\s+(.+)$", t,
                         flags=re.IGNORECASE)
        if ruled and (entry := self.dictionary.find(ruled[1])) is not None and entry.governs and (
                cls := _head_class(re.sub(r"\s+in\s+[A-Z].*$", "", ruled[2]))) not in (None, "media") and (
                cls != "military" or re.search(r"(?:forces|troops|army|soldiers)$", ruled[2])):
            # "Taliban officials", "Afghan Taliban forces": Afghanistan's government and armed forces
            return self._institution(cls, entry.governs, ruled[2])
        whose = re.match(r"^(.+?)(?:'s|\u2019s)\s+(.+)$", t)
        if whose and self._country_in(whose[1]) and (entry := self.dictionary.find(whose[2])) is not None:
            return self._from_entry(entry, m)  # "Yemen's Houthis"
        if whose and re.fullmatch(r"office|government|administration|cabinet|spokes(?:man|woman|person)", whose[2]):
            owner = self._resolve(_Mention(m.start, m.start + len(whose[1]), whose[1], m.role, None))
            if owner is not None and owner.kind == "person" and owner.country:  # "Marcos's office"
                return self._institution("government", owner.country, whose[2])
        named = _APPOSED_NAME.match(t)
        if named:
            entry = self.dictionary.find(named[2])
            if entry is not None:
                return self._from_entry(entry, m)
            cls = _head_class(named[1])
            if cls == "state_media":  # "state broadcaster RTS": the country's state media
                cc = self._country_in(named[1]) or self._sentence_country(m) or self._main_country()
                if cc:
                    return self._institution(cls, cc, named[1])
            elif cls is None or cls == "media":
                kinds = _NOMINALS.get(named[1].split()[-1].lower(), {"organisation"})
                kind = "organisation" if "organisation" in kinds else sorted(kinds)[0]
                return self._register(named[2], "media" if cls == "media" else kind, None, m)
        person = self._person(t, m)
        if person is not None:
            return person
        affiliated = re.match(r"^(.+?)\s+of\s+(?:the\s+)?[A-Z].*$", t)  # "Mark Voyger of the Center for ..."
        if affiliated and (person := self._person(affiliated[1], m)) is not None and person.kind == "person":
            return person
        # "the aircraft", "the think tank", "the ministry", "The Turkish minister": refer back
        nominal = self._same_craft(t, m) or self._nominal(t, m)
        if nominal is not None:
            return nominal
        # an alias inside the mention: "ISW analysts", "Pyongyang's state news agency KCNA"; but a
        # name of its own wins: "the United Nations Assistance Mission in Afghanistan"
        inner = [(e - s, entry) for s, e, entry in self.dictionary.scan(t)]
        own = self._named_org(re.sub(r"^[A-Z][\w.-]*(?:'s|\u2019s)\s+", "", _DETERMINER.sub("", t)))
        if own is not None and inner and max(n for n, _ in inner) < len(own[0]) - 4:
            actor = self._register(own[0], own[1], self._country_in(own[0]), m)
            actor.heads.add(own[0].split()[-1].lower())
            return actor
        if inner:
            entry = max(inner, key=lambda x: x[0])[1]
            return self._from_entry(entry, m)
        # "Analysts at the Center for ...", "a spokesman for the Latvian State Border Guard"
        am = re.match(r"^(?:an?\s+|the\s+)?(?:\w+\s+)?(?:analysts?|researchers?|experts?|spokes(?:man|woman|person)|"
                      r"officials?|representatives?|inspectors?|members?|sources?|commanders?|factions?|leaders?|"
                      rf"cells?|elements|{_MEMBERS})\s+(?:at|for|of|from|with|in|loyal to|linked to|allied (?:to|with)|"
                      r"belonging to)\s+"
                      r"(.+)$", _DETERMINER.sub("", t), flags=re.IGNORECASE)
        if am:
            inner_mention = _Mention(m.start + raw.find(am[1]), m.start + raw.find(am[1]) + len(am[1]), am[1],
                                     m.role, None)
            found = self._resolve(inner_mention)
            if found is not None and not (found.kind == "person" and re.search(rf"\b(?:{_MEMBERS})\b", am[0], re.I)):
                return found
            if re.fullmatch(r"(?:[A-Z][\w'-]*\s+)*[A-Z][\w'-]*", am[1]) and not self._country_in(am[1]):
                return self._register(am[1], "military", None, m)  # "members of Los Lobos"
        group = self._group_of_members(t, m)
        if group is not None:
            return group
        # "Latvian State Security Service officers": the organisation they belong to
        om = re.match(r"^(?:the\s+|an?\s+)?((?:[A-Z][\w'-]*\s+){1,6}[A-Z][\w'-]*)\s+(\w+)$", t)
        if om and _PERSON_ROLE.match(om[2]) and self._named_org(om[1]) is not None:
            name, kind = self._named_org(om[1])  # type: ignore[misc]
            actor = self._register(name, kind, self._country_in(om[1]), m)
            actor.heads.add(name.split()[-1].lower())
            return actor
        # a possessor with a person-role head: "The agency's inspectors", "the group's fighters"
        sm = re.match(r"^(.+?)(?:'s|'|\u2019s)\s+(.+)$", t)
        titled = sm and all(w in _TITLE_WORDS for w in sm[2].lower().split()) and not self._place_country(sm[1])
        if sm and (titled or _PERSON_ROLE.match(sm[2]) or re.match(r"^(?:fighters|men|members|units)$", sm[2], re.I)):
            owner_text = re.sub(r"^(?:\w+\s+of\s+)?(?:the\s+)?(?=[a-z])", "the ", sm[1])  # "30 of the group's"
            return self._resolve(_Mention(m.start, m.start + len(sm[1]), owner_text, m.role, None))
        return self._generic(t, m)

    def _group_of_members(self, t: str, m: _Mention) -> _Actor | None:
        """ "35 al-Shabaab fighters", "Fano militiamen", "the Tren de Aragua gang": the named group;
        "Bangladesh's Prothom Alo newspaper": the named outlet."""
        bare = _DETERMINER.sub("", _DETERMINER.sub("", t))
        outlet = re.fullmatch(r"(?:(.+?)(?:'s|\u2019s)\s+)?((?:[A-Z][\w'.-]*\s+)*[A-Z][\w'.-]*)\s+(?:newspaper|daily|"
                              r"news agency|broadcaster|television|tv|channel|radio|news site|website|outlet)", bare)
        if outlet and not self._country_in(outlet[2]) and not _head_class(outlet[2]):
            entry = self.dictionary.find(outlet[2])
            if entry is not None:
                return self._from_entry(entry, m)
            actor = self._register(outlet[2], "media", self._country_in(outlet[1]), m)
            actor.heads.add(bare.split()[-1].lower())
            return actor
        gm = re.match(rf"^(.+?)\s+(?:(?:{_MEMBERS})|gang|militia|cartel|(?:militant |armed |rebel |jihadist )?group)$", bare)
        if gm and gm[1].lower() in ("cartel", "gang", "militia", "rebel", "group", "jihadist", "insurgent"):
            return self._nominal("the " + gm[1].lower(), m)
        if not gm or not (gm[1][:1].isupper() or _NAME_PARTICLE.match(gm[1])) or self._country_in(gm[1]) or \
                gm[1] in _COMMUNITIES or \
                re.search(r"-(?:backed|supported|allied|aligned|linked|affiliated|inspired|led)$", gm[1]):
            return None
        name = self._acronyms.get(gm[1], gm[1])
        entry = self.dictionary.find(name)
        if entry is not None:
            return self._from_entry(entry, m)
        if any(w[:1].islower() and w not in ("of", "de", "for", "and") and not _NAME_PARTICLE.match(w)
               for w in name.split()):
            return None
        kind = "organisation" if re.search(r"(?:members|supporters)$", bare) else "military"
        return self._register(name, kind, None, m)

    def _from_entry(self, entry: ActorEntry, m: _Mention) -> _Actor:
        actor = self._register(entry.name, entry.kind, entry.country, m)
        actor.descriptions.update(entry.descriptions)
        actor.titles.update(entry.titles)
        actor.gender = actor.gender or entry.gender
        actor.governs = entry.governs
        return actor

    # ---- registry ----
    def _register(self, name: str, kind: str, country: str | None, m: _Mention | None) -> _Actor:
        k = key(name)
        actor = self._actors.get(k)
        if actor is None:
            actor = _Actor(name=name, kind=kind, country=country, id="actor:" + re.sub(r"[^a-z0-9]+", "-", k).strip("-"))
            self._actors[k] = actor
        elif actor.country is None and country:
            actor.country = country
        return actor

    def _antecedents(self, m: _Mention) -> list[_Mention]:
        """Earlier resolved mentions: those of the same sentence first (leftmost first, the subject),
        then the previous sentence (leftmost first), then the rest (most recent first)."""
        earlier = [x for x in self._mentions if x.actor is not None and x.end <= m.start]
        sent = self._sentence_of(m.start)
        if sent is None:
            return list(reversed(earlier))
        same = [x for x in earlier if self._sentence_of(x.start) == sent]
        prev = [x for x in earlier if self._sentence_of(x.start) == sent - 1]
        rest = [x for x in reversed(earlier) if x not in same and x not in prev]
        return same + prev + rest

    def _sentence_of(self, offset: int) -> int | None:
        for i, s in enumerate(self._sentences):
            if s.start <= offset < s.end:
                return i
        return None

    def _pronoun(self, m: _Mention, sort: str, obj: bool = False, possessive: bool = False) -> _Actor | None:
        """The antecedent of a pronoun: the subject of its sentence first, then of the sentence
        before. An object pronoun ("thanked him") is not the subject of its own clause; a possessive
        ("Galuzin said that Moscow would not withdraw its troops") to the subject of its own clause."""
        if sort in ("we", "i"):
            return None
        candidates = self._antecedents(m)
        if possessive:
            sent = self._sentence_of(m.start)
            starts = [x for x in candidates if self._sentence_of(x.start) == sent and _CLAUSE_START.search(
                self._text[max(0, x.start - 40):x.start])]
            candidates = starts[::-1] + [x for x in candidates if x not in starts]
        if obj:
            sent = self._sentence_of(m.start)
            candidates = [x for x in candidates if self._sentence_of(x.start) != sent] + \
                         [x for x in candidates if self._sentence_of(x.start) == sent]
        if sort == "pl" and not obj:  # "they": a plural of its own sentence before any singular subject
            sent = self._sentence_of(m.start)
            for x in candidates:
                if self._sentence_of(x.start) == sent and x.actor is not None and x.actor.kind != "person" and \
                        re.search(r"[^s'\u2019]s$", x.text):
                    return x.actor
        if sort == "f":  # most people's gender is unknown; a known woman is the likelier "she"
            for x in candidates:
                if x.actor is not None and x.actor.kind == "person" and x.actor.gender == "f":
                    return x.actor
        for x in candidates:
            a = x.actor
            assert a is not None
            if sort in ("m", "f"):
                if a.kind == "person" and a.gender in (sort, None):
                    return a
            elif sort == "it":
                if a.kind != "person" and not a.plural:
                    return a
            elif sort == "pl":
                if a.kind != "person":
                    return a
        return None

    # ---- people ----
    def _person(self, t: str, m: _Mention) -> _Actor | None:
        tokens = t.split()
        name_tokens: list[str] = []
        for tok in reversed(tokens):
            bare = tok.strip(",")
            low = bare.lower().rstrip(".")
            is_name = (bare[:1].isupper() and not bare.replace(".", "").replace("-", "").isupper()
                       and low not in _TITLE_WORDS and low not in _ORG_WORDS and low not in _NOT_NAMES
                       and not self.gaz.demonym(bare)
                       and not self.gaz.country_of_name(bare)) or (name_tokens and low in ("al-", "bin", "de", "van",
                                                                                           "von", "da", "la")) \
                or bool(_NAME_PARTICLE.match(bare)) or (name_tokens and low == "sheikh" and _inside_name(tokens, tok)) \
                or bool(name_tokens and re.fullmatch(r"(?:[A-Z]\.){1,3}", bare)) \
                or bool(not name_tokens and re.fullmatch(r"I{2,3}|IV|VI{0,3}", bare) and tok is not tokens[0])
            if not is_name:
                break
            name_tokens.insert(0, bare)
        if not name_tokens:
            return None
        prefix = tokens[: len(tokens) - len(name_tokens)]
        name = " ".join(name_tokens)
        office = re.search(r"\b(?:minister|president|secretary|director|chief|commander|spokes\w+|ambassador|governor|"
                           r"general|advis[eo]r|chairman|chairwoman|head|leader|envoy|mayor)\b", " ".join(prefix).lower())
        if prefix and prefix[-1].lower() in ("of", "for", "at", "from", "and", "on"):
            return None  # "Ministry of Defence of Russia" is not a person called "Russia"
        if prefix and not office and prefix[-1][:1].isupper() and (
                prefix[-1].lower().rstrip(".,") not in _TITLE_WORDS or prefix[-1].lower() in _ORG_WORDS | _NOT_NAMES) \
                and not self._country_in(prefix[-1]) and not self.gaz.demonym(prefix[-1]):
            return None  # "Radio Tele Zenith", "National Unity Platform": an organisation's name
        if len(name_tokens) == 1:
            single = name_tokens[0]
            known = self._known_person(single)
            if known is None:
                entry = self.dictionary.by_surname(single)
                if entry is not None:
                    return self._from_entry(entry, m)
                titled = any(w.lower().rstrip(".") in _TITLE_WORDS - {"the", "a", "an", "of", "for", "at", "his",
                                                                      "her", "its", "their", "new", "top", "former"}
                             for w in prefix)
                if not titled or self.gaz.lookup(single):
                    return None
            else:
                self._add_titles(known, prefix, m)
                return known
        titled = any(w.lower().rstrip(".") in _TITLE_WORDS - {"the", "a", "an", "of", "for", "at", "his", "her",
                                                              "its", "their"} for w in prefix)
        if not titled and any(primary for _, primary in self.gaz.lookup(name)):
            return None  # a place name, not a person
        entry = self.dictionary.find(name)
        if entry is not None and entry.kind == "person":
            actor = self._from_entry(entry, m)
        else:
            existing = self._known_person(name_tokens[-1]) if len(name_tokens) >= 1 else None
            if existing is not None and name_tokens[0] in existing.name.split():
                actor = existing
            elif existing is not None and len(existing.name.split()) < len(name_tokens):
                actor = existing
            else:
                country = self._country_in(" ".join(prefix)) or self._apposition_country(m.end)
                actor = self._register(name, "person", country, m)
        self._add_titles(actor, prefix, m)
        for _s, _e, org in self.dictionary.scan(" ".join(prefix)):  # "NATO Secretary General ...": NATO exists too
            if org.kind != "person":
                affiliation = self._from_entry(org, m)
                actor.affiliation = actor.affiliation or affiliation
        if actor.country is None:
            actor.country = self._country_in(" ".join(prefix)) or self._apposition_country(m.end) or \
                self._org_country(" ".join(prefix)) or self._institution_country(prefix)
        return actor

    def _known_person(self, token: str) -> _Actor | None:
        for a in reversed(list(self._actors.values())):
            if a.kind == "person" and token in a.name.split():
                return a
        return None

    def _add_titles(self, actor: _Actor, prefix: list[str], m: _Mention) -> None:
        words = [w.lower().strip(",.") for w in prefix]
        phrase = " ".join(w for w in words if w in _TITLE_WORDS and w not in ("the", "a", "an", "his", "her", "its",
                                                                             "their", "of", "for", "at"))
        if phrase:
            actor.titles.add(phrase)
            actor.titles.update(phrase.split())
        apposition = self._apposition(m.end)
        if apposition:
            actor.titles.add(apposition.lower())
            actor.titles.update(w for w in apposition.lower().split() if w in _TITLE_WORDS)
        for w in words + (apposition.lower().split() if apposition else []):
            if w in _FEMALE:
                actor.gender = "f"
            elif w in _MALE:
                actor.gender = "m"

    def _apposition(self, end: int) -> str | None:
        m = re.match(r"^,\s+((?:a|an|the)\s+[^,.;]{3,90}?|[A-Z][\w']*(?:'s?)?\s+[^,.;]{3,60}?)(?:,|\s+(?:said|says|told)\b)",
                     self._text[end:end + 120])
        return m.group(1) if m else None

    def _apposition_country(self, end: int) -> str | None:
        apposition = self._apposition(end)
        return self._country_in(apposition) if apposition else None

    def _org_country(self, text: str) -> str | None:
        """The country of an organisation named in a person's titles ("RUSI researcher")."""
        for _s, _e, entry in self.dictionary.scan(text):
            if entry.country and entry.kind != "person":
                return entry.country
        return None

    def _institution_country(self, prefix: list[str]) -> str | None:
        words = {w.lower().strip(",.") for w in prefix}
        wanted = ("military" if words & {"navy", "army", "military", "general", "colonel", "commander"}
                  else "government" if words & {"ministry", "spokesman", "spokeswoman", "official", "governor"} else None)
        if wanted is None:
            return None
        for a in reversed(list(self._actors.values())):
            if a.kind == wanted and a.country:
                return a.country
        return None

    # ---- countries in a mention ----
    def _country_in(self, text: str | None) -> str | None:
        """Alpha-3 of a demonym, country, capital or metonym in `text` ("Russia's", "Kremlin")."""
        if not text:
            return None
        if whole := self._capital_country(re.sub(r"^the\s+", "", text.strip(), flags=re.IGNORECASE)):
            return whole  # "Port of Spain", not Spain
        for word in re.findall(r"[A-Z][\w.'\u2019-]*(?:\s+[A-Z][\w.'\u2019-]*)*", text):
            for candidate in _subphrases(word):
                cc = self._country_of(re.sub(r"(?:'s|'|\u2019s|\u2019)$", "", candidate))
                if cc:
                    return cc
        return None

    def _country_of(self, word: str) -> str | None:
        base = word.split("-")[0] if "-" in word and not self.gaz.demonym(word) else word
        cc = self.gaz.demonym(base) or self.gaz.country_of_name(base)
        if cc is None:
            entry = self.dictionary.find(word)
            if entry is not None and entry.kind in ("government",) and entry.country:
                return entry.country
            cap = self._capital_country(word)
            return cap
        return self.gaz.to_alpha3(cc)

    def _place_country(self, name: str) -> str | None:
        """The country a name places things in: a country, capital or demonym, else any place the
        gazetteer knows ("Gaza", "Kherson"), in the country most of its entries and the document's
        other places agree on."""
        if cc := self._country_in(name):
            return cc
        votes = Counter(e.country for e, primary in self.gaz.lookup(name) if primary)
        if not votes:
            return None
        best = max(votes, key=lambda cc: (votes[cc] + self._context.get(cc, 0), cc))
        return self.gaz.to_alpha3(best)

    def _capital_country(self, word: str) -> str | None:
        for entry, primary in self.gaz.lookup(word):
            if entry.kind == "city" and primary and self.gaz.capital(entry.country) is entry:
                return self.gaz.to_alpha3(entry.country)
        return None

    # ---- nominals that refer back ----
    def _nominal(self, t: str, m: _Mention) -> _Actor | None:
        dm = re.match(r"^(the|this|that|these|those|an?)\s+(.+)$", t, flags=re.IGNORECASE)
        if not dm:
            return None
        indefinite = dm[1].lower() in ("a", "an")
        body = dm[2]
        if not indefinite and re.fullmatch(r"[a-z]+s", body):
            # "the officers", "the rebels": the last group named by the same noun
            for x in reversed(self._mentions):
                if x.end <= m.start and x.actor is not None and x.actor.kind != "person" and \
                        x.text.split()[-1].lower() == body.lower():
                    return x.actor
        words = body.split()
        country = None
        first = words[0] if words else ""
        if len(words) > 2 and self.gaz.demonym(" ".join(words[:2])):  # "the North Korean minister"
            first, words = " ".join(words[:2]), [" ".join(words[:2])] + words[2:]
        cc = self.gaz.demonym(first) or self.gaz.demonym(first.split("-")[0]) or (
            self.gaz.country_of_name(first) if first[:1].isupper() else None)
        if cc:
            country = self.gaz.to_alpha3(cc)
            if "-" in first and not self.gaz.demonym(first):  # "the Russian-led bloc": led by, not of, Russia
                country = None
            words = words[1:]
        if indefinite and (country is None or not words or words[-1].lower() not in (
                "tank", "group", "agency", "newspaper", "outlet", "institute", "monitor", "broadcaster",
                "organisation", "organization")):
            return None  # "a U.S. think tank" may be one we know; "an official" is anyone
        desc = " ".join(words).lower()
        if not desc:
            return None
        capitalised = any(w[:1].isupper() for w in words)
        # "The Institute", "the Study of War", "the General Staff": part of an actor's name
        if capitalised and not self._is_country_name(" ".join(words)):
            phrase = key(" ".join(words))
            for a in reversed(list(self._actors.values())):
                if a.kind != "person" and re.search(rf"(?:^| ){re.escape(phrase)}(?: |$)", key(a.name)):
                    return a
            return None
        head = desc.split()[-1]
        if desc in _PERSON_NOMINALS or head in _PERSON_NOMINALS or desc in {d for a in self._actors.values()
                                                                          for d in a.descriptions if a.kind == "person"}:
            for x in self._antecedents(m):
                a = x.actor
                assert a is not None
                if a.kind != "person" or (country and a.country != country):
                    continue
                if desc in a.titles or desc in a.descriptions or head in a.titles or (
                        head in ("leader", "president") and a.titles & {"president", "leader", "prime minister",
                                                                       "chancellor", "premier"}):
                    return a
            for x in self._antecedents(m):  # "Japan's defence minister ... the minister": the ministry
                if x.actor is not None and x.actor.kind != "person" and desc in x.actor.heads:
                    return x.actor
            office = re.sub(r"^(?:outgoing|incoming|acting|interim|new)\s+", "", desc)
            if not indefinite and re.fullmatch(r"(?:president|prime minister|premier|chancellor|(?:foreign|defen[cs]e|"
                                               r"interior) minister|junta leader|junta chief)", office):
                # "The outgoing prime minister", named nowhere: the office, for the country at hand
                cc = country or self._sentence_country(m) or self._dominant_country() or self._main_country()
                if cc:
                    cls = ("defence_ministry" if "defen" in office else "foreign_ministry" if "foreign" in office
                           else "interior_ministry" if "interior" in office else "government")
                    return self._institution(cls, cc, office)
            if desc in _PERSON_NOMINALS and head not in ("official", "spokesman", "spokeswoman", "spokesperson"):
                return None
        if country and not indefinite and (cls := _head_class(desc)) not in (None, "media"):
            return self._institution(cls, country, desc)  # "the U.S. embassy", "the Russian military"
        if desc in ("country", "nation") and not indefinite:  # "the country": the state the text is about
            cc = country or self._sentence_country(m) or self._dominant_country() or self._main_country()
            if cc:
                return self._register(self._country_name(cc).removeprefix("the "), "state", cc, m)
        kinds = _NOMINALS.get(desc) or _NOMINALS.get(head)
        described = {d for a in self._actors.values() for d in a.descriptions}
        if kinds is None and desc not in described and head not in described:
            return None
        for x in self._antecedents(m):
            a = x.actor
            assert a is not None
            if country and a.country != country:
                continue
            if desc in a.descriptions or head in a.heads or desc in a.heads or (
                    head in a.descriptions and head not in _NOMINALS):
                return a
        for a in reversed(list(self._actors.values())):  # named only in a title: "Hezbollah leader X"
            if desc in a.descriptions and a.kind != "person" and (not country or a.country == country):
                return a
        national = desc in ("army", "military", "armed forces", "navy", "air force")
        governing = desc in ("government", "authorities", "administration", "regime", "junta")
        # "the group" is never a state's institution; "the government" never its spy agency
        non_state = head in ("group", "militants", "rebels", "movement", "militia", "jihadists", "insurgents",
                             "attackers", "gang", "raiders", "assailants", "kidnappers", "gunmen", "rebel",
                             "paramilitary", "paramilitaries", "cartel", "fighters")
        for x in sorted(self._antecedents(m), key=lambda x: -x.start):
            a = x.actor
            assert a is not None
            if country and a.country != country or national and a.cls != "military" or \
                    governing and a.cls not in (None, "government") or \
                    non_state and (a.cls is not None or head not in ("group", "movement") and a.kind != "military"):
                continue
            if kinds and a.kind in kinds and not a.plural and (
                    head not in ("ministry", "department", "service", "command", "staff")
                    or head in key(a.name)):
                return a
        return None

    # ---- countries' institutions and generic groups ----
    def _generic(self, t: str, m: _Mention) -> _Actor | None:
        bare = _DETERMINER.sub("", _DETERMINER.sub("", t)).strip()
        if re.fullmatch(r"[A-Z][a-z]+(?: [a-z]+)*", bare) and _head_class(bare.split()[0].lower()):
            bare = bare[0].lower() + bare[1:]  # "Troops retook it": capitalised only to begin the sentence
        seat = None  # "the Foreign Ministry in Paris", "the authorities in Bamako": the country of the seat
        im = re.match(r"^(.+?)\s+in\s+([A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)?)$", bare)
        if im and _head_class(im[1]):
            bare, seat = im[1], self._place_country(im[2])
        elif (whole := re.fullmatch(r"([a-z][a-z -]*?)\s+of\s+.+", bare)) and not _head_class(whole[1]) \
                and not _PERSON_ROLE.match(whole[1]) and " in " not in whole[1]:
            bare = whole[1]  # "the crew of a cargo ship": crew
        elif where := re.fullmatch(r"([a-z][a-z -]*)\s+in\s+(.+)", bare):
            bare = where[1]  # "militias in Iraq", "gunmen in the camp": what they are, not where
            if _head_class(bare) and (place := re.search(r"[A-Z][\w'-]*(?:\s+[A-Z][\w'-]*)*", where[2])):
                seat = self._place_country(place[0])
        title = re.match(r"^(.+?)(?:'s|'|\u2019s)\s+([a-z][a-z' -]+)$", bare) or \
            re.match(r"^([A-Z][\w-]+)\s+((?:[a-z]+ )*(?:charge d'affaires|ambassador|envoy|spokes\w+))$", bare)
        if title and all(w in _TITLE_WORDS for w in title[2].split()) and title[2].split()[-1] not in _ORG_WORDS \
                and (owner_country := self._place_country(title[1])):
            # "Japan's chief cabinet secretary", unnamed, stands for the institution
            words = set(title[2].split())
            cls = ("defence_ministry" if words & {"defence", "defense"} else "foreign_ministry" if "foreign" in words
                   else "military" if words & {"army", "military", "navy", "general", "commander"} else "government")
            subject = re.fullmatch(r"(\w+(?: situations)?) minister", title[2])
            if subject and _head_class(f"{subject[1]} ministry") == "subject_ministry":
                return self._institution("subject_ministry", owner_country, f"{subject[1]} ministry")
            return self._institution(cls, owner_country, title[2])
        cls = _head_class(bare)
        words = bare.split()
        if len(words) > 1 and _PERSON_ROLE.match(words[-1]) and _head_class(" ".join(words[:-1])):
            cls = _head_class(" ".join(words[:-1]))  # "a foreign ministry spokeswoman": the ministry
        if re.search(r"(?-i:[A-Z])[\w.]*-(?:backed|supported|allied|aligned|sponsored|funded|trained|armed|affiliated|linked|led|"
                     r"leaning)\b|\bpro-\w|^(?:western|arab|gulf|african|asian|european|nordic|baltic|foreign|"
                     r"international|allied|coalition|western-backed)\s", bare, flags=re.IGNORECASE) \
                and cls not in ("foreign_ministry", "interior_ministry") or _NON_STATE.match(bare):
            # "Turkish-backed fighters" are not Turkey's forces, nor are "resistance fighters" any
            # state's; "Western diplomats" are no one country's
            kind = {"military": "military", "media": "media"}.get(cls or "", "government" if cls else "unknown")
            return self._register(_plain(bare), kind, None, m)
        civilian = re.fullmatch(r"(?:([A-Z][\w'-]*)\s+)?((?:fishing|merchant|cargo|commercial|passenger|civilian|oil|"
                                r"container|research|survey|aid)\s+(?:vessels?|ships?|boats?|trawlers?|tankers?|"
                                r"jets?|planes?|aircraft|flights?|convoys?|trucks?))", bare)
        if civilian:  # "Chinese fishing vessels" are no navy's
            actor = self._register(civilian[2], "unknown", self._country_of(civilian[1]) if civilian[1] else None, m)
            actor.plural = civilian[2].endswith("s")
            return actor
        community = re.fullmatch(r"([A-Z][\w'-]*)\s+([a-z][a-z -]*)", bare)
        if community and community[1] in _COMMUNITIES and _ARMED.search(community[2]):
            return self._register(bare, "military", None, m)  # "Druze fighters", "Kurdish opposition groups"
        words = bare.split()
        if len(words) > 1 and _PERSON_ROLE.match(words[-1]):  # "a Russian defence ministry spokesman"
            inner = _head_class(" ".join(words[:-1]))
            if inner is not None:
                cls = inner
            elif not any(w[:1].isupper() for w in words[:-1]):  # "an alliance official": the alliance
                owner = self._nominal("the " + " ".join(words[:-1]), m)
                if owner is not None:
                    return owner
        country = self._country_in(bare) or seat
        if country is None and cls is not None and (of := re.match(r"^([A-Z][\w-]*(?:\s+[A-Z][\w-]*)?)(?:'s|')\s", bare)):
            country = self._place_country(of[1])  # "Gaza's health ministry"
        if country is None and re.search(r"\bof\s+", bare):
            country = self._country_in(re.split(r"\bof\s+", bare, maxsplit=1)[1])
        if country is not None:
            words = bare.split()
            people = re.fullmatch(rf"(?:[\w-]+-year-old\s+)?(?:(?:{_CONDITION})\s+)*(?:[A-Z][\w-]*\s+)+"
                                  rf"(?:(?:{_CONDITION})\s+)*([a-z]*(?:s|men|people)|children|{_PERSON_NOUNS})", bare)
            if cls is None and people and not _PERSON_ROLE.match(people[1]):
                # "ten Vietnamese fishermen", "three ethnic Serb men": the group, with its country
                actor = self._register(people[1], "unknown", country, m)
                actor.plural = True
                return actor
            if cls is None and len(words) == 1 or self._is_country_name(bare):
                if self._country_of(bare) and self._capital_country(bare) and not self.gaz.demonym(bare):
                    return self._institution("government", country, bare)
                entry = self.dictionary.find(bare)
                if entry is not None:
                    return self._from_entry(entry, m)
                name = self.gaz.country(_alpha2(self.gaz, country))
                return self._register(name.name if name else bare, "state", country, m)
            if cls is not None and not self._named_org(bare):
                actor = self._institution(cls, country, bare)
                actor.heads.add(bare.split()[-1].lower())
                return actor
        named = self._named_org(bare)
        if named is not None:
            name, kind = named
            actor = self._register(name, kind, country, m)
            actor.heads.add(name.split()[-1].lower())
            return actor
        if country is not None:
            if cls is None:
                name = self.gaz.country(_alpha2(self.gaz, country))
                return self._register(name.name if name else bare, "state", country, m)
        if cls is not None:
            # no country in the mention: an earlier actor it continues ("a military spokesman" after
            # "Ukrainian soldiers"), else the country of its sentence's actors, else the document's
            # "the army" is a state's, and so are troops and soldiers; "the fighters" may be anyone's
            national = bool(re.fullmatch(r"army|military|armed forces", bare, flags=re.IGNORECASE))
            state_only = national or bool(re.search(
                r"(?:^|\s)(?:troops|soldiers?|navy|air ?force|servicem[ae]n|service ?members|marines|paratroopers|"
                r"conscripts|reservists|warplanes?|warships?|(?:army )?convoys?|(?:government|federal|security|regime|"
                r"junta|national|state) (?:forces|troops))$", bare, flags=re.IGNORECASE))
            same = self._same_class(cls, m, state_only)
            if same is not None:
                return same
            if cls == "media" and not bare[:1].isupper():
                actor = self._register(_plain(bare), "media", None, m)
                actor.plural = bare.lower().endswith("s")
                return actor
            cc = (self._dominant_country() or self._sentence_country(m)) if national else (
                self._sentence_country(m) or self._dominant_country())
            if not bare[:1].isupper():  # "the defence minister", not the "Kurdistan Regional Government"
                cc = cc or self._main_country()
            if cc is not None:
                return self._institution(cls, cc, bare)
        group = re.fullmatch(r"(?:([A-Z][\w-]*)\s+)?([a-z][a-z -]*)", bare)
        if group and not self._country_in(bare):
            # "displaced families": the group by its head noun; "Druze fighters" keep who they are
            name = re.sub(rf"^(?:(?:{_CONDITION})\s+)+", "", _plain(group[2]), flags=re.IGNORECASE)
            name = re.split(r"\s+of\s+", name)[0]  # "the crew of a tanker": crew
            if group[1] in _COMMUNITIES and _ARMED.search(name):
                name = f"{group[1]} {name}"
            actor = self._register(name, "unknown", None, m)
            actor.plural = name.endswith("s")
            return actor
        if bare[:1].isupper():  # "Rapid Support Forces": a named armed group
            kind = cls if cls in ("military", "media", "government") and len(words) > 1 else "unknown"
            return self._register(bare, kind, country, m)
        return None

    def _same_craft(self, t: str, m: _Mention) -> _Actor | None:
        """ "the aircraft", "the bombers", "the ship": the craft an earlier sentence introduced, not the
        jets scrambled to meet it in this one. The same noun first, then the same kind of craft."""
        noun = re.match(r"^the\s+(?:([\w-]+)\s+)?(\w+)$", t, flags=re.IGNORECASE)
        if noun is None or (kind := _craft(noun[2])) is None:
            return None
        country = self._country_of(noun[1]) if noun[1] and noun[1][:1].isupper() else None
        sent = self._sentence_of(m.start)
        earlier = [x for x in reversed(self._mentions) if x.actor is not None and x.end <= m.start
                   and (x.actor.kind == "military" or _craft(x.text.split()[-1]))
                   and self._sentence_of(x.start) != sent and (country is None or x.actor.country == country)]
        same = noun[2].lower().rstrip("s")
        for x in earlier:
            if x.text.split()[-1].lower().rstrip("s") == same:
                return x.actor
        for x in earlier:
            if _craft(x.text.split()[-1]) == kind:
                return x.actor
        return None

    def _is_country_name(self, text: str) -> bool:
        return bool(self.gaz.country_of_name(text) or self.gaz.demonym(text) or self._capital_country(text)
                    or self.dictionary.find(text))

    def _named_org(self, text: str) -> tuple[str, str] | None:
        """A capitalised name with an organisation word: "Baltic Security Institute" (think tank)."""
        text = re.sub(r"^(?:the)\s+", "", text, flags=re.IGNORECASE)
        owner = re.match(r"^(.+?)(?:'s|\u2019s)\s+(.+)$", text)
        if owner is None:  # "Belarus' State Border Committee"; but "Young Lawyers' Association" is a name
            owner = re.match(r"^(.+?s)['\u2019]\s+(.+)$", text)
            owner = owner if owner and self._country_of(owner[1]) else None
        if owner and self._country_in(owner[1]):  # "South Korea's National Intelligence Service"
            text = owner[2]
        words = text.split()
        caps = [w for w in words if w[:1].isupper() or w.lower() in ("of", "for", "and", "the", "on", "in")]
        if len(words) < 2 or len(caps) != len(words) or not words[-1][:1].isupper():
            return None
        lower = {w.lower().strip(",.") for w in words}
        if not lower & _ORG_WORDS:
            return None
        head = _head_class(" ".join(words))
        own_name = head == "government" and len(words) >= 2 and not self._country_in(words[0]) and \
            words[0].lower() not in _GENERIC_GOVERNMENT
        if head == "border_guard" or head and not own_name and not lower & (
                _THINK_TANK_WORDS | _MEDIA_WORDS | {"project", "group", "service", "agency", "directorate", "bureau",
                                                    "corps"}):
            return None  # "Defence Ministry", "State Border Guard Service": the country's institution
        name = " ".join(words)
        if lower & _THINK_TANK_WORDS:
            kind = "think_tank"
        elif lower & _MEDIA_WORDS:
            kind = "media"
        elif lower & _GOVERNMENT_WORDS:
            kind = "government"
        elif lower & _MILITARY_WORDS:
            kind = "military"
        else:
            kind = "organisation"
        return name, kind

    def _institution(self, cls: str, country: str, head: str) -> _Actor:
        name = self._country_name(country)
        if cls == "subject_ministry":
            subject = re.search(r"(\w+(?: situations)?) ministry$|ministry of (\w+(?: situations)?)$", head.lower())
            topic = (subject[1] or subject[2]).title() if subject else "State"
            return self._register_generic(f"Ministry of {topic} of {name}", "government", country, head, cls)
        if cls == "coast_guard":
            entry = next((e for e in self.dictionary.entries.values() if e.country == country and "coast guard"
                          in e.descriptions), None)
            if entry is not None:
                return self._register_generic(entry.name, entry.kind, country, head, cls)
        template, kind = _INSTITUTIONS.get(cls, _INSTITUTIONS["government"])
        override = self.dictionary.institutions.get(country, {}).get(cls) if cls in _OVERRIDABLE else None
        return self._register_generic(override or template.format(name), kind, country, head, cls)

    def _register_generic(self, name: str, kind: str, country: str, head: str, cls: str | None = None) -> _Actor:
        entry = self.dictionary.find(name)
        actor = self._register(entry.name if entry else name, entry.kind if entry else kind, country, None)
        actor.cls = actor.cls or cls
        actor.heads.add(head.split()[-1].lower() if head else "")
        actor.heads.add(head.lower())
        return actor

    def _country_name(self, alpha3: str) -> str:
        entry = self.gaz.country(_alpha2(self.gaz, alpha3))
        name = entry.name if entry else alpha3
        return f"the {name}" if name in _THE else name

    def _same_class(self, cls: str, m: _Mention, national: bool = False) -> _Actor | None:
        for x in sorted(self._antecedents(m), key=lambda x: -x.start):
            a = x.actor
            assert a is not None
            if cls == "military" and a.kind == "military" and (a.cls == "military" or not national):
                return a
            if a.cls == cls and a.country:
                return a
        return None

    def _dominant_country(self) -> str | None:
        """The document's country when one dominates what it names (half the mentions, two at least)."""
        if not self._context:
            return None
        cc, n = self._context.most_common(1)[0]
        return self.gaz.to_alpha3(cc) if n >= 2 and n * 2 >= sum(self._context.values()) else None

    def _main_country(self) -> str | None:
        """The country the document names most, however weakly."""
        return self.gaz.to_alpha3(self._context.most_common(1)[0][0]) if self._context else None

    def _sentence_country(self, m: _Mention) -> str | None:
        """The country of the nearest actor before `m` in its sentence ("Sandu told parliament")."""
        sent = self._sentence_of(m.start)
        for x in sorted(self._antecedents(m), key=lambda x: -x.start):
            if x.actor is not None and x.actor.country and (sent is None or self._sentence_of(x.start) == sent):
                return x.actor.country
        return None


def _expansion(phrase: str, acronym: str) -> str | None:
    """The words of `phrase` that `acronym` abbreviates: from the first one with its initial."""
    words = phrase.split()
    while words and not (words[0][:1] == acronym[0] and words[0][:1].isupper()):
        words.pop(0)
    if len(words) < 2:  # an acronym of another language ("ELN"): the capitalised name before it
        run = re.search(r"(?:[A-Z][\w'-]*\s+(?:(?:of|for|and|the)\s+)*)+[A-Z][\w'-]*$", phrase)
        words = run[0].split() if run else []
    return " ".join(words) if len(words) >= 2 else None


def _craft(noun: str) -> str | None:
    n = noun.lower()
    if re.fullmatch(r"aircraft|(?:war)?planes?|jets?|bombers?|helicopters?|drones?|awacs|"
                    r"[a-z]{1,4}-?\d{1,3}[a-z0-9-]*", n):
        return "aircraft"
    if re.fullmatch(r"(?:war)?ships?|vessels?|boats?|destroyers?|frigates?|corvettes?|submarines?|cutters?|"
                    r"carriers?|tankers?|trawlers?", n):
        return "ship"
    return None


def _initials(name: str) -> str:
    return "".join(w[0] for w in name.split() if w[:1].isupper())


def _inside_name(tokens: list[str], token: str) -> bool:
    """ "Sheikh" between two names ("Hassan Sheikh Mohamud") is a name, not a title."""
    i = len(tokens) - 1 - tokens[::-1].index(token)
    return i > 0 and tokens[i - 1][:1].isupper() and tokens[i - 1].lower() not in _TITLE_WORDS


def _head_class(text: str) -> str | None:
    t = text.strip().lower()
    for pattern, cls in _HEAD_RES:
        if pattern.search(t):
            return cls
    return None


def _subphrases(phrase: str) -> list[str]:
    words = phrase.split()
    out = []
    for n in range(len(words), 0, -1):
        for i in range(0, len(words) - n + 1):
            out.append(" ".join(words[i:i + n]))
    return out


def _alpha2(gaz: Gazetteer, alpha3: str | None) -> str | None:
    if not alpha3:
        return None
    for a2, a3 in gaz.alpha3.items():
        if a3 == alpha3:
            return a2
    return None


def _plain(text: str) -> str:
    t = _DETERMINER.sub("", text.strip())
    t = re.sub(r"^(?:(?:local|unnamed|unidentified|other|some|several|opposition|rival|(?-i:[a-z]+-led|pro-[a-z]+|"
               r"anti-[a-z]+))\s+)+(?=\w+$)", "", t, flags=re.IGNORECASE)
    return t.strip()
