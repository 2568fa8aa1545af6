"""Generate varied, exactly annotated training documents from templates and slot fillers.

Generated text is for training only: never for dev or test. Sentences come from per-type templates
whose slots ({role:kind}) are filled from lists of actors, places, aircraft, units, facilities
and dates; verbs ({V:lemma}) are inflected for polarity and modality (negated, hedged,
hypothetical); many sentences are wrapped in reporting frames that add a STATEMENT. The
annotation is built with the text, so every offset is exact by construction.

    python scripts/generate_corpus.py --docs 2000 --seed 1 -o build/generated.jsonl
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import re
from pathlib import Path

from eventx.records import Argument, Document, Event, Span, TimeValue
from eventx.text import sentence_index, split_sentences

STATES = [("Russia", "Russian", "Moscow"), ("Belarus", "Belarusian", "Minsk"),
          ("China", "Chinese", "Beijing"), ("Iran", "Iranian", "Tehran"),
          ("North Korea", "North Korean", "Pyongyang"), ("Turkey", "Turkish", "Ankara"),
          ("the United States", "American", "Washington"), ("France", "French", "Paris"),
          ("Poland", "Polish", "Warsaw"), ("Ukraine", "Ukrainian", "Kyiv"),
          ("Israel", "Israeli", "Jerusalem"), ("Azerbaijan", "Azerbaijani", "Baku"),
          ("Armenia", "Armenian", "Yerevan"), ("Japan", "Japanese", "Tokyo"),
          ("South Korea", "South Korean", "Seoul"), ("Mali", "Malian", "Bamako"),
          ("Niger", "Nigerien", "Niamey"), ("Romania", "Romanian", "Bucharest"),
          ("Lithuania", "Lithuanian", "Vilnius"), ("Estonia", "Estonian", "Tallinn"),
          ("Latvia", "Latvian", "Riga"), ("Finland", "Finnish", "Helsinki"),
          ("Georgia", "Georgian", "Tbilisi"), ("Syria", "Syrian", "Damascus"),
          ("Taiwan", "Taiwanese", "Taipei"), ("the Philippines", "Philippine", "Manila"),
          ("Moldova", "Moldovan", "Chisinau"), ("Sudan", "Sudanese", "Khartoum")]
PEOPLE = ["Colonel Anna Berg", "General Viktor Halas", "Defence Minister Laura Kivi",
          "Foreign Minister Tomas Adler", "spokesman Igor Petrenko", "Admiral Kenji Sato",
          "President Amadou Keita", "Major General Rasa Vilkas", "spokeswoman Maria Ionescu",
          "Prime Minister Jonas Lind", "Lieutenant Colonel Omar Haddad", "Captain Li Wen",
          "Deputy Defence Minister Pavel Sirko", "the regional governor", "a senior official"]
ORGS = ["the Institute for Defence Analysis", "the Baltic Security Monitor", "the defence ministry",
        "the General Staff", "the border guard service", "NATO's air command",
        "the Eastern Flank Observatory", "the foreign ministry", "the Joint Chiefs of Staff",
        "the monitoring group Sky Watch", "the Sahel Conflict Tracker", "the presidential office",
        "the think tank", "local officials", "the air force"]
MEDIA = ["in a statement", "in a tweet", "during a briefing", "in its daily assessment",
         "in a video address", "in an interview", "at a press conference", "on Telegram"]
AIRCRAFT = ["two Su-27 fighter jets", "an Il-20 reconnaissance plane", "a Tu-95 bomber",
            "a Shahed-136 drone", "three attack drones", "a surveillance balloon",
            "an AWACS aircraft", "two J-16 fighters", "a Ka-52 helicopter", "a cruise missile",
            "a Beriev A-50 surveillance aircraft", "four H-6 bombers", "a military transport plane",
            "an unidentified drone", "two MiG-31 interceptors"]
FACILITIES = ["the Zokniai air base", "the Kant air base", "a forward airfield",
              "the Lida airfield", "the naval base at Tartus", "the Amari air base",
              "a new drone base", "the Baranovichi airfield", "the Hmeimim air base",
              "an air defence site", "the Machulishchy airfield", "the port of Sevastopol",
              "a logistics hub", "the Deblin air base", "the Camp Simba outpost"]
PLACES = ["the Gomel region", "the Black Sea", "Kaliningrad", "the Gulf of Finland", "Crimea",
          "the Taiwan Strait", "the Donetsk region", "Gotland", "the Suwalki Gap", "Transnistria",
          "the Golan Heights", "the Nineveh plain", "the Kherson region", "the Sea of Japan",
          "the Menaka region", "northern Syria", "the Brest region", "the Yellow Sea",
          "the Lachin corridor", "the Baltic Sea"]
FORCES = ["3,000 troops", "an armoured brigade", "two battalions", "S-400 air defence systems",
          "a carrier strike group", "Patriot batteries", "hundreds of paratroopers",
          "Iskander missile launchers", "a squadron of F-35 jets", "combat engineers",
          "a mechanised division", "special forces units", "dozens of tanks"]
ITEMS = ["air defence systems", "artillery shells", "armoured vehicles", "a $400 million package",
         "anti-tank missiles", "training for pilots", "attack drones", "demining equipment",
         "radar systems", "ammunition", "night-vision equipment", "coastal defence missiles"]
TARGETS = ["a fuel depot", "an ammunition warehouse", "a power station", "a military airfield",
           "a command post", "residential buildings", "a railway bridge", "a radar station",
           "border posts", "a convoy"]
VICTIMS = ["three soldiers", "two civilians", "at least 12 people", "a border guard",
           "several pilots", "dozens of fighters", "four peacekeepers", "five sailors"]
INSTRUMENTS = ["drones", "cruise missiles", "artillery", "ballistic missiles", "glide bombs",
               "rockets", "loitering munitions"]

VERBS = {  # lemma: (past, participle, third person)
    "enter": ("entered", "entered", "enters"), "violate": ("violated", "violated", "violates"),
    "cross": ("crossed", "crossed", "crosses"), "fly": ("flew", "flown", "flies"),
    "patrol": ("patrolled", "patrolled", "patrols"), "close": ("closed", "closed", "closes"),
    "restrict": ("restricted", "restricted", "restricts"), "equip": ("equipped", "equipped", "equips"),
    "expand": ("expanded", "expanded", "expands"), "build": ("built", "built", "builds"),
    "reinforce": ("reinforced", "reinforced", "reinforces"), "upgrade": ("upgraded", "upgraded", "upgrades"),
    "grant": ("granted", "granted", "grants"), "allow": ("allowed", "allowed", "allows"),
    "deploy": ("deployed", "deployed", "deploys"), "send": ("sent", "sent", "sends"),
    "move": ("moved", "moved", "moves"), "station": ("stationed", "stationed", "stations"),
    "strike": ("struck", "struck", "strikes"), "shell": ("shelled", "shelled", "shells"),
    "attack": ("attacked", "attacked", "attacks"), "launch": ("launched", "launched", "launches"),
    "kill": ("killed", "killed", "kills"), "wound": ("wounded", "wounded", "wounds"),
    "deliver": ("delivered", "delivered", "delivers"), "supply": ("supplied", "supplied", "supplies"),
    "provide": ("provided", "provided", "provides"), "sanction": ("sanctioned", "sanctioned", "sanctions"),
    "expel": ("expelled", "expelled", "expels"), "meet": ("met", "met", "meets"),
    "sign": ("signed", "signed", "signs"), "capture": ("captured", "captured", "captures"),
    "hit": ("hit", "hit", "hits"), "fortify": ("fortified", "fortified", "fortifies"), "mass": ("massed", "massed", "masses"),
}

# {role:kind} slots, {V:lemma} verb triggers, {N:word} nominal triggers. One trigger a template.
TEMPLATES: dict[str, list[str]] = {
    "AIRSPACE_INCURSION": [
        "{aircraft:aircraft} {V:enter} {location:airspace} {time:time}",
        "{aircraft:aircraft} {V:violate} {location:airspace} near {location:place} {time:time}",
        "{agent:state} {V:fly} {aircraft:aircraft} into {location:airspace} {time:time}",
        "{aircraft:aircraft} from {agent:state} {V:cross} into {location:airspace} {time:time}",
        "{aircraft:aircraft} {V:patrol} {location:airspace} along the border {time:time}",
        "the {N:incursion} by {aircraft:aircraft} into {location:airspace} {time:time} lasted four minutes",
        "{agent:demonym} {aircraft:aircraft} {V:enter} {location:airspace} without a flight plan {time:time}",
        "a {N:violation} of {location:airspace} by {aircraft:aircraft} was recorded {time:time}",
    ],
    "AIRSPACE_CLOSURE": [
        "{agent:state} {V:close} {location:airspace} to civilian flights {time:time}",
        "{agent:gov} {V:restrict} flights over {location:place} {time:time}",
        "new airspace {N:restrictions} were imposed over {location:place} {time:time}",
        "{agent:gov} declared a {N:no-fly} zone over {location:place} {time:time}",
        "a flight {N:ban} over {location:place} was announced by {agent:gov} {time:time}",
    ],
    "BASE_EQUIPPING": [
        "{agent:military} {V:equip} {facility:facility} with new hangars {time:time}",
        "{agent:military} {V:expand} {facility:facility} in {location:place} {time:time}",
        "engineers from {agent:state} {V:build} {facility:facility} near {location:place} {time:time}",
        "{agent:military} {V:reinforce} {facility:facility} with air defence {time:time}",
        "{agent:military} {V:upgrade} {facility:facility} {time:time}",
        "there were activities to {Vb:equip} {facility:facility} in {location:place} {time:time}",
        "the {N:expansion} of {facility:facility} by {agent:military} began {time:time}",
        "{agent:demonym} troops {V:fortify} {facility:facility} {time:time}",
    ],
    "MILITARY_ACCESS": [
        "{agent:state} {V:grant} {recipient:state} access to {facility:facility} {time:time}",
        "{agent:state} {V:allow} {recipient:demonym} forces to use {facility:facility} {time:time}",
        "{agent:state} gave {recipient:state} full {N:control} of {facility:facility} {time:time}",
        "{agent:gov} opened its airspace to {recipient:demonym} aircraft under an {N:access} deal {time:time}",
    ],
    "DEPLOYMENT": [
        "{agent:state} {V:deploy} {forces:forces} to {location:place} {time:time}",
        "{agent:military} {V:send} {forces:forces} from {origin:place} to {location:place} {time:time}",
        "{agent:state} {V:move} {forces:forces} closer to {location:place} {time:time}",
        "{agent:military} {V:station} {forces:forces} in {location:place} {time:time}",
        "{agent:state} {V:mass} {forces:forces} near {location:place} {time:time}",
        "the {N:deployment} of {forces:forces} to {location:place} was completed {time:time}",
    ],
    "ATTACK": [
        "{agent:military} {V:strike} {target:target} in {location:place} with {instrument:instrument} {time:time}",
        "{agent:demonym} forces {V:shell} {target:target} near {location:place} {time:time}",
        "{instrument:instrument} {V:hit} {target:target} in {location:place} {time:time}",
        "{agent:state} {V:launch} {instrument:instrument} at {target:target} {time:time}",
        "{agent:demonym} {N:airstrikes} on {target:target} in {location:place} {time:time} caused heavy damage",
        "the {N:invasion} of {target:state} by {agent:state} began {time:time}",
    ],
    "CASUALTIES": [
        "{victim:victim} were {V:kill} in {location:place} {time:time}",
        "{victim:victim} were {V:wound} by {agent:demonym} shelling in {location:place} {time:time}",
        "{agent:demonym} forces {V:capture} {victim:victim} near {location:place} {time:time}",
        "heavy {N:losses} among {victim:demonym} troops were reported in {location:place} {time:time}",
    ],
    "MILITARY_AID": [
        "{agent:state} {V:deliver} {item:item} to {recipient:state} {time:time}",
        "{agent:gov} {V:supply} {recipient:state} with {item:item} {time:time}",
        "{agent:state} {V:provide} {item:item} to {recipient:demonym} forces {time:time}",
        "a new {N:aid} package from {agent:state} for {recipient:state} includes {item:item}",
    ],
    "SANCTION": [
        "{agent:gov} imposed {N:sanctions} on {target:sanctioned} {time:time}",
        "{agent:gov} {V:sanction} {target:sanctioned} {time:time}",
        "{agent:gov} {V:expel} {target:diplomats} {time:time}",
        "an arms {N:embargo} on {target:state} was announced by {agent:gov} {time:time}",
    ],
    "MEETING": [
        "{participant:person} {V:meet} {participant:person} in {location:city} {time:time}",
        "{participant:gov} held {N:talks} with {participant:gov} in {location:city} {time:time}",
        "officials from {participant:state} and {participant:state} held {N:negotiations} in {location:city} {time:time}",
        "{participant:person} {N:visited} {location:city} {time:time}",
    ],
    "AGREEMENT": [
        "{participant:state} and {participant:state} {V:sign} a defence pact in {location:city} {time:time}",
        "{participant:gov} reached a {N:ceasefire} with {participant:gov} {time:time}",
        "a new {N:agreement} between {participant:state} and {participant:state} was signed in {location:city} {time:time}",
        "{participant:state} and {participant:state} agreed a prisoner exchange {N:deal} {time:time}",
    ],
}
SAY = ["said", "stated", "warned", "claimed", "noted", "reported", "told reporters", "wrote",
       "assessed", "announced"]
HEDGES = ["reportedly", "allegedly", "likely", "apparently"]
HYPOTHETICAL = ["could", "may", "would", "might"]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December"]


def time_expression(rng: random.Random, pub: dt.date) -> tuple[str, TimeValue]:
    kind = rng.randrange(10)
    if kind == 0:
        back = rng.randint(1, 6)
        day = pub - dt.timedelta(days=back)
        return f"on {WEEKDAYS[day.weekday()]}", TimeValue(value=day.isoformat(), granularity="day", source="gold")
    if kind == 1:
        day = pub - dt.timedelta(days=1)
        return "yesterday", TimeValue(value=day.isoformat(), granularity="day", source="gold")
    if kind == 2:
        y, w, _ = (pub - dt.timedelta(days=7)).isocalendar()
        return "last week", TimeValue(value=f"{y}-W{w:02d}", granularity="week", source="gold")
    if kind == 3:
        day = pub - dt.timedelta(days=rng.randint(2, 60))
        return f"on {MONTHS[day.month - 1]} {day.day}", TimeValue(value=day.isoformat(), granularity="day", source="gold")
    if kind == 4:
        m = (pub.replace(day=1) - dt.timedelta(days=rng.randint(1, 150))).replace(day=1)
        part, mod = rng.choice([("early", "EARLY"), ("mid-", "MID"), ("late", "LATE")])
        text = f"in {part}{'' if part.endswith('-') else ' '}{MONTHS[m.month - 1]}"
        return text, TimeValue(value=f"{m.year}-{m.month:02d}", granularity="month", mod=mod, source="gold")
    if kind == 5:
        return "earlier this month", TimeValue(value=f"{pub.year}-{pub.month:02d}", granularity="month", source="gold")
    if kind == 6:
        n = rng.randint(2, 5)
        day = pub - dt.timedelta(days=n)
        word = ["two", "three", "four", "five"][n - 2]
        return f"{word} days ago", TimeValue(value=day.isoformat(), granularity="day", source="gold")
    if kind == 7:
        return rng.choice(["overnight", "this morning"]), TimeValue(
            value=pub.isoformat(), granularity="day", source="gold")
    if kind == 8:
        year = pub.year - rng.randint(1, 8)
        return f"in {year}", TimeValue(value=str(year), granularity="year", source="gold")
    day = pub - dt.timedelta(days=rng.randint(30, 900))
    return (f"on {MONTHS[day.month - 1]} {day.day}, {day.year}",
            TimeValue(value=day.isoformat(), granularity="day", source="gold"))


def filler(kind: str, rng: random.Random) -> str:
    state, demonym, capital = rng.choice(STATES)
    return {
        "aircraft": lambda: rng.choice(AIRCRAFT),
        "airspace": lambda: rng.choice([f"{demonym} airspace", f"the airspace of {state}",
                                        f"{state}'s airspace"]),
        "place": lambda: rng.choice(PLACES), "city": lambda: capital, "state": lambda: state[0].upper() + state[1:] if not state.startswith("the ") else state,
        "demonym": lambda: demonym, "gov": lambda: rng.choice([capital, f"the {demonym} government", state]),
        "military": lambda: rng.choice([f"the {demonym} military", f"{demonym} forces", f"the {demonym} army", state]),
        "facility": lambda: rng.choice(FACILITIES), "forces": lambda: rng.choice(FORCES),
        "item": lambda: rng.choice(ITEMS), "target": lambda: rng.choice(TARGETS),
        "victim": lambda: rng.choice(VICTIMS), "instrument": lambda: rng.choice(INSTRUMENTS),
        "person": lambda: rng.choice(PEOPLE[:12]), "sanctioned": lambda: rng.choice(
            [f"{demonym} drone makers", f"four {demonym} officials", f"{demonym} banks", f"the {demonym} central bank"]),
        "diplomats": lambda: rng.choice([f"{demonym} diplomats", f"two {demonym} military attaches"]),
    }[kind]()


class Builder:
    """Accumulates text and spans; offsets are taken as the text grows."""

    def __init__(self) -> None:
        self.text = ""
        self.events: list[dict] = []

    def add(self, piece: str) -> tuple[int, int]:
        start = len(self.text)
        self.text += piece
        return start, len(self.text)


def verb_form(lemma: str, polarity: str, modality: str, rng: random.Random) -> tuple[str, str, str]:
    """(before, trigger word, after) for a verb in the chosen polarity and modality."""
    past, participle, _ = VERBS.get(lemma, (lemma + "ed", lemma + "ed", lemma + "s"))
    if polarity == "negative":
        return rng.choice([("did not ", lemma, ""), ("has not ", participle, ""), ("never ", past, "")])
    if modality == "hedged":
        return rng.choice([(f"{rng.choice(HEDGES)} ", past, ""), ("is believed to have ", participle, ""),
                           ("may have ", participle, "")])
    if modality == "hypothetical":
        return rng.choice([(f"{rng.choice(HYPOTHETICAL)} ", lemma, ""), ("plans to ", lemma, ""),
                           ("threatened to ", lemma, "")])
    return "", past, ""


def render_clause(b: Builder, etype: str, template: str, rng: random.Random, pub: dt.date,
                  capitalise: bool) -> dict:
    polarity, modality = "positive", "asserted"
    has_verb = "{V:" in template
    if has_verb:
        roll = rng.random()
        polarity = "negative" if roll < 0.12 else "positive"
        modality = "hedged" if 0.12 <= roll < 0.27 else "hypothetical" if 0.27 <= roll < 0.37 else "asserted"
    event = {"type": etype, "arguments": [], "polarity": polarity, "modality": modality, "time": None}
    parts = re.split(r"(\{[^}]+\})", template)
    first = True
    for part in parts:
        if not part:
            continue
        if not part.startswith("{"):
            b.add(part[0].upper() + part[1:] if first and capitalise else part)
            first = False
            continue
        slot, kind = part[1:-1].split(":")
        if slot in ("V", "Vb"):
            before, word, after = verb_form(kind, polarity, modality, rng) if slot == "V" else ("", kind, "")
            b.add(before)
            event["trigger"] = b.add(word)
            b.add(after)
        elif slot == "N":
            text = kind
            if first and capitalise:
                text = text[0].upper() + text[1:]
            event["trigger"] = b.add(text)
        elif slot == "time":
            if rng.random() < 0.3:
                b.text = b.text.rstrip(" ")
                continue
            text, value = time_expression(rng, pub)
            event["arguments"].append(("time", b.add(text)))
            event["time"] = value
        else:
            text = filler(kind, rng)
            if first and capitalise:
                text = text[0].upper() + text[1:]
            event["arguments"].append((slot, b.add(text)))
        first = False
    return event


def sentence(b: Builder, rng: random.Random, pub: dt.date, weights: dict[str, float]) -> None:
    etype = rng.choices(list(weights), list(weights.values()))[0]
    template = rng.choice(TEMPLATES[etype])
    frame = rng.random()
    if frame < 0.45:  # no reporting frame
        b.events.append(render_clause(b, etype, template, rng, pub, True))
        b.add(". ")
        return
    speaker = rng.choice([lambda: rng.choice(PEOPLE), lambda: rng.choice(ORGS)])()
    say = rng.choice(SAY)
    statement = {"type": "STATEMENT", "arguments": [], "polarity": "positive",
                 "modality": "asserted", "time": None}
    if frame < 0.7:  # Speaker said (medium) (time) that clause.
        statement["arguments"].append(("speaker", b.add(speaker[0].upper() + speaker[1:])))
        b.add(" ")
        word, _, addressee = say.partition(" ")
        statement["trigger"] = b.add(word)
        if addressee:
            b.add(" ")
            statement["arguments"].append(("addressee", b.add(addressee)))
        if rng.random() < 0.35:
            b.add(" ")
            statement["arguments"].append(("medium", b.add(rng.choice(MEDIA))))
        b.add(" that ")
        b.events.append(render_clause(b, etype, template, rng, pub, False))
        b.add(". ")
    elif frame < 0.85:  # "Clause," speaker said.
        b.add("\u201c")
        b.events.append(render_clause(b, etype, template, rng, pub, True))
        b.add(",\u201d ")
        statement["arguments"].append(("speaker", b.add(speaker)))
        b.add(" ")
        statement["trigger"] = b.add("said")
        b.add(". ")
    else:  # According to speaker, clause.
        b.add("According")
        statement["trigger"] = (len(b.text) - len("According"), len(b.text))
        b.add(" to ")
        statement["arguments"].append(("speaker", b.add(speaker)))
        b.add(", ")
        b.events.append(render_clause(b, etype, template, rng, pub, False))
        b.add(". ")
    b.events.append(statement)


def document(rng: random.Random, index: int, weights: dict[str, float]) -> Document:
    pub = dt.date(2014, 1, 1) + dt.timedelta(days=rng.randint(0, 12 * 365))
    b = Builder()
    for _ in range(rng.randint(3, 6)):
        for _ in range(rng.randint(1, 3)):
            sentence(b, rng, pub, weights)
        b.text = b.text.rstrip(" ")
        b.add("\n")
    text = b.text.rstrip("\n")
    sentences = split_sentences(text)
    events = []
    for e in b.events:
        if "trigger" not in e:
            continue
        t0, t1 = e["trigger"]
        args = [Argument(role=role, text=text[s:t], start=s, end=t) for role, (s, t) in e["arguments"]]
        events.append(Event(id=f"gen{index}-e{len(events) + 1}", type=e["type"],
                            trigger=Span(text=text[t0:t1], start=t0, end=t1), arguments=args,
                            polarity=e["polarity"], modality=e["modality"], time=e["time"],
                            sentence=sentence_index(sentences, t0)))
    return Document(id=f"generated-{index:06d}", text=text, published=pub, sentences=sentences,
                    events=events, meta={"origin": "generated"})


def generate(n: int, seed: int = 1) -> list[Document]:
    rng = random.Random(seed)
    weights = {t: 1.0 for t in TEMPLATES}
    weights.update({"AIRSPACE_INCURSION": 2.0, "BASE_EQUIPPING": 2.0})
    return [document(rng, i, weights) for i in range(n)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=2000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    args.output.parent.mkdir(parents=True, exist_ok=True)
    with open(args.output, "w", encoding="utf-8") as f:
        f.writelines(doc.model_dump_json(exclude_none=True) + "\n" for doc in generate(args.docs, args.seed))
    print(f"wrote {args.docs} generated documents to {args.output}")


if __name__ == "__main__":
    main()
