"""Actor resolution: canonical names, kinds and countries, in-document coreference, and the user's
own actor file."""

from __future__ import annotations

import json
import re

import pytest

from eventx.actors import ActorDictionary, ActorResolver
from eventx.places import Gazetteer
from eventx.records import Entity
from eventx.text import split_sentences


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return Gazetteer(min_city_population=15000)


@pytest.fixture(scope="module")
def resolver(gazetteer: Gazetteer) -> ActorResolver:
    return ActorResolver(ActorDictionary(), gazetteer)


def resolve(resolver: ActorResolver, text: str, *mentions: tuple[str, str] | tuple[str, str, int]) -> list[Entity | None]:
    spans = []
    for m in mentions:
        needle, role = m[0], m[1]
        nth = m[2] if len(m) > 2 else 0
        start = [x.start() for x in re.finditer(rf"(?<!\w){re.escape(needle)}(?!\w)", text)][nth]
        spans.append((start, start + len(needle), role))
    return resolver.resolve_document(text, spans, split_sentences(text))


def test_name_title_and_pronoun_are_one_person(resolver: ActorResolver) -> None:
    text = ("Belarusian President Alexander Lukashenko said his army would stay home. Lukashenko told reporters "
            "that he had warned Moscow.")
    full, surname, he, moscow = resolve(resolver, text, ("Belarusian President Alexander Lukashenko", "speaker"),
                                        ("Lukashenko", "speaker", 1), ("he", "speaker"), ("Moscow", "addressee"))
    assert (full.name, full.kind, full.country) == ("Alexander Lukashenko", "person", "BLR")
    assert full.id == surname.id == he.id
    assert (moscow.name, moscow.kind, moscow.country) == ("Government of Russia", "government", "RUS")


def test_think_tank_acronym_and_nominal_are_one_actor(resolver: ActorResolver) -> None:
    text = ("The Institute for the Study of War said Russian forces were regrouping. The think tank added that "
            "ISW analysts expected no offensive.")
    isw, forces, tank, analysts = resolve(resolver, text, ("The Institute for the Study of War", "speaker"),
                                          ("Russian forces", "agent"), ("The think tank", "speaker"),
                                          ("ISW analysts", "speaker"))
    assert isw.name == "Institute for the Study of War" and isw.kind == "think_tank"
    assert isw.id == tank.id == analysts.id
    assert (forces.name, forces.kind, forces.country) == ("Armed Forces of Russia", "military", "RUS")


def test_unknown_person_coreference_and_gender(resolver: ActorResolver) -> None:
    text = ("Oleksandra Hrytsenko, a spokeswoman for Ukraine's southern command, said shelling continued. "
            "She said Mark Voss was wrong. Hrytsenko added that the military would respond.")
    first, she, voss, again = resolve(resolver, text, ("Oleksandra Hrytsenko", "speaker"), ("She", "speaker"),
                                      ("Mark Voss", "addressee"), ("Hrytsenko", "speaker", 1))
    assert first.kind == "person" and first.country == "UKR"
    assert first.id == she.id == again.id != voss.id


def test_country_institutions_get_generated_canonical_names(resolver: ActorResolver) -> None:
    text = ("The Russian Defence Ministry said Chinese jets and Israeli jets flew together. Kyiv said Polish "
            "officials agreed, and Latvian border guards closed the crossing.")
    mod, china, israel, kyiv, poland, latvia = resolve(
        resolver, text, ("The Russian Defence Ministry", "speaker"), ("Chinese jets", "agent"),
        ("Israeli jets", "agent"), ("Kyiv", "speaker"), ("Polish officials", "speaker"),
        ("Latvian border guards", "agent"))
    assert (mod.name, mod.kind) == ("Ministry of Defence of Russia", "government")
    assert (china.name, israel.name) == ("People's Liberation Army", "Israel Defense Forces")
    assert (kyiv.name, kyiv.kind, kyiv.country) == ("Government of Ukraine", "government", "UKR")
    assert poland.name == "Government of Poland"
    assert (latvia.name, latvia.country) == ("Border Guard of Latvia", "LVA")


