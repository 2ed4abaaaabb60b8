"""Architecture comparison for Quarry's NER model: a BiLSTM tagger with character-CNN word features, trained on
exactly the corpus train_ner.py builds (same sets, same synthetic records, same seeds, same held-out sets) and
scored with the same scorer, so its figures sit beside the BERT model's in the model card.

    /usr/bin/python3 models/training/train_bilstm.py [--minutes N]

Words come from the same pre-tokeniser as the BERT tokenizer (bert_text.words_with_offsets), cased: the
character CNN sees case, the word embedding sees the lower-cased word. Output: a softmax over the same BIO
tags, the O tag weighted as in train_ner.py, the same O-logit shift at evaluation. No CRF layer: with the
loss on every word and BIO decoding that opens a span on a stray I-, a CRF changes little for overlap-scored
spans and would double the training time in this time box. Writes nothing to models/ unless --export is given
(then an ONNX graph and vocabularies in --out, for timing only: the app's transformers.js path cannot load it).
"""
import argparse
import json
import os
import random
import sys
import time

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import torch  # noqa: E402
import torch.nn as nn  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from bert_text import words_with_offsets  # noqa: E402
from train_ner import IGNORE, TAG_ID, TAGS, decode_spans, load_corpus, score_spans, word_tags  # noqa: E402

PAD, UNK = 0, 1
MAX_WORD_CHARS = 20


class CharCnnBiLstm(nn.Module):
    """Word embedding + max-pooled character CNN per word, a 2-layer BiLSTM over the words, a linear tagger."""

    def __init__(self, n_words, n_chars, word_dim, char_dim, char_filters, hidden, layers, dropout):
        super().__init__()
        self.word_embeddings = nn.Embedding(n_words, word_dim, padding_idx=PAD)
        self.char_embeddings = nn.Embedding(n_chars, char_dim, padding_idx=PAD)
        self.char_cnn = nn.Conv1d(char_dim, char_filters, kernel_size=3, padding=1)
        self.lstm = nn.LSTM(word_dim + char_filters, hidden, num_layers=layers, bidirectional=True,
                            batch_first=True, dropout=dropout if layers > 1 else 0.0)
        self.dropout = nn.Dropout(dropout)
        self.classifier = nn.Linear(2 * hidden, len(TAGS))

    def forward(self, words, chars):
        # words [b, n]; chars [b, n, c]
        b, n, c = chars.shape
        ch = self.char_embeddings(chars.view(b * n, c)).transpose(1, 2)  # [b*n, dim, c]
        ch = torch.relu(self.char_cnn(ch)).max(-1).values.view(b, n, -1)
        x = self.dropout(torch.cat([self.word_embeddings(words), ch], -1))
        out, _ = self.lstm(x)
        return self.classifier(self.dropout(out))


def record_words(record):
    return words_with_offsets(record["text"], False)


def build_vocabs(records, max_words):
    counts, char_counts = {}, {}
    for r in records:
        for w, _, _ in record_words(r):
            counts[w.lower()] = counts.get(w.lower(), 0) + 1
            for ch in w[:MAX_WORD_CHARS]:
                char_counts[ch] = char_counts.get(ch, 0) + 1
    words = sorted((w for w, n in counts.items() if n >= 2), key=lambda w: (-counts[w], w))[:max_words]
    chars = sorted((ch for ch, n in char_counts.items() if n >= 2), key=lambda ch: (-char_counts[ch], ch))
    return ({w: i + 2 for i, w in enumerate(words)}, {ch: i + 2 for i, ch in enumerate(chars)})


def encode(record, word_vocab, char_vocab, max_words, with_tags=True):
    words = record_words(record)
    tags = word_tags(record, words) if with_tags else [None] * len(words)
    w_ids = [word_vocab.get(w.lower(), UNK) for w, _, _ in words]
    c_ids = [[char_vocab.get(ch, UNK) for ch in w[:MAX_WORD_CHARS]] for w, _, _ in words]
    t_ids = [TAG_ID[t] if t is not None else IGNORE for t in tags]
    windows = [(w_ids[i:i + max_words], c_ids[i:i + max_words], t_ids[i:i + max_words], i)
               for i in range(0, max(1, len(words)), max_words)]
    return words, windows


