#!/usr/bin/env python3
"""Reference mel/chroma filter banks, MFCC and onset strength for tests/MusicAI.Sdk.Tests/Dsp (run with /usr/bin/python3).

librosa is not a dependency: its formulas (filters.mel, filters.chroma, power_to_db, feature.mfcc,
onset.onset_strength with lag=1/max_size=1/aggregate=mean) are re-implemented below in numpy from their documented
definitions. Writes little-endian float32 .npy files and index.json to tests/TestAssets/dsp/features/.
"""
import json
import os

import numpy as np
import scipy.fft
import scipy.signal

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "dsp", "features")
os.makedirs(OUT, exist_ok=True)


def save(name, array):
    np.save(os.path.join(OUT, name), np.ascontiguousarray(array, dtype="<f4"))


def hz_to_mel(f, htk):
    f = np.asanyarray(f, dtype=float)
    if htk:
        return 2595.0 * np.log10(1.0 + f / 700.0)
    f_sp = 200.0 / 3
    min_log_hz, logstep = 1000.0, np.log(6.4) / 27.0
    min_log_mel = min_log_hz / f_sp
    return np.where(f >= min_log_hz, min_log_mel + np.log(np.maximum(f, 1e-300) / min_log_hz) / logstep, f / f_sp)


def mel_to_hz(m, htk):
    m = np.asanyarray(m, dtype=float)
    if htk:
        return 700.0 * (10.0 ** (m / 2595.0) - 1.0)
    f_sp = 200.0 / 3
    min_log_hz, logstep = 1000.0, np.log(6.4) / 27.0
    min_log_mel = min_log_hz / f_sp
    return np.where(m >= min_log_mel, min_log_hz * np.exp(logstep * (m - min_log_mel)), f_sp * m)


def mel(sr, n_fft, n_mels, fmin=0.0, fmax=None, htk=False, norm="slaney"):
    """librosa.filters.mel."""
    fmax = sr / 2.0 if fmax is None else fmax
    fftfreqs = np.fft.rfftfreq(n=n_fft, d=1.0 / sr)
    mel_f = mel_to_hz(np.linspace(hz_to_mel(fmin, htk), hz_to_mel(fmax, htk), n_mels + 2), htk)
    fdiff = np.diff(mel_f)
    ramps = np.subtract.outer(mel_f, fftfreqs)
    weights = np.zeros((n_mels, len(fftfreqs)))
    for i in range(n_mels):
        weights[i] = np.maximum(0, np.minimum(-ramps[i] / fdiff[i], ramps[i + 2] / fdiff[i + 1]))
    if norm == "slaney":
        weights *= (2.0 / (mel_f[2:n_mels + 2] - mel_f[:n_mels]))[:, None]
    return weights


