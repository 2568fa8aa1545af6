from eventx.model import _tokenizer
from eventx.model.encoder import CASE_LOWER, CASE_OTHER, CASE_TITLE, CASE_UPPER, case_class
from eventx.model.features import Labels, char_span, decode_bio, featurize, token_span
from eventx.ontology import Ontology


def test_case_classes_restore_what_the_uncased_encoder_loses():
    text = "NATO jets over Riga and x-ray 42"

    def at(word: str) -> int:
        return case_class(text, text.index(word), text.index(word) + len(word))

    assert at("NATO") == CASE_UPPER
    assert at("Riga") == CASE_TITLE
    assert at("jets") == CASE_LOWER
    assert at("42") == CASE_OTHER
    # a subword piece takes its word's class
    assert case_class(text, text.index("Riga") + 2, text.index("Riga") + 4) == CASE_TITLE


def test_labels_align_to_exact_character_spans(small_doc):
    labels = Labels.from_ontology(Ontology.default())
    [feat, _] = featurize(_tokenizer(), [small_doc], labels, with_labels=True)
    event = small_doc.events[0]
    span = token_span(feat, event.trigger.start, event.trigger.end)
    assert char_span(feat, span) == (event.trigger.start, event.trigger.end)
    spans = decode_bio(feat.trigger_tags, feat.segment)
    types = {labels.event_types[t] for _, _, t in spans}
    assert types == {"AIRSPACE_INCURSION", "STATEMENT"}
    roles = {labels.roles[p.role] for p in feat.pairs if p.role}
    assert roles == {"aircraft", "speaker"}


def test_long_sentences_are_cut_into_pieces_that_cover_them():
    from eventx.records import Document
    from eventx.text import split_sentences

    text = " ".join(["Drones struck depots"] * 120) + "."
    doc = Document(id="long", text=text, sentences=split_sentences(text))
    feats = featurize(_tokenizer(), [doc], Labels.from_ontology(Ontology.default()), max_length=64)
    assert len(feats) > 1 and all(len(f) <= 64 for f in feats)
    covered = [o for f in feats for o, g in zip(f.offsets, f.segment) if g >= 0]
    assert covered[0][0] == 0 and covered[-1][1] == len(text)


def test_decode_bio_handles_orphan_inside_tags():
    # tags: O B-0 I-0 O I-1 -> spans (1,3,0) and (4,5,1)
    assert decode_bio([0, 1, 2, 0, 4], [0] * 5) == [(1, 3, 0), (4, 5, 1)]


def test_decode_bio_never_crosses_a_sentence_boundary():
    assert decode_bio([1, 2, 2, 2], [0, 0, 1, 1]) == [(0, 2, 0), (2, 4, 0)]
    assert decode_bio([1, 2, 2], [-1, 0, 0]) == [(1, 3, 0)]


def test_packed_inputs_hold_every_sentence_once_and_pair_within_sentences():
    from eventx.records import Argument, Document, Event, Span
    from eventx.text import split_sentences

    parts = ["Russian jets entered Finnish airspace on Monday.", "The ministry said the jets left.",
             "NATO officials met in Brussels."] * 4
    text = " ".join(parts)
    sentences = split_sentences(text)
    events = []
    for si, sent in enumerate(sentences):
        if "jets entered" in text[sent.start : sent.end]:
            t0 = text.index("entered", sent.start)
            a0 = text.index("Russian jets", sent.start)
            events.append(Event(id=f"e{si}", type="AIRSPACE_INCURSION", sentence=si,
                                trigger=Span(text="entered", start=t0, end=t0 + 7),
                                arguments=[Argument(role="aircraft", text="Russian jets", start=a0, end=a0 + 12)]))
    doc = Document(id="packed", text=text, sentences=sentences, events=events)
    labels = Labels.from_ontology(Ontology.default())
    one_each = featurize(_tokenizer(), [doc], labels, with_labels=True, context_tokens=16)
    packed = featurize(_tokenizer(), [doc], labels, with_labels=True, context_tokens=16, pack=40)
    assert len(one_each) == len(sentences) > len(packed) > 1
    for feats in (one_each, packed):
        tokens = [(o, g) for f in feats for o, g in zip(f.offsets, f.segment) if g >= 0]
        assert [o for o, _ in tokens] == sorted({o for o, _ in tokens})  # each token once, in order
        assert {g for _, g in tokens} == set(range(len(sentences)))
        pairs = [(f, p) for f in feats for p in f.pairs]
        assert len(pairs) == len(events)
        assert all(f.segment[p.trigger[0]] == f.segment[p.candidate[0]] for f, p in pairs)
    assert max(len(f) for f in packed) <= 40 + 16 + 3


def test_imported_documents_teach_what_their_annotation_supports(small_doc):
    """Types a source leaves out stay open, and spans drawn by other rules teach no arguments."""
    labels = Labels.from_ontology(Ontology.default())
    small_doc.meta.update({"annotated_types": "STATEMENT", "arguments": "none", "attributes": "none"})
    feat = featurize(_tokenizer(), [small_doc], labels, with_labels=True)[0]
    assert {labels.event_types[t] for _, _, t in decode_bio(feat.trigger_tags, feat.segment)} == {
        "AIRSPACE_INCURSION", "STATEMENT"}
    statement = labels.event_types.index("STATEMENT")
    assert 1 + 2 * statement not in feat.trigger_open and len(feat.trigger_open) == 2 * (len(labels.event_types) - 1)
    assert not any(feat.candidate_tags) and feat.pairs == [] and feat.candidate_open and feat.events == []
