import json

import pytest

from eventx.errors import OntologyError
from eventx.ontology import Ontology

REQUIRED = {
    "AIRSPACE_INCURSION": {"agent", "aircraft", "location", "time"},
    "AIRSPACE_CLOSURE": {"agent", "location", "time"},
    "BASE_EQUIPPING": {"agent", "facility", "location", "time"},
    "MILITARY_ACCESS": {"agent", "recipient", "facility", "location", "time"},
    "DEPLOYMENT": {"agent", "forces", "origin", "location", "time"},
    "ATTACK": {"agent", "target", "instrument", "location", "time"},
    "CASUALTIES": {"victim", "agent", "location", "time"},
    "MILITARY_AID": {"agent", "recipient", "item", "time"},
    "SANCTION": {"agent", "target", "time"},
    "MEETING": {"participant", "location", "time"},
    "AGREEMENT": {"participant", "location", "time"},
    "STATEMENT": {"speaker", "addressee", "medium", "time", "location"},
}


def test_default_has_the_v1_types_and_roles():
    onto = Ontology.default()
    assert onto.version.startswith("1.")
    for name, roles in REQUIRED.items():
        assert set(onto.types[name].roles) == roles
        assert onto.types[name].definition
    assert set(onto.all_roles) <= set(onto.roles)


def test_user_file_extends_without_code(tmp_path):
    path = tmp_path / "mine.json"
    path.write_text(json.dumps({"name": "mine", "version": "2", "types": {
        "CYBER_ATTACK": {"definition": "A network intrusion.", "roles": ["agent", "target"]}}}))
    onto = Ontology.load(path)
    assert "CYBER_ATTACK" in onto.types and "STATEMENT" in onto.types
    assert onto.check("CYBER_ATTACK", "target") is None
    assert "not allowed" in onto.check("CYBER_ATTACK", "victim")
    assert list(Ontology.load(path, extend=False).types) == ["CYBER_ATTACK"]


@pytest.mark.parametrize("content, message", [
    ("{not json", "not a JSON ontology"),
    ('{"types": {"bad name": {"definition": "x", "roles": ["a"]}}}', "UPPER_SNAKE_CASE"),
    ('{"types": {"X": {"definition": "x", "roles": []}}}', "non-empty list of roles"),
    ('{"types": {"X": {"roles": ["a"]}}}', "definition"),
])
def test_bad_ontology_files_are_named(tmp_path, content, message):
    path = tmp_path / "o.json"
    path.write_text(content)
    with pytest.raises(OntologyError, match=message) as info:
        Ontology.load(path)
    assert str(path) in str(info.value)


def test_missing_ontology_file(tmp_path):
    with pytest.raises(OntologyError, match="no such ontology file"):
        Ontology.load(tmp_path / "nope.json")
