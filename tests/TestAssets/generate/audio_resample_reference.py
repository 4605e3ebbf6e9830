#!/usr/bin/env python3
"""Reference outputs of scipy.signal.resample_poly for the ScipyCompatible resampler test.

Writes tests/TestAssets/audio/resample/<in>_<out>.input.f32 and .scipy.f32 (raw little-endian float32) and
manifest.json. The input is a deterministic chirp plus seeded noise, stored as float32 and fed to scipy as
float64, so both sides resample exactly the same values.

Run with the Debian python that has scipy:  /usr/bin/python3 tests/TestAssets/generate/audio_resample_reference.py
"""
import json
import math
import os

import numpy as np
import scipy
from scipy.signal import resample_poly

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "audio", "resample")
CASES = [(44100, 48000), (48000, 44100), (44100, 22050), (44100, 16000), (48000, 32000), (8000, 44100), (192000, 44100)]
FRAMES = 3000


def main():
    os.makedirs(ROOT, exist_ok=True)
    rng = np.random.default_rng(20240611)
    manifest = {"scipy": scipy.__version__, "numpy": np.__version__, "cases": []}
    for rate_in, rate_out in CASES:
        t = np.arange(FRAMES) / rate_in
        # Chirp sweeping 50 Hz .. 0.49 * rate_in, plus noise: content across the whole band, above the new Nyquist too.
        f0, f1 = 50.0, 0.49 * rate_in
        duration = FRAMES / rate_in
        phase = 2 * math.pi * (f0 * t + (f1 - f0) * t * t / (2 * duration))
        x = (0.6 * np.sin(phase) + 0.2 * rng.standard_normal(FRAMES)).astype(np.float32)
        g = math.gcd(rate_in, rate_out)
        up, down = rate_out // g, rate_in // g
        y = resample_poly(x.astype(np.float64), up, down)
        stem = f"{rate_in}_{rate_out}"
        x.astype("<f4").tofile(os.path.join(ROOT, stem + ".input.f32"))
        y.astype("<f4").tofile(os.path.join(ROOT, stem + ".scipy.f32"))
        manifest["cases"].append({"input_rate": rate_in, "output_rate": rate_out, "up": up, "down": down,
                                  "input_frames": FRAMES, "output_frames": int(y.shape[0]), "stem": stem})
    with open(os.path.join(ROOT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
