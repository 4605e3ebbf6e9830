#!/usr/bin/env python3
"""Reference outputs of the UVR MDX-Net and HT-Demucs pipelines on the tiny models, for the C# engine tests.

Run after sepnn_models.py, with the Debian python that has torch 1.13 (the pyenv python3 on PATH has no numpy):

    /usr/bin/python3 tests/TestAssets/generate/sepnn_reference.py

The pipelines below re-implement, step by step, the reference code described in model-contracts.md:

- MDX-Net: UVR `separate.py` `SeperateMDX.demix` / `run_model` and the `STFT` class of `lib_v5/tfc_tdf_v3.py`
  (periodic Hann n_fft, hop 1024, centred reflect padding, [L.re, L.im, R.re, R.im] channels cropped to dim_f, the
  3 lowest bins zeroed, zero-padded back to n_fft/2+1 bins for the iSTFT; trim/gen/pad chunking, the `Default`
  step (chunk - n_fft) or int((1 - overlap) * chunk), symmetric np.hanning weights, divider, compensate).
- HT-Demucs: demucs `separate.py` normalisation (mono mix mean/std), `apply.py` `apply_model` with split=True,
  shifts=0, overlap 0.25, transition_power 1 (triangle weights, TensorChunk.padded context, center_trim), and for
  flavour A the `standalone_spec` / `standalone_magnitude` / `standalone_mask` / `standalone_ispec` functions of
  sevagh/demucs.onnx (demucs `_spec` / `_ispec` with `spectro` / `ispectro`: n_fft 4096, hop 1024, normalized).

The networks are the torch modules that sepnn_models.py exported (rebuilt from the same closed-formula weights); the
script checks that they reproduce the exported graphs' weights. The input is a closed-formula test signal that the C#
tests regenerate bit for bit (`test_signal`). Expected outputs are stored at reduced size: every `stride`-th sample
of every stem and channel, plus the mean and RMS of every block of 1024 samples (both must agree within the
max-abs tolerance whenever every sample does).
"""

import json
import math
import os
import sys
import warnings

import numpy as np
import onnx
import onnx.numpy_helper
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sepnn_models as models  # noqa: E402

warnings.filterwarnings("ignore")
torch.set_num_threads(1)

OUT = models.OUT
ROOT = models.ROOT
SR = 44100
BLOCK = 1024


# --------------------------------------------------------------------------------------------------------------------
# Test signal (regenerated in C#: tests/MusicAI.Sdk.Tests/Separation/Neural/NeuralTestSignal.cs)
# --------------------------------------------------------------------------------------------------------------------

def noise(n, channel):
    """Integer LCG noise in [-0.5, 0.5): exact in any language with 64-bit integers."""
    v = (n * 1103515245 + 12345 + channel * 7919) % 2147483648
    return v / 2147483648.0 - 0.5


def test_signal(frames):
    """Stereo [2, frames] float32: two tones with a slow tremolo, a rising chirp and decaying noise bursts every 0.5 s."""
    n = np.arange(frames, dtype=np.int64)
    t = n / SR
    burst = np.exp(-30.0 * ((n % 22050) / SR))
    tremolo = 0.6 + 0.4 * np.sin(2 * np.pi * 0.5 * t)
    chirp = np.sin(2 * np.pi * (300.0 + 200.0 * t) * t)
    left = (0.25 * np.sin(2 * np.pi * 110.0 * t) + 0.15 * np.sin(2 * np.pi * 440.0 * t + 0.3) * tremolo
            + 0.10 * chirp + 0.20 * burst * noise(n, 0))
    right = (0.20 * np.sin(2 * np.pi * 110.0 * t + 0.1) + 0.20 * np.sin(2 * np.pi * 660.0 * t) * tremolo
             + 0.05 * chirp + 0.20 * burst * noise(n, 1))
    return np.stack([left, right]).astype(np.float32)


# --------------------------------------------------------------------------------------------------------------------
# UVR MDX-Net
# --------------------------------------------------------------------------------------------------------------------

