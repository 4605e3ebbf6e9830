#!/usr/bin/env python3
"""Fixtures for the Captioner tests (track C1), written to tests/TestAssets/captioning/.

    /usr/bin/python3 tests/TestAssets/generate/cap_fixtures.py

* speech_en_16k.wav — 4 s of English speech by espeak-ng, 16 kHz mono 16-bit (a "speech, not music" input).
* mirex_key_scores.csv — mir_eval.key.weighted_score for every (reference, estimate) pair of the 24 keys, the
  oracle of the C# MIREX key score.
"""
import csv
import itertools
import os
import subprocess
import tempfile

import mir_eval

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "captioning")
NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]


def speech():
    text = "The quick brown fox jumps over the lazy dog, and then it runs away."
    with tempfile.TemporaryDirectory() as tmp:
        raw = os.path.join(tmp, "speech.wav")
        subprocess.run(["espeak-ng", "-v", "en", "-s", "160", "-w", raw, text], check=True)
        subprocess.run(["sox", "-D", raw, "-r", "16000", "-c", "1", "-b", "16", os.path.join(OUT, "speech_en_16k.wav"), "trim", "0", "4"], check=True)


def key_scores():
    keys = [f"{n} {m}" for m in ("major", "minor") for n in NAMES]
    with open(os.path.join(OUT, "mirex_key_scores.csv"), "w", newline="") as f:
        writer = csv.writer(f, lineterminator="\n")
        writer.writerow(["reference", "estimate", "score"])
        for reference, estimate in itertools.product(keys, keys):
            writer.writerow([reference, estimate, mir_eval.key.weighted_score(reference, estimate)])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    speech()
    key_scores()


# --- BeatNet input features and a stand-in model with BeatNet's signature -------------------------------------------

def beatnet_features():
    """madmom's LogarithmicFilteredSpectrogram + positive diff as BeatNet's log_spect.py configures it, re-implemented
    in numpy from madmom's formulas (madmom itself is not installable here): the oracle of BeatNetFeatures."""
    import numpy as np
    sr, frame, hop = 22050, 1411, 441
    t = np.arange(int(0.6 * sr)) / sr
    signal = (0.5 * np.sin(2 * np.pi * 220 * t) + 0.3 * np.sin(2 * np.pi * 1375 * t * (1 + t))
              + 0.2 * np.where((t % 0.25) < 0.01, 1.0, 0.0)).astype(np.float32)
    bin_freqs = np.fft.fftfreq(frame, 1.0 / sr)[:frame >> 1]
    left = np.floor(np.log2(30 / 440.) * 24)
    right = np.ceil(np.log2(17000 / 440.) * 24)
    freqs = 440. * 2. ** (np.arange(left, right) / 24.)
    freqs = freqs[np.searchsorted(freqs, 30):]
    freqs = freqs[:np.searchsorted(freqs, 17000, 'right')]
    idx = np.clip(bin_freqs.searchsorted(freqs), 1, len(bin_freqs) - 1)
    idx -= freqs - bin_freqs[idx - 1] < bin_freqs[idx] - freqs
    bins = np.unique(idx)
    bank = np.zeros((len(bin_freqs), len(bins) - 2), dtype=np.float64)
    for i in range(len(bins) - 2):
        start, center, stop = bins[i:i + 3]
        if stop - start < 2:
            center, stop = start, start + 1
        c, s = center - start, stop - start
        data = np.zeros(s)
        data[:c] = np.linspace(0, 1, c, endpoint=False)
        data[c:] = np.linspace(1, 0, s - c, endpoint=False)
        bank[start:stop, i] = data / data.sum()
    window = np.hanning(frame)
    frames = int(np.ceil(len(signal) / hop))
    padded = np.concatenate([np.zeros(frame // 2), signal, np.zeros(frame)])
    spec = np.zeros((frames, bank.shape[1]))
    for m in range(frames):
        chunk = padded[m * hop: m * hop + frame] * window
        magnitude = np.abs(np.fft.fft(chunk))[:frame >> 1]
        spec[m] = np.log10(1 + magnitude @ bank)
    diff = np.zeros_like(spec)
    diff[1:] = np.maximum(spec[1:] - spec[:-1], 0)
    np.save(os.path.join(OUT, "beatnet_signal.npy"), signal)
    np.save(os.path.join(OUT, "beatnet_features.npy"), np.hstack([spec, diff]).astype(np.float32))


def beatnet_standin():
    """A tiny graph with BeatNet's exact signature (spectrogram [1,500,272] -> activations [1,3,500]) whose output at
    frame t depends only on frame t: logits = features[t] @ W (W fixed), so windowing can be checked exactly."""
    import numpy as np
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    weights = np.zeros((272, 3), dtype=np.float32)
    weights[0, 0] = 1.0       # beat logit = feature 0
    weights[1, 1] = 1.0       # downbeat logit = feature 1
    weights[2, 2] = 1.0       # no-beat logit = feature 2
    graph = helper.make_graph(
        [helper.make_node("MatMul", ["spectrogram", "W"], ["logits"]),
         helper.make_node("Transpose", ["logits"], ["activations"], perm=[0, 2, 1])],
        "beatnet_standin",
        [helper.make_tensor_value_info("spectrogram", TensorProto.FLOAT, [1, 500, 272])],
        [helper.make_tensor_value_info("activations", TensorProto.FLOAT, [1, 3, 500])],
        [numpy_helper.from_array(weights, "W")])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="cap_fixtures.py")
    model.ir_version = 8
    onnx.checker.check_model(model)
    onnx.save(model, os.path.join(OUT, "beatnet_standin.onnx"))


if __name__ == "__main__":
    beatnet_features()
    beatnet_standin()
