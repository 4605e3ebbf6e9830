#!/usr/bin/env python3
"""Fixtures for the CLAP path: feature-extractor references, a tiny RoBERTa-format BPE tokenizer, and tiny
same-signature ONNX towers with the scores a python re-implementation of the pipeline computes with them.

Writes tests/TestAssets/captioning-neural/clap/:
  clip_48k.npy               float32 [62400]   1.3 s of 48 kHz mono test audio (chirp + harmonic tone + seeded noise)
  features_repeatpad.npy     float32 [1001,64] the clip repeat-padded to 10 s (7 whole copies, then zeros)
  features_truncated.npy     float32 [1001,64] nine copies of the clip (11.7 s) truncated to the first 10 s
  vocab.json, merges.txt     a tiny byte-level BPE vocabulary in RoBERTa format (<s>=0, <pad>=1, </s>=2, <unk>=3,
                             the 256 byte symbols, then one token per merge, then <mask>), trained here on a small corpus
  tokenizer_cases.json       texts and the ids a plain python GPT-2/RoBERTa BPE encoder gives them (with <s> ... </s>)
  audio_model.onnx           input_features float32 [B,1,1001,64] -> audio_embeds float32 [B,512]   (tiny, random)
  text_model.onnx            input_ids, attention_mask int64 [B,L] -> text_embeds float32 [B,512]    (tiny, random)
  expected.json              template, logit scale, labels, the normalised embeddings, cosine similarities and
                             zero-shot scores computed in python with the same torch modules

The feature reference re-implements the HF/transformers.js ClapFeatureExtractor (repeatpad padding, truncation to
the first 480,000 samples instead of a random crop) in float64 numpy: periodic Hann 1024, hop 480, centred with
reflect padding, power spectrum, Slaney-scale mel filters 50-14,000 Hz with Slaney (area) normalisation,
10*log10(max(mel, 1e-10)).

Run: /usr/bin/python3 tests/TestAssets/generate/capnn_clap.py   (needs numpy, torch, onnx)
"""
import json
import os
import re
from collections import Counter

import numpy as np
import torch
from torch import nn

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captioning-neural", "clap")

SR = 48_000
MAX_SAMPLES = 480_000
N_FFT = 1024
HOP = 480
N_MELS = 64
F_MIN, F_MAX = 50.0, 14_000.0
TEMPLATE = "This is a sound of {label}."
LOGIT_SCALE = 100.0
LABELS = ["rock", "jazz", "classical music", "hip hop", "electronic dance music", "a piano", "a violin", "drums"]

# ----------------------------------------------------------------------------------------------------------------
# Feature extractor reference (float64)
# ----------------------------------------------------------------------------------------------------------------


def hz_to_mel(hz):
    hz = np.asarray(hz, dtype=np.float64)
    f_sp = 200.0 / 3
    mel = hz / f_sp
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(hz >= min_log_hz, min_log_mel + np.log(np.maximum(hz, 1e-300) / min_log_hz) / logstep, mel)


def mel_to_hz(mel):
    mel = np.asarray(mel, dtype=np.float64)
    f_sp = 200.0 / 3
    hz = f_sp * mel
    min_log_hz = 1000.0
    min_log_mel = min_log_hz / f_sp
    logstep = np.log(6.4) / 27.0
    return np.where(mel >= min_log_mel, min_log_hz * np.exp(logstep * (mel - min_log_mel)), hz)