def test_states_nominals_and_possessive_pronouns(resolver: ActorResolver) -> None:
    text = ("Mali's junta said its troops killed dozens of militants. The junta rejected a report by "
            "Human Rights Watch. The United States imposed sanctions on Russia.")
    junta, troops, militants, again, us, russia = resolve(
        resolver, text, ("Mali's junta", "speaker"), ("its troops", "agent"), ("dozens of militants", "victim"),
        ("The junta", "speaker"), ("The United States", "agent"), ("Russia", "target"))
    assert (junta.name, troops.name) == ("Government of Mali", "Armed Forces of Mali")
    assert again.id == junta.id
    assert (militants.name, militants.kind) == ("militants", "unknown")
    assert (us.name, us.kind, us.country) == ("United States", "state", "USA")
    assert (russia.kind, russia.country) == ("state", "RUS")


def test_rough_extractor_spans_still_resolve(resolver: ActorResolver) -> None:
    text = "As ISW has assessed, the risk is low. The ISW's report was cited. Monday was quiet."
    a, b, c = resolve(resolver, text, ("As ISW", "speaker"), ("The ISW's", "speaker"), ("Monday", "agent"))
    assert a.id == b.id and a.name == "Institute for the Study of War"
    assert c is None  # a weekday is no actor


def test_acronym_defined_in_the_text_and_members_of_a_group(resolver: ActorResolver) -> None:
    text = ("Fighters of the Sahel Liberation Front (SLF) attacked a convoy. The SLF said its fighters seized "
            "trucks. Kora militiamen later burned a village.")
    fighters, slf, its, kora = resolve(resolver, text, ("Fighters of the Sahel Liberation Front (SLF)", "agent"),
                                       ("The SLF", "speaker"), ("its fighters", "agent"),
                                       ("Kora militiamen", "agent"))
    assert fighters.name == "Sahel Liberation Front"
    assert fighters.id == slf.id == its.id
    assert (kora.name, kora.kind) == ("Kora", "military")


def test_seats_titles_and_groups_by_their_head_noun(resolver: ActorResolver) -> None:
    text = ("The Foreign Ministry in Paris protested. Japan's chief cabinet secretary said talks would go on. "
            "Norway-based Iran Human Rights said displaced families and ten Vietnamese fishermen were held.")
    paris, japan, ihr, families, fishermen = resolve(
        resolver, text, ("The Foreign Ministry in Paris", "speaker"), ("Japan's chief cabinet secretary", "speaker"),
        ("Norway-based Iran Human Rights", "speaker"), ("displaced families", "victim"),
        ("ten Vietnamese fishermen", "victim"))
    assert (paris.name, paris.country) == ("Ministry of Foreign Affairs of France", "FRA")
    assert (japan.name, japan.kind) == ("Government of Japan", "government")
    assert (ihr.name, ihr.country) == ("Iran Human Rights", "NOR")
    assert (families.name, families.country) == ("families", None)
    assert (fishermen.name, fishermen.kind, fishermen.country) == ("fishermen", "unknown", "VNM")


def test_the_army_is_a_states_not_an_armed_groups(resolver: ActorResolver) -> None:
    text = ("Wagner Group fighters and the Malian army patrolled near Kidal. Mali said the army lost two trucks.")
    wagner, mali_army, army = resolve(resolver, text, ("Wagner Group fighters", "agent"), ("the Malian army", "agent"),
                                      ("the army", "agent"))
    assert wagner.name == "Wagner Group"
    assert mali_army.name == army.name == "Armed Forces of Mali"


def test_names_with_particles_initials_and_sheikh(resolver: ActorResolver) -> None:
    text = ("Iraqi Prime Minister Mohammed Shia al-Sudani met President Hassan Sheikh Mohamud and Defence Minister "
            "Tore O. Sandvik.")
    sudani, mohamud, sandvik = resolve(resolver, text, ("Iraqi Prime Minister Mohammed Shia al-Sudani", "participant"),
                                       ("President Hassan Sheikh Mohamud", "participant"),
                                       ("Defence Minister Tore O. Sandvik", "participant"))
    assert (sudani.name, sudani.country) == ("Mohammed Shia al-Sudani", "IRQ")
    assert mohamud.name == "Hassan Sheikh Mohamud"
    assert sandvik.name == "Tore O. Sandvik"
    text = "Mark Voyger of the Transatlantic Defense Program told reporters. Voyger added that talks failed."
    voyger, surname = resolve(resolver, text, ("Mark Voyger of the Transatlantic Defense Program", "speaker"),
                              ("Voyger", "speaker", 1))
    assert voyger.name == "Mark Voyger" and voyger.id == surname.id