def chroma(sr, n_fft, n_chroma=12, tuning=0.0, ctroct=5.0, octwidth=2.0, base_c=True):
    """librosa.filters.chroma with norm=2."""
    frequencies = np.linspace(0, sr, n_fft, endpoint=False)[1:]
    a440 = 440.0 * 2.0 ** (tuning / n_chroma)
    frqbins = n_chroma * np.log2(frequencies / (a440 / 16))
    frqbins = np.concatenate(([frqbins[0] - 1.5 * n_chroma], frqbins))
    binwidthbins = np.concatenate((np.maximum(frqbins[1:] - frqbins[:-1], 1.0), [1]))
    d = np.subtract.outer(frqbins, np.arange(0, n_chroma, dtype="d")).T
    half = np.round(float(n_chroma) / 2)
    d = np.remainder(d + half + 10 * n_chroma, n_chroma) - half
    wts = np.exp(-0.5 * (2 * d / np.tile(binwidthbins, (n_chroma, 1))) ** 2)
    length = np.sqrt(np.sum(wts ** 2, axis=0))
    length[length < np.finfo(float).tiny] = 1.0
    wts = wts / length
    wts *= np.tile(np.exp(-0.5 * (((frqbins / n_chroma - ctroct) / octwidth) ** 2)), (n_chroma, 1))
    if base_c:
        wts = np.roll(wts, -3 * (n_chroma // 12), axis=0)
    return np.ascontiguousarray(wts[:, :int(1 + n_fft / 2)])


def power_to_db(s, ref=1.0, amin=1e-10, top_db=80.0):
    db = 10.0 * np.log10(np.maximum(amin, s)) - 10.0 * np.log10(np.maximum(amin, ref))
    return np.maximum(db, db.max() - top_db) if top_db is not None else db


index = {"mel": [], "chroma": []}
for name, sr, n_fft, n_mels, fmin, fmax, htk, norm in [
    ("mel_slaney_22050_1024_64", 22050, 1024, 64, 0.0, None, False, "slaney"),
    ("mel_htk_44100_2048_40_nonorm", 44100, 2048, 40, 30.0, 16000.0, True, None),
    ("mel_htk_16000_512_80_slaney", 16000, 512, 80, 0.0, 8000.0, True, "slaney"),
]:
    save(name + ".npy", mel(sr, n_fft, n_mels, fmin, fmax, htk, norm))
    index["mel"].append(dict(name=name, sr=sr, n_fft=n_fft, n_mels=n_mels, fmin=fmin, fmax=fmax if fmax else sr / 2.0, htk=htk, slaney_norm=norm == "slaney"))

for name, sr, n_fft, n_chroma, tuning, base_c in [
    ("chroma_22050_2048_12", 22050, 2048, 12, 0.0, True),
    ("chroma_44100_1024_24_tuned", 44100, 1024, 24, 0.1, True),
    ("chroma_22050_1024_12_base_a", 22050, 1024, 12, -0.2, False),
]:
    save(name + ".npy", chroma(sr, n_fft, n_chroma, tuning, base_c=base_c))
    index["chroma"].append(dict(name=name, sr=sr, n_fft=n_fft, n_chroma=n_chroma, tuning=tuning, base_c=base_c))

# MFCC of given mel power frames: dct-II (ortho) of power_to_db(top_db=80), first 20 coefficients.
rng = np.random.default_rng(11)
mel_power = rng.gamma(0.5, 1.0, size=(25, 64)) * 10.0 ** rng.uniform(-9, 0, size=(25, 1))
save("mfcc_input_mel_power.npy", mel_power)
mfcc = scipy.fft.dct(power_to_db(mel_power.astype(np.float32).astype(np.float64)), type=2, norm="ortho", axis=1)[:, :20]
save("mfcc_output.npy", mfcc)

# Onset strength end to end: centred reflect-padded periodic-Hann STFT (2048/512) -> power -> Slaney mel (64)
# -> power_to_db(ref=1, amin=1e-10, top_db=80) -> flux (lag 1, mean over bands, frames < lag = 0). Without librosa's
# extra n_fft/(2*hop) frame shift (documented in OnsetStrength).
sr, n_fft, hop = 22050, 2048, 512
t = np.arange(sr * 2) / sr
x = 0.02 * rng.standard_normal(t.size)
for onset in [0.25, 0.8, 1.3, 1.7]:
    k = int(onset * sr)
    x[k:k + 4000] += 0.6 * np.sin(2 * np.pi * 660 * t[:4000]) * np.exp(-t[:4000] * 20)
x = x.astype(np.float32)
save("onset_signal.npy", x)
window = scipy.signal.get_window("hann", n_fft)
padded = np.pad(x.astype(np.float64), n_fft // 2, mode="reflect")
frames = np.lib.stride_tricks.sliding_window_view(padded, n_fft)[::hop]
power = np.abs(np.fft.rfft(frames * window, axis=1)) ** 2
s_db = power_to_db(power @ mel(sr, n_fft, 64).T)
flux = np.maximum(0.0, s_db[1:] - s_db[:-1]).mean(axis=1)
save("onset_strength.npy", np.concatenate(([0.0], flux)))
index["onset"] = dict(sr=sr, n_fft=n_fft, hop=hop, n_mels=64, top_db=80.0, frames=int(s_db.shape[0]))

with open(os.path.join(OUT, "index.json"), "w") as f:
    json.dump(index, f, indent=1)
print("wrote", OUT)
