#!/usr/bin/env python3
"""Reference SDR values for the evaluation tests, computed by mir_eval (BSS Eval images, framewise) and numpy.

Writes tests/TestAssets/separation/sdr/:
  reference/{vocals,drums}.wav   two stereo reference sources, 4 kHz, 16-bit PCM, 4.6 s
  estimate/{vocals,drums}.wav    estimates with interference, filtering (the 512-tap projection sees it), noise
  expected.json                  per stem: numpy global SDR (MDX-challenge definition, delta 1e-7) and
                                 mir_eval.separation.bss_eval_images_framewise SDR per 1 s window (hop 1 s,
                                 compute_permutation=False; NaN where mir_eval skips a silent window)

The drums reference is silent in the window [2 s, 3 s), so mir_eval skips that window for every source.
All values are computed from the 16-bit samples as read back from the files, in float64.

Run: /usr/bin/python3 tests/TestAssets/generate/sep_sdr_fixtures.py   (needs numpy, scipy, soundfile, mir_eval)
"""
import json
import os

import mir_eval
import numpy as np
import scipy.signal
import soundfile as sf

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "separation", "sdr")
RATE = 4000
FRAMES = int(4.6 * RATE)
WINDOW = RATE
HOP = RATE
DELTA = 1e-7


def global_sdr(reference, estimate):
    return float(10 * np.log10((np.sum(reference ** 2) + DELTA) / (np.sum((reference - estimate) ** 2) + DELTA)))


def main():
    rng = np.random.default_rng(4)
    t = np.arange(FRAMES) / RATE
    vocals = np.stack([
        0.30 * np.sin(2 * np.pi * 220 * t + 2 * np.sin(2 * np.pi * 3 * t)) * (0.6 + 0.4 * np.sin(2 * np.pi * 0.5 * t)),
        0.25 * np.sin(2 * np.pi * 220 * t + 2 * np.sin(2 * np.pi * 3 * t) + 0.3),
    ])
    bursts = (np.sin(2 * np.pi * 2 * t) > 0.3).astype(float)
    drums = np.stack([0.2 * rng.standard_normal(FRAMES) * bursts, 0.15 * rng.standard_normal(FRAMES) * bursts])
    drums[:, 2 * RATE:3 * RATE] = 0.0
    b, a = scipy.signal.butter(2, 0.2)
    estimates = {
        "vocals": 0.85 * vocals + 0.1 * scipy.signal.lfilter(b, a, vocals, axis=1) + 0.2 * drums
        + 0.01 * rng.standard_normal((2, FRAMES)),
        "drums": 0.9 * drums + 0.15 * vocals[::-1] + 0.02 * rng.standard_normal((2, FRAMES)),
    }
    references = {"vocals": vocals, "drums": drums}
    for kind, signals in (("reference", references), ("estimate", estimates)):
        os.makedirs(os.path.join(ROOT, kind), exist_ok=True)
        for name, audio in signals.items():
            sf.write(os.path.join(ROOT, kind, f"{name}.wav"), np.clip(audio, -1, 1).T, RATE, subtype="PCM_16")

    names = ["vocals", "drums"]
    read = {kind: {n: sf.read(os.path.join(ROOT, kind, f"{n}.wav"), dtype="float64")[0] for n in names}
            for kind in ("reference", "estimate")}
    ref = np.stack([read["reference"][n] for n in names])  # [nsrc, nsampl, nchan]
    est = np.stack([read["estimate"][n] for n in names])
    sdr, _, _, _, _ = mir_eval.separation.bss_eval_images_framewise(ref, est, window=WINDOW, hop=HOP,
                                                                    compute_permutation=False)
    expected = {
        "sample_rate": RATE, "frames": FRAMES, "window": WINDOW, "hop": HOP, "delta": DELTA,
        "mir_eval": mir_eval.__version__, "numpy": np.__version__,
        "stems": {
            n: {
                "global_sdr": global_sdr(read["reference"][n], read["estimate"][n]),
                "framewise_sdr": [None if np.isnan(v) else float(v) for v in sdr[i]],
            }
            for i, n in enumerate(names)
        },
    }
    with open(os.path.join(ROOT, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    print(json.dumps(expected["stems"], indent=1))


if __name__ == "__main__":
    main()
