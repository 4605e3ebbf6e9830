#!/usr/bin/env python3
"""Reference IIR/FIR filter outputs for tests/MusicAI.Sdk.Tests/Dsp/FilterDesignTests (run with /usr/bin/python3).

Writes tests/TestAssets/dsp/filters/: input.npy (noise), <case>.npy (filtered output, float32) and index.json.
IIR designs: scipy.signal.butter(..., output='sos') + sosfilt in float64; FIR: firwin + lfilter.
"""
import json
import os

import numpy as np
import scipy.signal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dsp", "filters")
os.makedirs(OUT, exist_ok=True)
FS = 44100
x = (0.5 * np.random.default_rng(7).standard_normal(4000)).astype(np.float32)
np.save(os.path.join(OUT, "input.npy"), x)
index = []
iir = [
    ("butter_lp4_1000", "lowpass", 4, [1000.0]),
    ("butter_hp2_80", "highpass", 2, [80.0]),
    ("butter_hp8_40", "highpass", 8, [40.0]),
    ("butter_lp8_200", "lowpass", 8, [200.0]),
    ("butter_bp2_300_3000", "bandpass", 2, [300.0, 3000.0]),
]
for name, btype, order, freqs in iir:
    sos = scipy.signal.butter(order, freqs if len(freqs) > 1 else freqs[0], btype=btype, fs=FS, output="sos")
    y = scipy.signal.sosfilt(sos, x.astype(np.float64))
    np.save(os.path.join(OUT, name + ".npy"), y.astype("<f4"))
    index.append(dict(name=name, kind="butter", type=btype, order=order, frequencies=freqs, fs=FS))
fir = [
    ("firwin_lp31_4410_blackman", "lowpass", 31, [4410.0], "blackman"),
    ("firwin_hp63_1000_hamming", "highpass", 63, [1000.0], "hamming"),
]
for name, btype, taps, freqs, window in fir:
    h = scipy.signal.firwin(taps, freqs[0], window=window, pass_zero=(btype == "lowpass"), fs=FS)
    y = scipy.signal.lfilter(h, [1.0], x.astype(np.float64))
    np.save(os.path.join(OUT, name + ".npy"), y.astype("<f4"))
    np.save(os.path.join(OUT, name + ".taps.npy"), h.astype("<f4"))
    index.append(dict(name=name, kind="firwin", type=btype, taps=taps, frequencies=freqs, window=window, fs=FS))
with open(os.path.join(OUT, "index.json"), "w") as f:
    json.dump(index, f, indent=1)
print("wrote", OUT)
