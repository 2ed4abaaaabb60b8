"""Builds the WordPiece vocabulary for Quarry's NER from the training text, and writes the Hugging Face
tokenizers JSON that transformers.js loads."""
import json
from collections import Counter

from bert_text import SPECIAL_TOKENS

MAX_CONTINUATION_LEN = 8


def build_vocab(word_counts, size, min_char_count=3, whole_word_share=0.6):
    """Frequency-based WordPiece vocabulary: every frequent character (word-initial and `##` form), the most
    frequent whole words, then the word-initial prefixes and word-internal pieces that save the most tokens
    (count x extra length) over the words still left out."""
    chars = Counter()
    for word, n in word_counts.items():
        for c in word:
            chars[c] += n
    alphabet = sorted(c for c, n in chars.items() if n >= min_char_count)
    vocab = list(SPECIAL_TOKENS) + alphabet + ["##" + c for c in alphabet]
    taken = set(vocab)
    whole_word_budget = int(size * whole_word_share)
    for word, _ in sorted(word_counts.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(vocab) >= whole_word_budget:
            break
        if word not in taken:
            vocab.append(word)
            taken.add(word)
    candidates = Counter()
    for word, n in word_counts.items():
        if word in taken:
            continue
        for k in range(2, len(word)):
            candidates[word[:k]] += n * (k - 1)
        for i in range(1, len(word)):
            for j in range(i + 2, min(len(word), i + MAX_CONTINUATION_LEN) + 1):
                candidates["##" + word[i:j]] += n * (j - i - 1)
    for piece, _ in sorted(candidates.items(), key=lambda kv: (-kv[1], kv[0])):
        if len(vocab) >= size:
            break
        if piece not in taken:
            vocab.append(piece)
            taken.add(piece)
    return {piece: i for i, piece in enumerate(vocab)}


def tokenizer_json(vocab, lowercase, max_len):
    added = [{"id": vocab[t], "content": t, "single_word": False, "lstrip": False, "rstrip": False,
              "normalized": False, "special": True} for t in SPECIAL_TOKENS]
    return {
        "version": "1.0",
        "truncation": None,
        "padding": None,
        "added_tokens": added,
        "normalizer": {"type": "BertNormalizer", "clean_text": True, "handle_chinese_chars": True,
                       "strip_accents": None, "lowercase": lowercase},
        "pre_tokenizer": {"type": "BertPreTokenizer"},
        "post_processor": {
            "type": "TemplateProcessing",
            "single": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                       {"SpecialToken": {"id": "[SEP]", "type_id": 0}}],
            "pair": [{"SpecialToken": {"id": "[CLS]", "type_id": 0}}, {"Sequence": {"id": "A", "type_id": 0}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                     {"SpecialToken": {"id": "[SEP]", "type_id": 1}}],
            "special_tokens": {t: {"id": t, "ids": [vocab[t]], "tokens": [t]} for t in ("[CLS]", "[SEP]")},
        },
        "decoder": {"type": "WordPiece", "prefix": "##", "cleanup": True},
        "model": {"type": "WordPiece", "unk_token": "[UNK]", "continuing_subword_prefix": "##",
                  "max_input_chars_per_word": 100, "vocab": vocab},
    }


def tokenizer_config(lowercase, max_len):
    return {
        "tokenizer_class": "BertTokenizer",
        "do_lower_case": lowercase,
        "strip_accents": None,
        "tokenize_chinese_chars": True,
        "model_max_length": max_len,
        "unk_token": "[UNK]", "sep_token": "[SEP]", "pad_token": "[PAD]", "cls_token": "[CLS]",
        "mask_token": "[MASK]",
        "clean_up_tokenization_spaces": True,
    }


def write_tokenizer(folder, vocab, lowercase, max_len):
    with open(f"{folder}/tokenizer.json", "w", encoding="utf-8") as f:
        json.dump(tokenizer_json(vocab, lowercase, max_len), f, ensure_ascii=False)
    with open(f"{folder}/tokenizer_config.json", "w", encoding="utf-8") as f:
        json.dump(tokenizer_config(lowercase, max_len), f, indent=2)
