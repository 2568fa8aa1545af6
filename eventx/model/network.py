"""The network: a BERT encoder with LoRA adapters and a case embedding, and four small heads.

Heads: trigger tags (B/I per event type), argument-candidate tags (B/I per candidate class), the
role of each (trigger, candidate) pair, and polarity and modality per trigger. Only adapters,
the case embedding and the heads are trained and saved; the encoder stays as shipped.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

import torch
from torch import nn

from eventx.model.encoder import N_CASES

LORA_TARGETS = ["query", "key", "value", "dense"]  # every linear layer of every BERT block


@dataclass
class NetworkConfig:
    n_trigger_tags: int
    n_candidate_tags: int
    n_roles: int
    n_types: int
    encoder: str = "minilm"  # or "tiny": a random encoder built in code, for tests
    lora_rank: int = 8
    lora_alpha: int = 16
    dropout: float = 0.1
    pair_hidden: int = 256
    max_distance: int = 32

    def to_dict(self) -> dict:
        return asdict(self)


def build_encoder(config: NetworkConfig, encoder_path: str | None = None) -> nn.Module:
    from transformers import BertConfig, BertModel

    if config.encoder == "tiny":
        bert = BertModel(BertConfig(vocab_size=30522, hidden_size=32, num_hidden_layers=2,
                                    num_attention_heads=2, intermediate_size=64,
                                    max_position_embeddings=256), add_pooling_layer=False)
    else:
        bert = _pretrained_bert(encoder_path)
    if config.lora_rank == 0:  # full fine-tuning: every encoder weight is trained and saved
        return bert
    from peft import LoraConfig, get_peft_model

    lora = LoraConfig(r=config.lora_rank, lora_alpha=config.lora_alpha, lora_dropout=0.05,
                      target_modules=LORA_TARGETS, bias="none")
    import warnings

    with warnings.catch_warnings():  # peft calls a transformers API that warns of its own renaming
        warnings.filterwarnings("ignore", message=".*is_gradient_checkpointing.*", category=FutureWarning)
        return get_peft_model(bert, lora)


def _pretrained_bert(path: str) -> nn.Module:
    """The shipped BERT weights, loaded directly: quiet, and strict about what must be there."""
    from pathlib import Path

    from safetensors.torch import load_file
    from transformers import BertConfig, BertModel

    bert = BertModel(BertConfig.from_pretrained(path), add_pooling_layer=False)
    state = {k: v for k, v in load_file(str(Path(path) / "model.safetensors")).items()
             if not k.startswith("pooler.") and not k.endswith("position_ids")}
    missing, _ = bert.load_state_dict(state, strict=False)
    if missing:
        from eventx.errors import ModelError

        raise ModelError(f"{path}: encoder weights lack {len(missing)} tensors (first: {missing[0]})")
    return bert


class EventNetwork(nn.Module):
    def __init__(self, config: NetworkConfig, encoder: nn.Module) -> None:
        super().__init__()
        self.config = config
        self.encoder = encoder
        hidden = encoder.config.hidden_size
        self.case_embedding = nn.Embedding(N_CASES, hidden)
        nn.init.zeros_(self.case_embedding.weight)
        self.dropout = nn.Dropout(config.dropout)
        self.trigger_head = nn.Linear(hidden, config.n_trigger_tags)
        self.candidate_head = nn.Linear(hidden, config.n_candidate_tags)
        self.type_embedding = nn.Embedding(config.n_types, 32)
        self.distance_embedding = nn.Embedding(2 * config.max_distance + 1, 16)
        self.pair_head = nn.Sequential(
            nn.Linear(8 * hidden + 48, config.pair_hidden), nn.GELU(), nn.Dropout(config.dropout),
            nn.Linear(config.pair_hidden, config.n_roles))
        self.attribute_head = nn.Linear(3 * hidden, 2 + 3)

    def encode(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor,
               attention_mask: torch.Tensor, case_ids: torch.Tensor) -> torch.Tensor:
        words = self.encoder.get_input_embeddings()(input_ids)
        out = self.encoder(inputs_embeds=words + self.case_embedding(case_ids),
                           token_type_ids=token_type_ids, attention_mask=attention_mask)
        return out.last_hidden_state

    def tag_logits(self, hidden: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        h = self.dropout(hidden)
        return self.trigger_head(h), self.candidate_head(h)

    @staticmethod
    def span_vectors(hidden: torch.Tensor, rows: torch.Tensor, spans: torch.Tensor) -> torch.Tensor:
        """First-token and last-token vectors of each span: (n, 2 * hidden)."""
        first = hidden[rows, spans[:, 0]]
        last = hidden[rows, spans[:, 1] - 1]
        return torch.cat([first, last], dim=-1)

    def pair_logits(self, hidden: torch.Tensor, rows: torch.Tensor, triggers: torch.Tensor,
                    candidates: torch.Tensor, types: torch.Tensor) -> torch.Tensor:
        t = self.span_vectors(hidden, rows, triggers)
        c = self.span_vectors(hidden, rows, candidates)
        m = self.config.max_distance
        distance = (candidates[:, 0] - triggers[:, 0]).clamp(-m, m) + m
        features = torch.cat([t, c, t * c, (t - c).abs(), self.type_embedding(types),
                              self.distance_embedding(distance)], dim=-1)
        return self.pair_head(self.dropout(features))

    def attribute_logits(self, hidden: torch.Tensor, rows: torch.Tensor,
                         triggers: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        t = self.span_vectors(hidden, rows, triggers)
        logits = self.attribute_head(self.dropout(torch.cat([t, hidden[rows, 0]], dim=-1)))
        return logits[:, :2], logits[:, 2:]
