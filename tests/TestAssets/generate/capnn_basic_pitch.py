#!/usr/bin/env python3
"""Golden-test inputs for the basic-pitch transcriber, derived from the upstream fixtures in ../shared/models.

The upstream reference (spotify/basic-pitch tests/resources/vocadito_10/*.npz) was produced from
`librosa.load(vocadito_10.wav, sr=22050, mono=True)`, and librosa (>= 0.10) resamples with python-soxr at quality
"soxr_hq" on float32 samples. python-soxr is a thin wrapper of libsoxr: it calls
`soxr_create(in, out, channels, io_spec(FLOAT32_I, FLOAT32_I), quality_spec(SOXR_HQ, 0), NULL)`, feeds the input
and flushes. This script makes the same libsoxr call through ctypes (the Debian libsoxr0 0.1.3 shared library), so
the C# golden test can feed the model exactly the samples the reference saw, and check the windowing, stitching and
model outputs without a resampler difference in the way.

Writes tests/TestAssets/captioning-neural/basic-pitch/:
  vocadito_10_22050.npy   float32 [200607]  the soxr-HQ 22,050 Hz input (librosa.load equivalent)
  note_events.json        the 28 reference note events of note_events.npz (pickled upstream), as plain JSON:
                          start_s, end_s, pitch_midi, amplitude, pitch_bends
  manifest.json           sources, sha256 of the inputs, libsoxr version

Run: /usr/bin/python3 tests/TestAssets/generate/capnn_basic_pitch.py [SHARED_FIXTURES_DIR]
     (default: ../shared/models/fixtures/basic-pitch beside the repository; needs numpy, soundfile, libsoxr0)
"""
import ctypes
import ctypes.util
import hashlib
import json
import os
import sys

import numpy as np
import soundfile as sf

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", "..", ".."))
OUT = os.path.join(HERE, "..", "captioning-neural", "basic-pitch")

SOXR_FLOAT32_I = 0
SOXR_HQ = 4  # SOXR_20_BITQ, what python-soxr calls "HQ" and librosa "soxr_hq"


class IoSpec(ctypes.Structure):
    _fields_ = [("itype", ctypes.c_int), ("otype", ctypes.c_int), ("scale", ctypes.c_double),
                ("e", ctypes.c_void_p), ("flags", ctypes.c_ulong)]


class QualitySpec(ctypes.Structure):
    _fields_ = [("precision", ctypes.c_double), ("phase_response", ctypes.c_double),
                ("passband_end", ctypes.c_double), ("stopband_begin", ctypes.c_double),
                ("e", ctypes.c_void_p), ("flags", ctypes.c_ulong)]


def load_soxr():
    name = ctypes.util.find_library("soxr") or "libsoxr.so.0"
    lib = ctypes.CDLL(name)
    lib.soxr_io_spec.restype = IoSpec
    lib.soxr_io_spec.argtypes = [ctypes.c_int, ctypes.c_int]
    lib.soxr_quality_spec.restype = QualitySpec
    lib.soxr_quality_spec.argtypes = [ctypes.c_ulong, ctypes.c_ulong]
    lib.soxr_version.restype = ctypes.c_char_p
    lib.soxr_oneshot.restype = ctypes.c_char_p
    lib.soxr_oneshot.argtypes = [ctypes.c_double, ctypes.c_double, ctypes.c_uint,
                                 ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),
                                 ctypes.c_void_p, ctypes.c_size_t, ctypes.POINTER(ctypes.c_size_t),
                                 ctypes.POINTER(IoSpec), ctypes.POINTER(QualitySpec), ctypes.c_void_p]
    return lib


def soxr_hq(lib, x, in_rate, out_rate):
    x = np.ascontiguousarray(x, dtype=np.float32)
    olen = int(len(x) * out_rate / in_rate) + 1  # python-soxr's output allocation
    y = np.zeros(olen, dtype=np.float32)
    odone = ctypes.c_size_t(0)
    io = lib.soxr_io_spec(SOXR_FLOAT32_I, SOXR_FLOAT32_I)
    q = lib.soxr_quality_spec(SOXR_HQ, 0)
    err = lib.soxr_oneshot(float(in_rate), float(out_rate), 1, x.ctypes.data, len(x), None,
                           y.ctypes.data, olen, ctypes.byref(odone), ctypes.byref(io), ctypes.byref(q), None)
    if err:
        raise RuntimeError(err.decode())
    y = y[:odone.value]
    # librosa.resample(fix=True) then fixes the length to ceil(len * ratio).
    n = int(np.ceil(len(x) * out_rate / in_rate))
    return np.pad(y, (0, max(0, n - len(y))))[:n], lib.soxr_version().decode()


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def main():
    shared = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "..", "shared", "models", "fixtures", "basic-pitch")
    wav = os.path.join(shared, "vocadito_10.wav")
    events_npz = os.path.join(shared, "note_events.npz")
    os.makedirs(OUT, exist_ok=True)

    audio, rate = sf.read(wav, dtype="float32")  # int16 / 32768, as librosa.load does through soundfile
    assert audio.ndim == 1 and rate == 44100, (audio.shape, rate)
    lib = load_soxr()
    resampled, version = soxr_hq(lib, audio, rate, 22050)
    np.save(os.path.join(OUT, "vocadito_10_22050.npy"), resampled.astype(np.float32))

    events = np.load(events_npz, allow_pickle=True)["arr_0"]
    rows = [{"start_s": float(e[0]), "end_s": float(e[1]), "pitch_midi": int(e[2]), "amplitude": float(e[3]),
             "pitch_bends": [int(b) for b in e[4]] if e[4] is not None else None} for e in events]
    with open(os.path.join(OUT, "note_events.json"), "w") as f:
        json.dump(rows, f, indent=1)

    manifest = {
        "source": "spotify/basic-pitch tests/resources (HEAD fa5997af), copied to ../shared/models/fixtures/basic-pitch",
        "vocadito_10.wav_sha256": sha256(wav),
        "note_events.npz_sha256": sha256(events_npz),
        "resampler": f"libsoxr {version} via ctypes, soxr_oneshot, io FLOAT32_I, quality_spec(SOXR_HQ, 0)",
        "input_samples": int(len(audio)),
        "output_samples": int(len(resampled)),
        "note_events": len(rows),
    }
    with open(os.path.join(OUT, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)
    print(json.dumps(manifest, indent=1))


if __name__ == "__main__":
    main()