class UvrStft:
    """UVR lib_v5/tfc_tdf_v3.py STFT (CPU path)."""

    def __init__(self, n_fft, hop_length, dim_f):
        self.n_fft = n_fft
        self.hop_length = hop_length
        self.window = torch.hann_window(window_length=n_fft, periodic=True)
        self.dim_f = dim_f

    def __call__(self, x):
        batch_dims = x.shape[:-2]
        c, t = x.shape[-2:]
        x = x.reshape([-1, t])
        x = torch.stft(x, n_fft=self.n_fft, hop_length=self.hop_length, window=self.window, center=True,
                       return_complex=False)
        x = x.permute([0, 3, 1, 2])
        x = x.reshape([*batch_dims, c, 2, -1, x.shape[-1]]).reshape([*batch_dims, c * 2, -1, x.shape[-1]])
        return x[..., :self.dim_f, :]

    def inverse(self, x):
        batch_dims = x.shape[:-3]
        c, f, t = x.shape[-3:]
        n = self.n_fft // 2 + 1
        f_pad = torch.zeros([*batch_dims, c, n - f, t])
        x = torch.cat([x, f_pad], -2)
        x = x.reshape([*batch_dims, c // 2, 2, n, t]).reshape([-1, 2, n, t])
        x = x.permute([0, 2, 3, 1])
        x = x[..., 0] + x[..., 1] * 1.j
        x = torch.istft(x, n_fft=self.n_fft, hop_length=self.hop_length, window=self.window, center=True)
        return x.reshape([*batch_dims, 2, -1])


def uvr_run_model(model, stft, mix):
    """UVR SeperateMDX.run_model (adjust = 1, no denoise)."""
    spek = stft(mix)
    spek[:, :, :3, :] *= 0
    with torch.no_grad():
        spec_pred = model(spek)
    return stft.inverse(spec_pred).cpu().detach().numpy()


def uvr_demix(model, mix, n_fft, dim_f, dim_t, overlap, compensate, hop=1024):
    """UVR SeperateMDX.demix (is_match_mix False, no pitch change): returns the primary stem * compensate."""
    stft = UvrStft(n_fft, hop, dim_f)
    trim = n_fft // 2
    chunk_size = hop * (dim_t - 1)
    gen_size = chunk_size - 2 * trim
    pad = gen_size + trim - (mix.shape[-1] % gen_size)
    mixture = np.concatenate((np.zeros((2, trim), dtype="float32"), mix, np.zeros((2, pad), dtype="float32")), 1)
    step = chunk_size - n_fft if overlap == "Default" else int((1 - overlap) * chunk_size)
    result = np.zeros((1, 2, mixture.shape[-1]), dtype=np.float32)
    divider = np.zeros((1, 2, mixture.shape[-1]), dtype=np.float32)
    chunks = 0
    for i in range(0, mixture.shape[-1], step):
        chunks += 1
        start = i
        end = min(i + chunk_size, mixture.shape[-1])
        chunk_size_actual = end - start
        if overlap == 0:
            window = None
        else:
            window = np.hanning(chunk_size_actual)
            window = np.tile(window[None, None, :], (1, 2, 1))
        mix_part_ = mixture[:, start:end]
        if end != i + chunk_size:
            pad_size = (i + chunk_size) - end
            mix_part_ = np.concatenate((mix_part_, np.zeros((2, pad_size), dtype="float32")), axis=-1)
        mix_part = torch.tensor(np.array([mix_part_]), dtype=torch.float32)
        for mix_wave in mix_part.split(1):
            tar_waves = uvr_run_model(model, stft, mix_wave)
            if window is not None:
                tar_waves[..., :chunk_size_actual] *= window
                divider[..., start:end] += window
            else:
                divider[..., start:end] += 1
            result[..., start:end] += tar_waves[..., :end - start]
    with np.errstate(divide="ignore", invalid="ignore"):
        tar_waves = result / divider
    tar_waves_ = np.vstack([tar_waves])[:, :, trim:-trim]
    tar_waves = np.concatenate(tar_waves_, axis=-1)[:, :mix.shape[-1]]
    source = tar_waves[:, 0:None]
    return source * compensate, chunks


# --------------------------------------------------------------------------------------------------------------------
# HT-Demucs
# --------------------------------------------------------------------------------------------------------------------

HL = 1024
NFFT = 4096


def pad1d(x, paddings, mode="constant", value=0.0):
    """demucs hdemucs.pad1d: reflect padding that also works when the input is shorter than the padding."""
    length = x.shape[-1]
    padding_left, padding_right = paddings
    if mode == "reflect":
        max_pad = max(padding_left, padding_right)
        if length <= max_pad:
            extra_pad = max_pad - length + 1
            extra_pad_right = min(padding_right, extra_pad)
            extra_pad_left = extra_pad - extra_pad_right
            paddings = (padding_left - extra_pad_left, padding_right - extra_pad_right)
            x = F.pad(x, (extra_pad_left, extra_pad_right))
    return F.pad(x, paddings, mode, value)


def spectro(x, n_fft=512, hop_length=None, pad=0):
    *other, length = x.shape
    x = x.reshape(-1, length)
    z = torch.stft(x, n_fft * (1 + pad), hop_length or n_fft // 4, window=torch.hann_window(n_fft).to(x),
                   win_length=n_fft, normalized=True, center=True, return_complex=True, pad_mode="reflect")
    _, freqs, frame = z.shape
    return z.view(*other, freqs, frame)


def ispectro(z, hop_length=None, length=None, pad=0):
    *other, freqs, frames = z.shape
    n_fft = 2 * freqs - 2
    z = z.view(-1, freqs, frames)
    win_length = n_fft // (1 + pad)
    x = torch.istft(z, n_fft, hop_length, window=torch.hann_window(win_length).to(z.real), win_length=win_length,
                    normalized=True, length=length, center=True)
    _, length = x.shape
    return x.view(*other, length)


def standalone_spec(x, nfft=NFFT, hop_length=HL):
    hl = hop_length
    le = int(math.ceil(x.shape[-1] / hl))
    pad = hl // 2 * 3
    x = pad1d(x, (pad, pad + le * hl - x.shape[-1]), mode="reflect")
    z = spectro(x, nfft, hl)[..., :-1, :]
    assert z.shape[-1] == le + 4, (z.shape, x.shape, le)
    return z[..., 2: 2 + le]


def standalone_magnitude(z):
    b, c, fr, t = z.shape
    m = torch.view_as_real(z).permute(0, 1, 4, 2, 3)
    return m.reshape(b, c * 2, fr, t)


def standalone_mask(m):
    b, s, c, fr, t = m.shape
    out = m.view(b, s, -1, 2, fr, t).permute(0, 1, 2, 4, 5, 3)
    return torch.view_as_complex(out.contiguous())


def standalone_ispec(z, length=None, hop_length=HL):
    hl = hop_length
    z = F.pad(z, (0, 0, 0, 1))
    z = F.pad(z, (2, 2))
    pad = hl // 2 * 3
    le = hl * int(math.ceil(length / hl)) + 2 * pad
    x = ispectro(z, hl, length=le)
    return x[..., pad: pad + length]


class TensorChunk:
    """demucs apply.TensorChunk."""

    def __init__(self, tensor, offset=0, length=None):
        total_length = tensor.shape[-1]
        assert 0 <= offset < total_length
        length = total_length - offset if length is None else min(total_length - offset, length)
        self.tensor = tensor
        self.offset = offset
        self.length = length

    def padded(self, target_length):
        delta = target_length - self.length
        total_length = self.tensor.shape[-1]
        assert delta >= 0
        start = self.offset - delta // 2
        end = start + target_length
        correct_start = max(0, start)
        correct_end = min(total_length, end)
        pad_left = correct_start - start
        pad_right = end - correct_end
        out = F.pad(self.tensor[..., correct_start:correct_end], (pad_left, pad_right))
        assert out.shape[-1] == target_length
        return out


def center_trim(tensor, reference):
    delta = tensor.size(-1) - reference
    assert delta >= 0
    if delta:
        tensor = tensor[..., delta // 2:-(delta - delta // 2)]
    return tensor


def demucs_run_chunk(model, flavour, chunk, segment):
    """apply_model's split=False branch for HTDemucs (valid_length = training length), with sevagh's outside STFT."""
    length = chunk.length
    padded_mix = chunk.padded(segment)
    with torch.no_grad():
        if flavour == "A":
            magspec = standalone_magnitude(standalone_spec(padded_mix))
            out_x, out_xt = model(padded_mix, magspec)
            out = standalone_ispec(standalone_mask(out_x), segment)
            out = out_xt + out
            out = out[..., :segment]
        else:
            out = model(padded_mix)
    return center_trim(out, length)


def demucs_apply_model(model, flavour, mix, sources, segment=models.SEGMENT, overlap=0.25, transition_power=1.0):
    """apply_model(split=True, shifts=0)."""
    batch, channels, length = mix.shape
    out = torch.zeros(batch, sources, channels, length)
    sum_weight = torch.zeros(length)
    stride = int((1 - overlap) * segment)
    offsets = range(0, length, stride)
    weight = torch.cat([torch.arange(1, segment // 2 + 1), torch.arange(segment - segment // 2, 0, -1)])
    assert len(weight) == segment
    weight = (weight / weight.max()) ** transition_power
    for offset in offsets:
        chunk = TensorChunk(mix, offset, segment)
        chunk_out = demucs_run_chunk(model, flavour, chunk, segment)
        chunk_length = chunk_out.shape[-1]
        out[..., offset:offset + segment] += weight[:chunk_length] * chunk_out
        sum_weight[offset:offset + segment] += weight[:chunk_length]
    assert sum_weight.min() > 0
    out /= sum_weight
    return out, len(offsets)


def demucs_separate(model, flavour, wav, sources):
    """demucs separate.py: normalise by the mono mix, apply_model(shifts=0), denormalise."""
    wav = torch.tensor(wav)
    ref = wav.mean(0)
    wav = (wav - ref.mean()) / ref.std()
    out, chunks = demucs_apply_model(model, flavour, wav[None], sources)
    out = out[0] * ref.std() + ref.mean()
    return out.numpy(), chunks


# --------------------------------------------------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------------------------------------------------

def check_weights(module, onnx_name):
    """The exported graph carries the same weights as the module the reference runs."""
    graph = onnx.load(os.path.join(OUT, onnx_name))
    initializers = {i.name: onnx.numpy_helper.to_array(i) for i in graph.graph.initializer}
    for name, parameter in module.state_dict().items():
        assert name in initializers, f"{onnx_name}: no initializer {name}"
        assert np.array_equal(initializers[name], parameter.numpy()), f"{onnx_name}: {name} differs"


def block_stats(stems):
    """[stems, channels, frames] -> [stems, channels, blocks, 2] (mean, rms) over blocks of BLOCK frames."""
    s, c, n = stems.shape
    blocks = (n + BLOCK - 1) // BLOCK
    stats = np.zeros((s, c, blocks, 2), dtype=np.float64)
    data = stems.astype(np.float64)
    for b in range(blocks):
        part = data[..., b * BLOCK: min(n, (b + 1) * BLOCK)]
        stats[..., b, 0] = part.mean(-1)
        stats[..., b, 1] = np.sqrt((part ** 2).mean(-1))
    return stats.astype(np.float32)


def save_case(index, name, stems, stem_names, stride, **fields):
    stems = np.ascontiguousarray(stems, dtype=np.float32)
    assert np.all(np.isfinite(stems)), name
    np.save(os.path.join(OUT, name + ".strided.npy"), np.ascontiguousarray(stems[..., ::stride]))
    np.save(os.path.join(OUT, name + ".blocks.npy"), block_stats(stems))
    index.append(dict(name=name, stems=stem_names, frames=int(stems.shape[-1]), stride=stride, block=BLOCK, **fields))
    print(f"{name}: {stems.shape}, {fields.get('chunks')} chunks, peak {np.abs(stems).max():.4f}")


def formula_bytes(length):
    """Bytes (k * 31 + 7) mod 251: the C# test writes the same file."""
    return ((np.arange(length, dtype=np.int64) * 31 + 7) % 251).astype(np.uint8).tobytes()


def uvr_model_hash(path):
    """python-audio-separator get_model_hash: MD5 of the last 10,000 * 1024 bytes, or of the whole file when smaller."""
    import hashlib
    try:
        with open(path, "rb") as f:
            f.seek(-10000 * 1024, 2)
            return hashlib.md5(f.read()).hexdigest()
    except IOError:
        return hashlib.md5(open(path, "rb").read()).hexdigest()


def tail_md5_cases():
    import tempfile
    cases = []
    for length in (5000, 10000 * 1024, 10000 * 1024 + 4097):
        with tempfile.NamedTemporaryFile(delete=False) as f:
            f.write(formula_bytes(length))
        cases.append({"length": length, "md5": uvr_model_hash(f.name)})
        os.remove(f.name)
    return cases


def main():
    index = []
    mdx_cases = [
        # (case, model, frames, overlap): 12.5 s -> 4 chunks with the Default step, 4 with 0.25.
        ("mdx7680_default", "mdx_tiny_7680", 551250, "Default"),
        ("mdx7680_overlap25", "mdx_tiny_7680", 551250, 0.25),
        # N % gen > gen - trim: the short last chunk reaches the kept samples.
        ("mdx6144_default", "mdx_tiny_6144", 232104, "Default"),
        ("mdx6144_overlap25", "mdx_tiny_6144", 232104, 0.25),
        ("mdx6144_overlap0", "mdx_tiny_6144", 232104, 0.0),
    ]
    mdx_model = models.TinyMdxNet().eval()
    for name in models.MDX_CONFIGS:
        check_weights(mdx_model, name + ".onnx")
    for case, model_name, frames, overlap in mdx_cases:
        n_fft, dim_f, dim_t, compensate, primary = models.MDX_CONFIGS[model_name]
        mix = test_signal(frames)
        primary_out, chunks = uvr_demix(mdx_model, mix, n_fft, dim_f, dim_t, overlap, compensate)
        stem = "vocals" if primary == "Vocals" else "accompaniment"
        save_case(index, case, primary_out[None], [stem], 13, engine="mdx", model=model_name + ".onnx",
                  overlap=None if overlap == "Default" else overlap, chunks=chunks)

    demucs_a = models.TinyHtDemucsA().eval()
    check_weights(demucs_a, "htdemucs_tiny_a.onnx")
    frames = 529200  # 12 s -> 3 segments, the last one 13,230 samples with real context on its left.
    mix = test_signal(frames)
    out, chunks = demucs_separate(demucs_a, "A", mix, demucs_a.sources)
    save_case(index, "htdemucs_a", out, ["drums", "bass", "other", "vocals"], 29, engine="htdemucs",
              model="htdemucs_tiny_a.onnx", overlap=0.25, chunks=chunks)

    demucs_b = models.TinyHtDemucsB().eval()
    check_weights(demucs_b, "htdemucs_tiny_b.onnx")
    out, chunks = demucs_separate(demucs_b, "B", mix, demucs_b.sources)
    # The SDK has no guitar or piano stem: a 6-source model's guitar and piano are added to "other".
    folded = np.stack([out[0], out[1], out[2] + out[4] + out[5], out[3]])
    save_case(index, "htdemucs_b", folded, ["drums", "bass", "other", "vocals"], 29, engine="htdemucs",
              model="htdemucs_tiny_b.onnx", overlap=0.25, chunks=chunks)

    with open(os.path.join(OUT, "index.json"), "w") as f:
        json.dump({"generator": "tests/TestAssets/generate/sepnn_reference.py", "torch": torch.__version__,
                   "sample_rate": SR, "cases": index, "tail_md5": tail_md5_cases()}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
