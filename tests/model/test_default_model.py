"""The bundled default model loads offline and finds the core events of an unseen paragraph."""

import os
import subprocess
import sys

import pytest

import eventx

PARAGRAPH = (
    "Two Russian Su-30 fighter jets entered Finnish airspace near Porvoo on Friday, the Finnish "
    "defence ministry said on Saturday. Satellite images show that engineers have expanded the "
    "Lida air base in western Belarus with new hangars and a longer runway."
)


@pytest.fixture(scope="module")
def nlp():
    if not (eventx.default_model_path() / "config.json").exists():
        pytest.fail("the bundled default model is missing from models/default")
    return eventx.load()


def test_default_is_the_trained_model(nlp):
    assert nlp.name == "eventx-minilm"


def test_finds_incursion_equipping_and_statement(nlp):
    doc = nlp(PARAGRAPH, published="2023-06-10")
    found = {(e.type, e.trigger.text) for e in doc.events}
    assert ("AIRSPACE_INCURSION", "entered") in found
    assert ("BASE_EQUIPPING", "expanded") in found
    assert ("STATEMENT", "said") in found
    incursion = next(e for e in doc.events if e.type == "AIRSPACE_INCURSION")
    assert any("Su-30" in a.text for a in incursion.args("aircraft"))
    assert incursion.time is not None and incursion.time.value == "2023-06-09"
    statement = next(e for e in doc.events if e.type == "STATEMENT")
    assert any("ministry" in a.text for a in statement.args("speaker"))
    assert len({e.confidence for e in doc.events}) > 1
    for _, span in doc.spans():
        assert doc.text[span.start : span.end] == span.text


def test_loads_with_the_network_switched_off():
    code = ("import eventx; d = eventx.load()('Drones struck a depot in Kursk overnight.', "
            "published='2024-05-02'); print(d.events[0].type if d.events else 'none')")
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1",
           "HTTP_PROXY": "http://127.0.0.1:9", "HTTPS_PROXY": "http://127.0.0.1:9"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=300)
    assert out.returncode == 0, out.stderr[-2000:]
    assert out.stdout.strip() == "ATTACK"
