#!/usr/bin/env python3
"""Reference STFT/iSTFT and window fixtures for tests/MusicAI.Sdk.Tests/Dsp (run with /usr/bin/python3).

Writes little-endian float32 .npy files and one JSON index to tests/TestAssets/dsp/stft/:
  <case>.signal.npy    input samples (float32)
  <case>.re.npy/.im.npy  reference spectrum, frames x bins (frame-major, like StftPlan)
  istft_*.npy          torch.istft inputs/outputs
  windows.npy + index  scipy.signal.get_window references
References are computed in float64 (torch with double tensors, scipy with float64 input) and rounded once to float32.
Deterministic: fixed seeds; re-running reproduces the files byte for byte on the same numpy/scipy/torch.
"""
import json
import os

import numpy as np
import scipy.signal
import torch

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dsp", "stft")
os.makedirs(OUT, exist_ok=True)


def save(name, array):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(array, dtype="<f4"))


def signal(kind, length, seed):
    rng = np.random.default_rng(seed)
    if kind == "noise":
        return (0.3 * rng.standard_normal(length)).astype(np.float32)
    t = np.arange(length) / 44100.0
    x = 0.5 * np.sin(2 * np.pi * 440.0 * t) + 0.25 * np.sin(2 * np.pi * 1234.5 * t + 0.3) + 0.1 * np.sin(2 * np.pi * 9876.0 * t)
    return x.astype(np.float32)


def window(name, length, periodic=True):
    spec = ("kaiser", 8.0) if name == "kaiser" else name
    return scipy.signal.get_window(spec, length, fftbins=periodic)


index = {"torch": [], "scipy": [], "istft": [], "windows": []}

# torch.stft cases: n_fft, hop, win_length, window, center, pad_mode, normalized, signal kind, length
torch_cases = [
    ("t4096_noise", 4096, 1024, 4096, "hann", True, "reflect", False, "noise", 6000),
    ("t6144_tone", 6144, 1024, 6144, "hann", True, "reflect", False, "tone", 6500),
    ("t7680_noise", 7680, 1024, 7680, "hann", True, "reflect", False, "noise", 6000),
    ("t1000_win600_constant_norm", 1000, 256, 600, "hamming", True, "constant", True, "noise", 3000),
    ("t1000_edge", 1000, 256, 1000, "hann", True, "replicate", False, "tone", 2500),
    ("t1000_nocenter_blackman", 1000, 250, 800, "blackman", False, "reflect", False, "noise", 3000),
]
for i, (name, n_fft, hop, win_length, wname, center, pad_mode, normalized, kind, length) in enumerate(torch_cases):
    x = signal(kind, length, 100 + i)
    w = window(wname, win_length)
    spec = torch.stft(torch.from_numpy(x.astype(np.float64)), n_fft, hop_length=hop, win_length=win_length,
                      window=torch.from_numpy(w), center=center, pad_mode=pad_mode, normalized=normalized,
                      onesided=True, return_complex=True).numpy().T  # frames x bins
    save(name + ".signal.npy", x)
    save(name + ".re.npy", spec.real)
    save(name + ".im.npy", spec.imag)
    index["torch"].append(dict(name=name, n_fft=n_fft, hop=hop, win_length=win_length, window=wname, center=center,
                               pad_mode={"reflect": "Reflect", "constant": "Constant", "replicate": "Edge"}[pad_mode],
                               normalized=normalized, frames=spec.shape[0], bins=spec.shape[1]))

# scipy.signal.stft cases (scaling 'spectrum' = divide by sum(window); padded=False so frames match a centred STFT).
scipy_cases = [
    ("s4096_even", 4096, 1024, "hann", "even", "Reflect", "noise", 6000),
    ("s1000_zeros_hamming", 1000, 256, "hamming", "zeros", "Constant", "tone", 3000),
]
for i, (name, n_fft, hop, wname, boundary, pad_mode, kind, length) in enumerate(scipy_cases):
    x = signal(kind, length, 200 + i)
    w = window(wname, n_fft)
    _, _, z = scipy.signal.stft(x.astype(np.float64), window=w, nperseg=n_fft, noverlap=n_fft - hop, boundary=boundary,
                                padded=False, return_onesided=True, detrend=False)
    z = z.T  # frames x bins
    save(name + ".signal.npy", x)
    save(name + ".re.npy", z.real)
    save(name + ".im.npy", z.imag)
    index["scipy"].append(dict(name=name, n_fft=n_fft, hop=hop, window=wname, pad_mode=pad_mode,
                               scale=float(1.0 / w.sum()), frames=z.shape[0], bins=z.shape[1]))

# torch.istft of arbitrary (not necessarily consistent) spectra: checks the window-sum-square normalisation and trimming.
istft_cases = [
    ("i1024_hop256", 1024, 256, 1024, "hann", True, False, 20, 5000),
    ("i1024_hop256_nolength", 1024, 256, 1024, "hann", True, False, 20, None),
    ("i1000_win600_norm", 1000, 200, 600, "hamming", True, True, 15, 3100),
    ("i512_nocenter_hamming", 512, 128, 512, "hamming", False, False, 12, None),
]
for i, (name, n_fft, hop, win_length, wname, center, normalized, frames, length) in enumerate(istft_cases):
    rng = np.random.default_rng(300 + i)
    bins = n_fft // 2 + 1
    spec = rng.standard_normal((frames, bins)) + 1j * rng.standard_normal((frames, bins))
    spec = spec.astype(np.complex64).astype(np.complex128)  # exactly representable in the float32 fixture
    w = window(wname, win_length)
    y = torch.istft(torch.from_numpy(spec.T.copy()), n_fft, hop_length=hop, win_length=win_length,
                    window=torch.from_numpy(w), center=center, normalized=normalized, onesided=True,
                    length=length).numpy()
    save(name + ".re.npy", spec.real)
    save(name + ".im.npy", spec.imag)
    save(name + ".out.npy", y)
    index["istft"].append(dict(name=name, n_fft=n_fft, hop=hop, win_length=win_length, window=wname, center=center,
                               normalized=normalized, frames=frames, length=length, output_length=int(y.shape[0])))

# scipy.signal.get_window references, periodic and symmetric.
rows = []
for wname in ["hann", "hamming", "blackman", "barthann", "kaiser"]:
    for length in [1, 2, 7, 64, 1000]:
        for periodic in [True, False]:
            rows.append(window(wname, length, periodic))
            index["windows"].append(dict(window=wname, length=length, periodic=periodic))
save("windows.npy", np.concatenate(rows))

with open(os.path.join(OUT, "index.json"), "w") as f:
    json.dump(index, f, indent=1)
print("wrote", OUT)