def test_ministries_by_subject_and_actors_named_after_their_country(resolver: ActorResolver) -> None:
    text = ("Lebanon's health ministry said Yemen's Houthis fired again. Japan's defence minister met King "
            "Abdullah II. The minister said they spoke about shipping.")
    health, houthis, japan, king, minister = resolve(
        resolver, text, ("Lebanon's health ministry", "speaker"), ("Yemen's Houthis", "agent"),
        ("Japan's defence minister", "participant"), ("King Abdullah II", "participant"), ("The minister", "speaker"))
    assert (health.name, health.country) == ("Ministry of Health of Lebanon", "LBN")
    assert houthis.name == "Houthis"
    assert japan.name == minister.name == "Ministry of Defence of Japan"
    assert (king.name, king.kind) == ("Abdullah II", "person")


def test_user_actor_file_extends_the_dictionary(tmp_path, gazetteer: Gazetteer) -> None:
    extra = tmp_path / "actors.json"
    extra.write_text(json.dumps({"actors": [{"name": "Baltic Security Institute", "kind": "think_tank",
                                              "country": "LTU", "aliases": ["the Vilnius institute"],
                                              "acronyms": ["BSI"], "descriptions": ["think tank"]}]}))
    resolver = ActorResolver(ActorDictionary(extra_files=[extra]), gazetteer)
    text = "BSI said the drills were routine. The think tank, the Vilnius institute, often says so."
    bsi, tank, alias = resolve(resolver, text, ("BSI", "speaker"), ("The think tank", "speaker"),
                               ("the Vilnius institute", "speaker"))
    assert (bsi.name, bsi.kind, bsi.country) == ("Baltic Security Institute", "think_tank", "LTU")
    assert bsi.id == tank.id == alias.id


def test_user_actor_file_from_the_environment(tmp_path, monkeypatch, gazetteer: Gazetteer) -> None:
    extra = tmp_path / "mine.json"
    extra.write_text(json.dumps({"actors": [{"name": "Aleksei Dyumin", "kind": "person", "country": "RUS",
                                              "aliases": ["Alexei Dyumin"], "gender": "m"}]}))
    monkeypatch.setenv("EVENTX_ACTORS", str(extra))
    resolver = ActorResolver(ActorDictionary(), gazetteer)
    (entity,) = resolve(resolver, "Governor Alexei Dyumin said drones hit Tula.", ("Governor Alexei Dyumin", "speaker"))
    assert (entity.name, entity.country) == ("Aleksei Dyumin", "RUS")


def test_a_craft_named_again_is_the_intruder_not_the_interceptor(resolver: ActorResolver) -> None:
    text = ("A Russian Su-24 bomber entered Estonian airspace on Monday. Finnish F/A-18 jets scrambled and escorted "
            "the aircraft out. The bombers had flown from Kaliningrad, the Estonian military said.")
    bomber, jets, aircraft, bombers = resolve(
        resolver, text, ("A Russian Su-24 bomber", "agent"), ("Finnish F/A-18 jets", "agent"),
        ("the aircraft", "target"), ("The bombers", "agent"))
    assert bomber.name == aircraft.name == bombers.name == "Armed Forces of Russia"
    assert jets.name == "Armed Forces of Finland"


def test_troops_are_a_states_and_resistance_fighters_no_ones(resolver: ActorResolver) -> None:
    text = ("The Arakan Army said it seized a base in Rakhine State, Myanmar. Troops retook it on Monday, while "
            "resistance fighters withdrew toward Sittwe.")
    arakan, troops, fighters = resolve(resolver, text, ("The Arakan Army", "speaker"), ("Troops", "agent"),
                                       ("resistance fighters", "agent"))
    assert arakan.name == "Arakan Army"
    assert troops.name == "Armed Forces of Myanmar"
    assert (fighters.name, fighters.country) == ("resistance fighters", None)


