"""A tiny randomly initialised model, built in code, learns a few documents in seconds."""

import pytest
import torch

import eventx
from eventx.errors import ModelError
from eventx.model import load_model
from eventx.model.train import TrainConfig, read_gold, train
from eventx.records import Argument, Document, Event, Span
from eventx.text import split_sentences

SENTENCES = [
    ("Two Russian jets entered Latvian airspace on Monday.", "AIRSPACE_INCURSION", "entered",
     [("aircraft", "Two Russian jets"), ("location", "Latvian airspace"), ("time", "on Monday")]),
    ("The army said that engineers expanded the Lida airfield.", "BASE_EQUIPPING", "expanded",
     [("agent", "engineers"), ("facility", "the Lida airfield")]),
    ("Minsk denied that troops were deployed to the border.", "DEPLOYMENT", "deployed",
     [("forces", "troops"), ("location", "the border")]),
]


def documents() -> list[Document]:
    docs = []
    for i, (text, etype, trigger, args) in enumerate(SENTENCES):
        t0 = text.index(trigger)
        arguments = [Argument(role=r, text=a, start=text.index(a), end=text.index(a) + len(a))
                     for r, a in args]
        events = [Event(id="e1", type=etype, trigger=Span(text=trigger, start=t0, end=t0 + len(trigger)),
                        arguments=arguments, sentence=0)]
        for say in ("said", "denied"):
            if say in text:
                s0 = text.index(say)
                speaker = text.split(" " + say)[0]
                events.append(Event(id="e2", type="STATEMENT", trigger=Span(text=say, start=s0, end=s0 + len(say)),
                                    arguments=[Argument(role="speaker", text=speaker, start=0, end=len(speaker))],
                                    sentence=0))
        docs.append(Document(id=f"d{i}", text=text, published="2023-03-14",
                             sentences=split_sentences(text), events=events))
    return docs


@pytest.fixture(scope="module")
def trained(tmp_path_factory):
    torch.manual_seed(0)
    out = tmp_path_factory.mktemp("model")
    docs = documents()
    config = TrainConfig(encoder="tiny", lora_rank=0, epochs=60, learning_rate=3e-3, batch_size=2,
                         patience=60, seed=1)
    return train(docs, docs, out, config, log=lambda _: None), out, docs


def test_loss_falls_and_events_are_learned(trained):
    result, _, docs = trained
    assert result.history[-1]["loss"] < result.history[0]["loss"] / 3
    assert result.history[-1]["dev_trigger_f1"] >= 0.8
    predicted = result.model.extract_batch(docs)
    found = {(d.id, e.type, e.trigger.text) for d, events in zip(docs, predicted) for e in events}
    assert ("d0", "AIRSPACE_INCURSION", "entered") in found
    assert ("d1", "BASE_EQUIPPING", "expanded") in found


def test_saved_model_loads_and_extracts_with_exact_offsets(trained):
    _, out, docs = trained
    nlp = eventx.load(out)
    assert nlp.name == "eventx-minilm"
    doc = nlp(docs[0].text, published="2023-03-14")
    assert doc.events
    for _, s in doc.spans():
        assert doc.text[s.start : s.end] == s.text
    assert all(0.0 <= e.confidence <= 1.0 for e in doc.events)
    assert (out / "config.json").exists() and (out / "weights.safetensors").stat().st_size < 20e6


def test_training_is_reproducible_with_a_seed(tmp_path):
    docs = documents()[:1]
    config = TrainConfig(encoder="tiny", lora_rank=0, epochs=2, seed=5, batch_size=2)
    a = train(docs, [], None, config, log=lambda _: None).history
    b = train(docs, [], None, config, log=lambda _: None).history
    assert [r["loss"] for r in a] == [r["loss"] for r in b]


def test_gold_is_read_through_datasets(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text("".join(d.model_dump_json(exclude_none=True) + "\n" for d in documents()))
    assert read_gold(path) == documents()


def test_missing_weights_are_a_clear_error(trained, tmp_path):
    _, out, _ = trained
    (tmp_path / "config.json").write_text((out / "config.json").read_text())
    with pytest.raises(ModelError, match="weights are missing"):
        load_model(tmp_path)


def test_encoder_checksum_mismatch_is_refused(monkeypatch):
    from eventx.model import encoder

    with pytest.raises(ModelError, match="does not match"):
        encoder.verified_encoder_dir(expected="0" * 64)


@pytest.mark.parametrize("precision", ["bf16", "int8"])
def test_reduced_precision_finds_what_fp32_finds(trained, precision):
    _, out, docs = trained

    def found(model) -> set[tuple[str, str, str]]:
        return {(d.id, e.type, e.trigger.text) for d, events in zip(docs, model.extract_batch(docs)) for e in events}

    fast = load_model(out, precision=precision)
    assert fast.precision == precision
    assert found(fast) == found(load_model(out, precision="fp32"))


def test_unknown_precision_is_a_clear_error(trained):
    with pytest.raises(ModelError, match="precision 'fp8' is not one of"):
        load_model(trained[1], precision="fp8")


def test_partial_annotation_masks_types_it_does_not_annotate():
    """An unlabelled token costs nothing for the types its document leaves open, and is still a
    negative for the types it annotates in full."""
    from eventx.model.train import _allowed, _loss

    gold = torch.tensor([[0, 1]])  # token 0 unlabelled, token 1 gold tag 1
    allowed = _allowed(gold, 5, [[3, 4]], 2)[0]
    assert allowed.tolist() == [[True, False, False, True, True], [False, True, False, False, False]]
    logits = torch.tensor([[0.0, 0.0, 0.0, 9.0, 0.0]])  # sure of an open tag on an unlabelled token
    weight = torch.ones(1)
    masked = _loss({"trigger": (logits, torch.tensor([0]), allowed[:1], weight)})
    closed = _loss({"trigger": (logits, torch.tensor([0]), _allowed(torch.tensor([[0]]), 5, [[]], 1)[0], weight)})
    assert masked.item() < 0.01 < closed.item()


def test_features_of_partial_documents_open_the_unannotated_types():
    from eventx.model.features import Labels, annotated_types
    from eventx.ontology import Ontology

    labels = Labels.from_ontology(Ontology.default())
    doc = documents()[0]
    assert annotated_types(doc, labels) == set(labels.event_types)
    doc.meta["annotated_types"] = "ATTACK CASUALTIES"
    assert annotated_types(doc, labels) == {"ATTACK", "CASUALTIES"}
    doc.meta["annotation"] = "partial"
    assert annotated_types(doc, labels) == set()
