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
    spans = decode_bio(feat.trigger_tags, feat.in_sentence)
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
    covered = [o for f in feats for o, ok in zip(f.offsets, f.in_sentence) if ok]
    assert covered[0][0] == 0 and covered[-1][1] == len(text)


def test_decode_bio_handles_orphan_inside_tags():
    # tags: O B-0 I-0 O I-1 -> spans (1,3,0) and (4,5,1)
    assert decode_bio([0, 1, 2, 0, 4], [True] * 5) == [(1, 3, 0), (4, 5, 1)]