def test_a_possessive_belongs_to_the_subject_of_its_clause(resolver: ActorResolver) -> None:
    text = ("Georgian envoys met Russian officials in Geneva. A Russian diplomat told the Georgian delegation that "
            "Moscow would not withdraw its troops.")
    delegation, moscow, troops = resolve(resolver, text, ("the Georgian delegation", "addressee"),
                                         ("Moscow", "agent"), ("its troops", "agent"))
    assert delegation.name == "Government of Georgia"
    assert moscow.name == "Government of Russia" and troops.name == "Armed Forces of Russia"


def test_counterparts_spokesmen_and_a_group_that_governs(resolver: ActorResolver) -> None:
    text = ("Iranian Foreign Minister Abbas Araghchi met his Omani counterpart in Muscat. UN Secretary-General "
            "Antonio Guterres welcomed the talks, his spokesman said. Taliban officials and a Taliban government "
            "spokesman said Kabul was not invited.")
    oman, _, spokesman, officials, taliban = resolve(
        resolver, text, ("his Omani counterpart", "participant"), ("UN Secretary-General Antonio Guterres", "speaker"),
        ("his spokesman", "speaker"),
        ("Taliban officials", "speaker"), ("a Taliban government spokesman", "speaker"))
    assert oman.name == "Ministry of Foreign Affairs of Oman"
    assert spokesman.name == "United Nations"
    assert officials.name == taliban.name == "Government of Afghanistan"


def test_the_same_noun_and_a_plural_they_refer_back(resolver: ActorResolver) -> None:
    text = ("Kenyan police officers arrived in Port-au-Prince on Monday. The officers came under fire from gangs. "
            "Ugandan troops reached Juba, and President Salva Kiir's spokesman said the Ugandan forces would stay as "
            "long as they were needed.")
    kenyans, officers, _, they = resolve(resolver, text, ("Kenyan police officers", "agent"),
                                         ("The officers", "victim"), ("the Ugandan forces", "agent"), ("they", "agent"))
    assert kenyans.name == officers.name == "Police of Kenya"
    assert they.name == "Armed Forces of Uganda"


def test_ranks_nicknames_places_as_owners_and_the_south(resolver: ActorResolver) -> None:
    text = ('Air Commodore Musa Dankano said gang leader Rony "Big Boss" Celestin had fled. Gaza\'s health ministry '
            "and Kherson's governor said the same. North Korea fired a missile, the South said.")
    dankano, celestin, gaza, kherson, south = resolve(
        resolver, text, ("Air Commodore Musa Dankano", "speaker"), ('gang leader Rony "Big Boss" Celestin', "agent"),
        ("Gaza's health ministry", "speaker"), ("Kherson's governor", "speaker"), ("the South", "speaker"))
    assert dankano.name == "Musa Dankano"
    assert celestin.name == "Rony Celestin"
    assert (gaza.name, gaza.country) == ("Ministry of Health of the Palestinian Territory", "PSE")
    assert kherson.name == "Government of Ukraine"
    assert (south.name, south.kind) == ("South Korea", "state")


def test_descriptions_around_a_name_are_not_part_of_it(resolver: ActorResolver) -> None:
    text = ("The opposition Democratic Renewal Party said Kenya's Daily Nation newspaper had misquoted it. The "
            "Ambazonia Defence Forces (ADF) said the ADF would keep fighting. Suspected insurgents and Druze "
            "fighters were blamed.")
    party, paper, adf, insurgents, druze = resolve(
        resolver, text, ("The opposition Democratic Renewal Party", "speaker"),
        ("Kenya's Daily Nation newspaper", "target"), ("the ADF", "speaker"), ("Suspected insurgents", "agent"),
        ("Druze fighters", "agent"))
    assert party.name == "Democratic Renewal Party"
    assert (paper.name, paper.kind, paper.country) == ("Daily Nation", "media", "KEN")
    assert adf.name == "Ambazonia Defence Forces"  # the text's definition, not the dictionary's ADF
    assert (insurgents.name, insurgents.country) == ("insurgents", None)
    assert (druze.name, druze.kind) == ("Druze fighters", "military")


