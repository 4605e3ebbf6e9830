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
        subprocess.run(["sox", raw, "-r", "16000", "-c", "1", "-b", "16", os.path.join(OUT, "speech_en_16k.wav"), "trim", "0", "4"], check=True)


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