def mel_filter_bank():
    """[n_fft/2+1, n_mels] like HF mel_filter_bank(513, 64, 50, 14000, 48000, norm='slaney', mel_scale='slaney')."""
    fft_freqs = np.linspace(0, SR / 2, N_FFT // 2 + 1)
    mel_points = np.linspace(hz_to_mel(F_MIN), hz_to_mel(F_MAX), N_MELS + 2)
    filter_freqs = mel_to_hz(mel_points)
    diff = np.diff(filter_freqs)
    slopes = filter_freqs[None, :] - fft_freqs[:, None]
    down = -slopes[:, :-2] / diff[:-1]
    up = slopes[:, 2:] / diff[1:]
    filters = np.maximum(0.0, np.minimum(down, up))
    filters *= 2.0 / (filter_freqs[2:N_MELS + 2] - filter_freqs[:N_MELS])
    return filters


def fit_to_ten_seconds(wave):
    wave = np.asarray(wave, dtype=np.float64)
    if len(wave) >= MAX_SAMPLES:
        return wave[:MAX_SAMPLES]  # deterministic: the first 10 s (HF/transformers.js take a random crop)
    repeats = MAX_SAMPLES // len(wave)
    tiled = np.tile(wave, repeats)  # 'repeatpad': whole copies only
    return np.pad(tiled, (0, MAX_SAMPLES - len(tiled)))


def log_mel(wave):
    x = fit_to_ten_seconds(wave)
    padded = np.pad(x, (N_FFT // 2, N_FFT // 2), mode="reflect")
    n_frames = 1 + (len(padded) - N_FFT) // HOP
    window = 0.5 - 0.5 * np.cos(2 * np.pi * np.arange(N_FFT) / N_FFT)  # periodic Hann
    frames = np.stack([padded[t * HOP:t * HOP + N_FFT] * window for t in range(n_frames)])
    power = np.abs(np.fft.rfft(frames, axis=1)) ** 2
    mel = power @ mel_filter_bank()
    return 10.0 * np.log10(np.maximum(mel, 1e-10))  # [1001, 64]


def test_clip():
    rng = np.random.default_rng(20240611)
    n = int(1.3 * SR)
    t = np.arange(n) / SR
    chirp = np.sin(2 * np.pi * (200 * t + (3000 - 200) * t * t / (2 * 1.3)))
    tone = sum(0.5 / k * np.sin(2 * np.pi * 220 * k * t) for k in range(1, 6))
    noise = 0.05 * rng.standard_normal(n)
    fade = np.minimum(1.0, np.minimum(t / 0.01, (1.3 - t) / 0.01))
    return (0.3 * (chirp + tone) * fade + noise).astype(np.float32)

# ----------------------------------------------------------------------------------------------------------------
# Byte-level BPE (GPT-2 / RoBERTa format)
# ----------------------------------------------------------------------------------------------------------------


def bytes_to_unicode():
    bs = list(range(ord("!"), ord("~") + 1)) + list(range(ord("¡"), ord("¬") + 1)) + list(range(ord("®"), ord("ÿ") + 1))
    cs = bs[:]
    n = 0
    for b in range(256):
        if b not in bs:
            bs.append(b)
            cs.append(256 + n)
            n += 1
    return dict(zip(bs, [chr(c) for c in cs]))


BYTE_TO_UNICODE = bytes_to_unicode()
# GPT-2's pre-tokenizer; python's re has no \p{L}/\p{N}: [^\W\d_] is a Unicode letter, \d a decimal digit (the test
# texts use no other numeric characters, where the two would differ).
PRETOKENIZE = re.compile(r"'s|'t|'re|'ve|'m|'ll|'d| ?[^\W\d_]+| ?\d+| ?(?:[^\s\w]|_)+|\s+(?!\S)|\s+")


def words(text):
    return ["".join(BYTE_TO_UNICODE[b] for b in piece.encode("utf-8")) for piece in PRETOKENIZE.findall(text)]


def train_bpe(corpus, merges_wanted):
    counts = Counter(w for text in corpus for w in words(text))
    vocab = {tuple(w): c for w, c in counts.items()}
    merges = []
    for _ in range(merges_wanted):
        pairs = Counter()
        for symbols, c in vocab.items():
            for a, b in zip(symbols, symbols[1:]):
                pairs[(a, b)] += c
        if not pairs:
            break
        best = min(pairs.items(), key=lambda kv: (-kv[1], kv[0]))[0]
        merges.append(best)
        merged = {}
        for symbols, c in vocab.items():
            out, i = [], 0
            while i < len(symbols):
                if i < len(symbols) - 1 and (symbols[i], symbols[i + 1]) == best:
                    out.append(symbols[i] + symbols[i + 1])
                    i += 2
                else:
                    out.append(symbols[i])
                    i += 1
            merged[tuple(out)] = merged.get(tuple(out), 0) + c
        vocab = merged
    return merges


def bpe_word(word, ranks):
    symbols = list(word)
    while len(symbols) > 1:
        best = min(range(len(symbols) - 1), key=lambda i: ranks.get((symbols[i], symbols[i + 1]), float("inf")))
        pair = (symbols[best], symbols[best + 1])
        if pair not in ranks:
            break
        out, i = [], 0
        while i < len(symbols):
            if i < len(symbols) - 1 and (symbols[i], symbols[i + 1]) == pair:
                out.append(symbols[i] + symbols[i + 1])
                i += 2
            else:
                out.append(symbols[i])
                i += 1
        symbols = out
    return symbols


def encode(text, vocab, ranks):
    ids = [vocab["<s>"]]
    for w in words(text):
        ids.extend(vocab[s] for s in bpe_word(w, ranks))
    return ids + [vocab["</s>"]]

# ----------------------------------------------------------------------------------------------------------------
# Tiny towers
# ----------------------------------------------------------------------------------------------------------------


class TinyAudioTower(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(1, 4, kernel_size=(5, 3), stride=(4, 2))  # [B,4,250,31]
        self.hidden = nn.Linear(4 * 31, 16)
        self.projection = nn.Linear(16, 512)

    def forward(self, input_features):
        x = torch.relu(self.conv(input_features / 50.0)).mean(dim=2).flatten(1)
        return self.projection(torch.tanh(self.hidden(x)))


class TinyTextTower(nn.Module):
    def __init__(self, vocab_size):
        super().__init__()
        self.tokens = nn.Embedding(vocab_size, 16)
        self.positions = nn.Embedding(514, 16)  # RoBERTa: positions from 2, padding_idx 1
        self.projection = nn.Linear(16, 512)

    def forward(self, input_ids, attention_mask):
        positions = torch.cumsum(attention_mask, dim=1) * attention_mask + 1
        h = torch.tanh(self.tokens(input_ids) + self.positions(positions))
        mask = attention_mask.to(torch.float32).unsqueeze(-1)
        return self.projection((h * mask).sum(dim=1) / mask.sum(dim=1))


def normalise(x):
    return x / np.linalg.norm(x, axis=-1, keepdims=True)


def main():
    os.makedirs(OUT, exist_ok=True)
    p = lambda name: os.path.join(OUT, name)

    clip = test_clip()
    np.save(p("clip_48k.npy"), clip)
    features = log_mel(clip).astype(np.float32)
    np.save(p("features_repeatpad.npy"), features)
    np.save(p("features_truncated.npy"), log_mel(np.tile(clip, 9)).astype(np.float32))

    prompts = [TEMPLATE.replace("{label}", label) for label in LABELS]
    corpus = prompts + ["music with a piano and a violin", "an electric guitar solo", "sad slow song", "happy upbeat pop",
                        "heavy metal with distorted guitars", "a quiet ambient soundscape"]
    merges = train_bpe(corpus, 120)
    vocab = {"<s>": 0, "<pad>": 1, "</s>": 2, "<unk>": 3}
    for b in range(256):
        vocab[BYTE_TO_UNICODE[b]] = len(vocab)
    for a, b in merges:
        vocab.setdefault(a + b, len(vocab))
    vocab["<mask>"] = len(vocab)
    ranks = {m: i for i, m in enumerate(merges)}
    with open(p("vocab.json"), "w", encoding="utf-8") as f:
        json.dump(vocab, f, ensure_ascii=False)
    with open(p("merges.txt"), "w", encoding="utf-8") as f:
        f.write("#version: 0.2\n" + "".join(f"{a} {b}\n" for a, b in merges))

    cases = prompts + ["piano music", "Jazz, rock & roll!", "it's 2 o'clock  now", "  leading spaces", "café déjà vu",
                       "tabs\tand\nnewlines", "under_score", ""]
    with open(p("tokenizer_cases.json"), "w", encoding="utf-8") as f:
        json.dump([{"text": t, "ids": encode(t, vocab, ranks)} for t in cases], f, ensure_ascii=False, indent=1)

    torch.manual_seed(7)
    audio_tower = TinyAudioTower().eval()
    text_tower = TinyTextTower(len(vocab)).eval()
    torch.onnx.export(audio_tower, (torch.zeros(1, 1, 1001, 64),), p("audio_model.onnx"),
                      input_names=["input_features"], output_names=["audio_embeds"],
                      dynamic_axes={"input_features": {0: "batch_size"}, "audio_embeds": {0: "batch_size"}},
                      opset_version=14)
    ids = torch.ones(2, 5, dtype=torch.long)
    torch.onnx.export(text_tower, (ids, torch.ones_like(ids)), p("text_model.onnx"),
                      input_names=["input_ids", "attention_mask"], output_names=["text_embeds"],
                      dynamic_axes={"input_ids": {0: "batch_size", 1: "sequence_length"},
                                    "attention_mask": {0: "batch_size", 1: "sequence_length"},
                                    "text_embeds": {0: "batch_size"}},
                      opset_version=14)

    with torch.no_grad():
        audio = audio_tower(torch.from_numpy(features)[None, None]).numpy().astype(np.float64)
        encoded = [encode(t, vocab, ranks) for t in prompts]
        length = max(len(e) for e in encoded)
        batch = torch.tensor([e + [vocab["<pad>"]] * (length - len(e)) for e in encoded])
        mask = torch.tensor([[1] * len(e) + [0] * (length - len(e)) for e in encoded])
        text = text_tower(batch, mask).numpy().astype(np.float64)
        single = text_tower(torch.tensor([encode("piano music", vocab, ranks)]),
                            torch.ones(1, len(encode("piano music", vocab, ranks)), dtype=torch.long)).numpy().astype(np.float64)
    audio_n = normalise(audio)[0]
    text_n = normalise(text)
    similarity = text_n @ audio_n
    logits = LOGIT_SCALE * similarity
    scores = np.exp(logits - logits.max())
    scores /= scores.sum()
    expected = {
        "template": TEMPLATE,
        "logit_scale": LOGIT_SCALE,
        "labels": LABELS,
        "audio_embedding": audio_n.tolist(),
        "label_text_embeddings": text_n.tolist(),
        "similarities": similarity.tolist(),
        "scores": scores.tolist(),
        "text": "piano music",
        "text_embedding": normalise(single)[0].tolist(),
    }
    with open(p("expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    for name in sorted(os.listdir(OUT)):
        print(f"{name}: {os.path.getsize(p(name))} bytes")


if __name__ == "__main__":
    main()