def test_people_and_craft_that_belong_to_no_institution(resolver: ActorResolver) -> None:
    text = ("A 16-year-old Syrian boy and the crew of a cargo ship were rescued. Militias in Iraq and more than 200 "
            "Chinese fishing vessels were seen. Eritrea's information minister said Congo had agreed.")
    boy, crew, militias, boats, minister, congo = resolve(
        resolver, text, ("A 16-year-old Syrian boy", "victim"), ("the crew of a cargo ship", "victim"),
        ("Militias in Iraq", "agent"), ("more than 200 Chinese fishing vessels", "agent"),
        ("Eritrea's information minister", "speaker"), ("Congo", "participant"))
    assert (boy.name, boy.country) == ("boy", "SYR")
    assert crew.name == "crew"
    assert militias.name == "militias"
    assert (boats.name, boats.kind, boats.country) == ("fishing vessels", "unknown", "CHN")
    assert minister.name == "Ministry of Information of Eritrea"
    assert congo.name == "Democratic Republic of the Congo"  # Reuters' "Congo"


def test_a_group_that_governs_has_forces_and_ministries(resolver: ActorResolver) -> None:
    text = ("Afghan Taliban forces clashed with Pakistani troops. The Taliban's defence ministry said 30 of the "
            "group's fighters had been killed by the JNIM, the al Qaeda affiliate, last year.")
    forces, ministry = resolve(resolver, text, ("Afghan Taliban forces", "agent"),
                               ("The Taliban's defence ministry", "speaker"))
    assert forces.name == "Armed Forces of Afghanistan"
    assert ministry.name == "Ministry of Defence of Afghanistan"


def test_institutions_named_by_a_demonym_and_offices_named_nowhere(resolver: ActorResolver) -> None:
    text = ("The FBI said the Iranian consulate had been warned. Port of Spain said a police patrol was attacked.")
    fbi, consulate, port, patrol = resolve(
        resolver, text, ("The FBI", "speaker"), ("the Iranian consulate", "addressee"), ("Port of Spain", "speaker"),
        ("a police patrol", "victim"))
    assert (fbi.name, fbi.country) == ("Federal Bureau of Investigation", "USA")
    assert consulate.name == "Government of Iran"
    assert port.name == "Government of Trinidad and Tobago"
    assert patrol.name == "Police of Trinidad and Tobago"
    text = ("Protesters marched in Skopje, North Macedonia, on Monday. The outgoing prime minister resigned, and the "
            "country held talks.")
    pm, country = resolve(resolver, text, ("The outgoing prime minister", "agent"), ("the country", "participant"))
    assert pm.name == "Government of North Macedonia"
    assert (country.name, country.kind) == ("North Macedonia", "state")


def test_militants_are_an_armed_group_not_the_monitor_that_counts_them(resolver: ActorResolver) -> None:
    text = "ACLED said al-Shabaab fighters attacked a base in Somalia. The militants lost 20 men."
    acled, shabaab, militants = resolve(resolver, text, ("ACLED", "speaker"), ("al-Shabaab fighters", "agent"),
                                        ("The militants", "victim"))
    assert acled.name == "Armed Conflict Location & Event Data Project"
    assert militants.name == shabaab.name == "al-Shabaab"


def test_capitalised_names_of_organisations_are_not_people(resolver: ActorResolver) -> None:
    text = ("The Vilnius Centre for Security Policy and Radio Tele Soleil said Deputy Minister of Public Security "
            "Arnas Petraitis had resigned.")
    centre, radio, deputy = resolve(resolver, text, ("The Vilnius Centre for Security Policy", "speaker"),
                                    ("Radio Tele Soleil", "speaker"),
                                    ("Deputy Minister of Public Security Arnas Petraitis", "agent"))
    assert (centre.name, centre.kind) == ("Vilnius Centre for Security Policy", "think_tank")
    assert radio.name == "Radio Tele Soleil" and radio.kind != "person"
    assert (deputy.name, deputy.kind) == ("Arnas Petraitis", "person")
