from eventx.text import sentence_index, split_sentences


def test_sentences_keep_exact_offsets():
    text = 'Gen. Smith said the U.S. jets left. "They flew home," he said.\nNew paragraph here'
    sents = split_sentences(text)
    pieces = [text[s.start : s.end] for s in sents]
    assert pieces == ['Gen. Smith said the U.S. jets left.', '"They flew home," he said.',
                      "New paragraph here"]


def test_sentence_index():
    text = "One. Two.\nThree."
    sents = split_sentences(text)
    assert [sentence_index(sents, text.index(w)) for w in ("One", "Two", "Three")] == [0, 1, 2]
    assert sentence_index(sents, 4) is None
