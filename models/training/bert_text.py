"""The text pipeline Quarry's NER tokenizer.json describes (BertNormalizer, BertPreTokenizer, WordPiece),
reimplemented so training sees exactly the tokens transformers.js produces at inference, with each word's
character offsets into the original text kept for labelling."""
import re
import unicodedata

ASCII_PUNCT = set(range(0x21, 0x30)) | set(range(0x3A, 0x41)) | set(range(0x5B, 0x61)) | set(range(0x7B, 0x7F))
SPECIAL_TOKENS = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"]


def is_punct(ch):
    return ord(ch) in ASCII_PUNCT or unicodedata.category(ch).startswith("P")


def is_cjk(cp):
    return (0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2A6DF or 0x2A700 <= cp <= 0x2B73F
            or 0x2B740 <= cp <= 0x2B81F or 0x2B820 <= cp <= 0x2CEAF or 0xF900 <= cp <= 0xFAFF or 0x2F800 <= cp <= 0x2FA1F)


def normalize_with_offsets(text, lowercase):
    """Returns (normalised text, original index of each normalised char)."""
    out, index = [], []
    for i, ch in enumerate(text):
        cp = ord(ch)
        if ch not in "\t\n\r" and (cp == 0 or cp == 0xFFFD or unicodedata.category(ch) in ("Cc", "Cf", "Co", "Cs")):
            continue
        if ch.isspace():
            piece = " "
        elif lowercase:
            piece = "".join(c for c in unicodedata.normalize("NFD", ch.lower()) if unicodedata.category(c) != "Mn")
        else:
            piece = ch
        for c in piece:
            out.append(c)
            index.append(i)
    return "".join(out), index


def pre_tokenize(norm):
    """Yields (start, end) of each word in the normalised text: runs of non-space non-punctuation, and single
    punctuation or CJK characters."""
    i, n = 0, len(norm)
    while i < n:
        ch = norm[i]
        if ch == " ":
            i += 1
        elif is_punct(ch) or is_cjk(ord(ch)):
            yield i, i + 1
            i += 1
        else:
            j = i
            while j < n and norm[j] != " " and not is_punct(norm[j]) and not is_cjk(ord(norm[j])):
                j += 1
            yield i, j
            i = j


def words_with_offsets(text, lowercase):
    """Returns [(word, original start, original end)] in text order."""
    norm, index = normalize_with_offsets(text, lowercase)
    words = []
    for s, e in pre_tokenize(norm):
        start = index[s]
        end = index[e - 1] + 1
        words.append((norm[s:e], start, end))
    return words


class WordPiece:
    def __init__(self, vocab, max_chars=100):
        self.vocab = vocab
        self.max_chars = max_chars
        self.unk_id = vocab["[UNK]"]

    def encode_word(self, word):
        if len(word) > self.max_chars:
            return [self.unk_id]
        ids, start = [], 0
        while start < len(word):
            end = len(word)
            found = None
            while start < end:
                sub = word[start:end] if start == 0 else "##" + word[start:end]
                if sub in self.vocab:
                    found = self.vocab[sub]
                    break
                end -= 1
            if found is None:
                return [self.unk_id]
            ids.append(found)
            start = end
        return ids