def tensorize(windows, idx, dropout=0.0, rng=None):
    n = max(len(windows[j][0]) for j in idx)
    c = max((len(cs) for j in idx for cs in windows[j][1]), default=1) or 1
    words = torch.zeros(len(idx), n, dtype=torch.long)
    chars = torch.zeros(len(idx), n, c, dtype=torch.long)
    labels = torch.full((len(idx), n), IGNORE, dtype=torch.long)
    for row, j in enumerate(idx):
        w_ids, c_ids, t_ids, _ = windows[j]
        if dropout:
            w_ids = [UNK if rng.random() < dropout else w for w in w_ids]
        words[row, :len(w_ids)] = torch.tensor(w_ids, dtype=torch.long)
        for k, cs in enumerate(c_ids):
            if cs:
                chars[row, k, :len(cs)] = torch.tensor(cs, dtype=torch.long)
        labels[row, :len(t_ids)] = torch.tensor(t_ids, dtype=torch.long)
    return words, chars, labels


def make_batches(windows, batch_size, rng):
    order = list(range(len(windows)))
    rng.shuffle(order)
    batches = []
    for i in range(0, len(order), batch_size * 50):
        chunk = sorted(order[i:i + batch_size * 50], key=lambda j: len(windows[j][0]))
        batches += [chunk[k:k + batch_size] for k in range(0, len(chunk), batch_size)]
    rng.shuffle(batches)
    return batches


