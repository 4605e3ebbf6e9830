#!/usr/bin/env python3
"""Reference STFT timings for `musicai bench dsp` (embedded in the CLI; run by it with a JSON config path).

For every case (n_fft, hop) it times, single-threaded and over the same signal, the available references:
numpy framed rfft, scipy.signal.stft and torch.stft, all with a periodic Hann window, frames centred with reflect
padding (scipy: boundary="even", padded=False, which is the same framing). After one warm-up run it times `runs`
runs of all channels and reports best and median, and the max error of its spectrum against ours on a subset of
frames (scipy's 1/sum(window) scaling undone), relative to the reference's max magnitude. Prints one JSON object.
"""
import json
import os
import sys
import time

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS", "VECLIB_MAXIMUM_THREADS"):
    os.environ[_var] = "1"


def main():
    with open(sys.argv[1]) as f:
        cfg = json.load(f)
    result = {"python": sys.version.split()[0], "results": [], "unavailable": []}
    try:
        import numpy as np
    except Exception as e:  # noqa: BLE001 - report any import failure
        result["error"] = "numpy unavailable: %s" % e
        print(json.dumps(result))
        return
    result["numpy"] = np.__version__
    x = np.fromfile(cfg["signal_path"], dtype="<f4").reshape(cfg["channels"], cfg["samples"])

    impls = []

    def numpy_stft(n_fft, hop, window):
        def run(channel):
            padded = np.pad(channel, n_fft // 2, mode="reflect")
            frames = np.lib.stride_tricks.sliding_window_view(padded, n_fft)[::hop]
            return np.fft.rfft(frames * window, axis=-1)
        return run

    impls.append(("numpy.fft.rfft (framed)", numpy_stft))

    try:
        import scipy
        import scipy.signal
        result["scipy"] = scipy.__version__

        def scipy_stft(n_fft, hop, window):
            scale = float(window.sum())

            def run(channel):
                _, _, z = scipy.signal.stft(channel, window=window, nperseg=n_fft, noverlap=n_fft - hop, boundary="even",
                                            padded=False, return_onesided=True, detrend=False)
                return z.T * scale
            return run

        impls.append(("scipy.signal.stft", scipy_stft))
    except Exception as e:  # noqa: BLE001
        result["unavailable"].append({"implementation": "scipy.signal.stft", "reason": "scipy unavailable: %s" % e})

    try:
        import torch
        torch.set_num_threads(1)
        result["torch"] = torch.__version__

        def torch_stft(n_fft, hop, window):
            w = torch.from_numpy(window)

            def run(channel):
                return torch.stft(torch.from_numpy(channel), n_fft, hop_length=hop, window=w, center=True,
                                  pad_mode="reflect", return_complex=True).numpy().T
            return run

        impls.append(("torch.stft", torch_stft))
    except Exception as e:  # noqa: BLE001
        result["unavailable"].append({"implementation": "torch.stft", "reason": "torch unavailable: %s" % e})

    for case in cfg["cases"]:
        n_fft, hop, bins = case["n_fft"], case["hop"], case["n_fft"] // 2 + 1
        window = (0.5 - 0.5 * np.cos(2 * np.pi * np.arange(n_fft) / n_fft)).astype(np.float32)
        indices = np.array(case["frames"])
        ours = np.fromfile(case["ours_path"], dtype="<f4").reshape(len(indices), 2, bins)
        ours = ours[:, 0, :].astype(np.float64) + 1j * ours[:, 1, :].astype(np.float64)
        for name, factory in impls:
            run = factory(n_fft, hop, window)
            spectrum = run(x[0])
            reference = np.asarray(spectrum)[indices].astype(np.complex128)
            error = float(np.max(np.abs(reference - ours)) / np.max(np.abs(reference)))
            for c in range(1, x.shape[0]):
                run(x[c])
            del spectrum
            times = []
            for _ in range(cfg["runs"]):
                start = time.perf_counter()
                for c in range(x.shape[0]):
                    run(x[c])
                times.append((time.perf_counter() - start) * 1000.0)
            times.sort()
            result["results"].append({"implementation": name, "n_fft": n_fft, "hop": hop, "best_ms": times[0],
                                      "median_ms": times[len(times) // 2], "max_rel_error": error})
    print(json.dumps(result))


if __name__ == "__main__":
    main()