@torch.no_grad()
def predict(model, records, word_vocab, char_vocab, max_words):
    """Word tags for each record, decoded into spans the way train_ner.predict does (batched by length)."""
    model.eval()
    encoded = [encode(r, word_vocab, char_vocab, max_words, with_tags=False) for r in records]
    jobs = [(ri, w) for ri, (_, windows) in enumerate(encoded) for w in windows if w[0]]
    word_tag = [[None] * len(words) for words, _ in encoded]
    word_score = [[0.0] * len(words) for words, _ in encoded]
    order = sorted(range(len(jobs)), key=lambda j: len(jobs[j][1][0]))
    windows = [w for _, w in jobs]
    for i in range(0, len(order), 64):
        idx = order[i:i + 64]
        words, chars, _ = tensorize(windows, idx)
        probs = model(words, chars).softmax(-1)
        for row, j in enumerate(idx):
            ri, (w_ids, _, _, first) = jobs[j]
            p, t = probs[row, :len(w_ids)].max(-1)
            for k in range(len(w_ids)):
                word_tag[ri][first + k], word_score[ri][first + k] = int(t[k]), float(p[k])
    return [decode_spans(words, word_tag[i], word_score[i]) for i, (words, _) in enumerate(encoded)]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--epochs", type=int, default=4)
    ap.add_argument("--minutes", type=float, default=0, help="stop training after this long")
    ap.add_argument("--batch-size", type=int, default=32)
    ap.add_argument("--lr", type=float, default=2e-3)
    ap.add_argument("--max-words", type=int, default=30000)
    ap.add_argument("--max-len", type=int, default=100, help="words per training window")
    ap.add_argument("--word-dim", type=int, default=100)
    ap.add_argument("--char-dim", type=int, default=32)
    ap.add_argument("--char-filters", type=int, default=64)
    ap.add_argument("--hidden", type=int, default=128)
    ap.add_argument("--layers", type=int, default=2)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--synthetic", type=int, default=16000)
    ap.add_argument("--social", type=int, default=12000)
    ap.add_argument("--o-weight", type=float, default=0.5)
    ap.add_argument("--word-dropout", type=float, default=0.05)
    ap.add_argument("--val-every", type=int, default=10)
    ap.add_argument("--o-shift", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=13)
    ap.add_argument("--out", default="", help="write figures (and with --export an ONNX graph) to this folder")
    ap.add_argument("--export", action="store_true")
    args = ap.parse_args()

    random.seed(args.seed)
    torch.manual_seed(args.seed)
    torch.set_num_threads(1)
    train_records, evals = load_corpus(args.seed, args.synthetic, args.social, args.val_every)
    word_vocab, char_vocab = build_vocabs(train_records, args.max_words)
    windows = [w for r in train_records for w in encode(r, word_vocab, char_vocab, args.max_len)[1] if w[0]]
    model = CharCnnBiLstm(len(word_vocab) + 2, len(char_vocab) + 2, args.word_dim, args.char_dim,
                          args.char_filters, args.hidden, args.layers, args.dropout)
    parameters = sum(p.numel() for p in model.parameters())
    print(f"records={len(train_records)} windows={len(windows)} words={len(word_vocab)} chars={len(char_vocab)} "
          f"parameters={parameters}", flush=True)

    rng, drop_rng = random.Random(args.seed), random.Random(args.seed + 1)
    steps_per_epoch = -(-len(windows) // args.batch_size)
    total_steps = steps_per_epoch * args.epochs
    optimizer = torch.optim.Adam(model.parameters(), lr=args.lr)
    schedule = torch.optim.lr_scheduler.LambdaLR(optimizer, lambda s: max(0.05, 1 - s / total_steps))
    weight = torch.ones(len(TAGS))
    weight[TAG_ID["O"]] = args.o_weight
    loss_fn = nn.CrossEntropyLoss(weight=weight, ignore_index=IGNORE)
    started = time.time()
    step = 0
    stop = False
    for epoch in range(args.epochs):
        model.train()
        for idx in make_batches(windows, args.batch_size, rng):
            words, chars, labels = tensorize(windows, idx, args.word_dropout, drop_rng)
            loss = loss_fn(model(words, chars).view(-1, len(TAGS)), labels.view(-1))
            optimizer.zero_grad()
            loss.backward()
            nn.utils.clip_grad_norm_(model.parameters(), 5.0)
            optimizer.step()
            schedule.step()
            step += 1
            if step % 200 == 0:
                print(f"step={step} loss={loss.item():.4f} elapsed={time.time() - started:.0f}s", flush=True)
            if args.minutes and time.time() - started > args.minutes * 60:
                stop = True
                break
        print(f"epoch={epoch + 1} step={step} elapsed={time.time() - started:.0f}s", flush=True)
        if stop:
            break
    train_seconds = time.time() - started

    with torch.no_grad():
        model.classifier.bias[TAG_ID["O"]] -= args.o_shift
    figures, speed = {}, {}
    for name, records in evals.items():
        t0 = time.time()
        predictions = predict(model, records, word_vocab, char_vocab, args.max_len)
        seconds = time.time() - t0
        kb = sum(len(r["text"].encode("utf-8")) for r in records) / 1024
        speed[name] = round(kb / seconds, 1)
        figures[name] = score_spans(records, predictions)
        print(name, json.dumps(figures[name]), f"kb_per_s={speed[name]}", flush=True)
    summary = {"architecture": "char-CNN + 2-layer BiLSTM + softmax", "parameters": parameters,
               "steps": step, "train_seconds": round(train_seconds), "args": vars(args),
               "python_kb_per_second_one_thread": speed, "sets": figures}
    if args.out:
        os.makedirs(args.out, exist_ok=True)
        with open(os.path.join(args.out, "bilstm-figures.json"), "w") as f:
            json.dump(summary, f, indent=2)
        if args.export:
            model.eval()
            words = torch.tensor([[5, 6, 7]])
            chars = torch.ones(1, 3, 4, dtype=torch.long)
            torch.onnx.export(model, (words, chars), os.path.join(args.out, "bilstm.onnx"),
                              input_names=["words", "chars"], output_names=["logits"],
                              dynamic_axes={"words": {0: "batch", 1: "sequence"},
                                            "chars": {0: "batch", 1: "sequence", 2: "characters"},
                                            "logits": {0: "batch", 1: "sequence"}}, opset_version=14)
    print("done", json.dumps({"parameters": parameters, "train_seconds": round(train_seconds)}), flush=True)


if __name__ == "__main__":
    main()
