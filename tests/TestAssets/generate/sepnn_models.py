#!/usr/bin/env python3
"""Tiny separator models with the exact tensor signatures of the real UVR MDX-Net and HT-Demucs ONNX files.

Run with the Debian python that has torch 1.13 + onnx (the pyenv python3 on PATH has neither):

    /usr/bin/python3 tests/TestAssets/generate/sepnn_models.py

Writes to tests/TestAssets/separation-neural/:

- mdx_tiny_7680.onnx (+ .json sidecar): 'input' float32 [batch, 4, 3072, 256] -> [batch, 4, 3072, 256], the
  UVR-MDX-NET-Voc_FT signature (n_fft 7680, dim_f 3072, dim_t 256, primary stem Vocals, compensate 1.021).
- mdx_tiny_6144.onnx (+ .json sidecar): 'input' float32 [batch, 4, 3072, 64], an Inst_HQ_3-like configuration
  (n_fft 6144: the mixed-radix FFT path, dim_f = n_fft/2 so only the Nyquist bin is dropped, primary stem
  Instrumental) with a short dim_t (64) so a few seconds of audio make several chunks.
- htdemucs_tiny_a.onnx: HT-Demucs flavour A (STFT outside the graph, sevagh/demucs.onnx export): inputs 'input'
  [1, 2, 343980] and 'x' [1, 4, 2048, 336]; outputs 0 = spectrogram branch [1, 4, 4, 2048, 336], 1 = time branch
  [1, 4, 2, 343980] (the second output keeps an automatic name, as in the real export).
- htdemucs_tiny_b.onnx: flavour B (STFT inside the graph): 'input' [1, 2, 343980] -> [1, 6, 2, 343980], six sources
  (drums, bass, other, vocals, guitar, piano) to exercise the 6-source path.
- contract-violation graphs (built with onnx.helper, no weights): mdx_wrong_channels.onnx, mdx_wrong_dtype.onnx,
  mdx_wrong_name.onnx, htdemucs_wrong_spec.onnx, three_inputs.onnx.

Every weight follows a closed formula (no random generator), so the files are the same on every run and the
reference pipeline (sepnn_reference.py) rebuilds the identical torch modules. The networks are cheap (a 3x3 gated
mask, a 1x1 channel mix, a short 1-D convolution with tanh) but nonlinear and with time context, so that any error
in framing, padding, chunking or stitching changes the output.
"""

import json
import os

import numpy as np
import onnx
import torch
import torch.nn as nn
from onnx import TensorProto, helper

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
OUT = os.path.join(ROOT, "tests", "TestAssets", "separation-neural")
OPSET = 17
SEGMENT = 343980  # HT-Demucs: int(7.8 s * 44100)
DEMUCS_BINS = 2048
DEMUCS_FRAMES = 336


def formula(shape, scale, offset=0.0, seed=0):
    """Deterministic weights in [-scale, scale]: ((k * 37 + seed * 11) % 23 - 11) / 11 * scale + offset."""
    count = int(np.prod(shape))
    k = np.arange(count, dtype=np.int64)
    values = (((k * 37 + seed * 11) % 23) - 11) / 11.0 * scale + offset
    return torch.tensor(values.reshape(shape), dtype=torch.float32)


class TinyMdxNet(nn.Module):
    """[B, 4, dim_f, dim_t] complex-as-channels spectrum in and out, like UVR MDX-Net: out = x * sigmoid(conv3x3(x)) + conv1x1(x)."""

    def __init__(self):
        super().__init__()
        self.gate = nn.Conv2d(4, 4, 3, padding=1)
        self.mix = nn.Conv2d(4, 4, 1, bias=False)
        with torch.no_grad():
            self.gate.weight.copy_(formula(self.gate.weight.shape, 0.003, seed=1))
            self.gate.bias.copy_(formula(self.gate.bias.shape, 1.0, seed=2))
            self.mix.weight.copy_(formula(self.mix.weight.shape, 0.1, seed=3))

    def forward(self, x):
        return x * torch.sigmoid(self.gate(x)) + self.mix(x)


class TinyHtDemucsA(nn.Module):
    """Flavour A core: forward(mix [1,2,L], x [1,4,2048,336]) -> (spec [1,S,4,2048,336], wave [1,S,2,L])."""

    sources = 4

    def __init__(self):
        super().__init__()
        s = self.sources
        self.gate = nn.Conv2d(4, 4 * s, 3, padding=1)
        self.tconv = nn.Conv1d(2, 2 * s, 5, padding=2)
        with torch.no_grad():
            self.gate.weight.copy_(formula(self.gate.weight.shape, 0.02, seed=4))
            self.gate.bias.copy_(formula(self.gate.bias.shape, 1.0, seed=5))
            self.tconv.weight.copy_(formula(self.tconv.weight.shape, 0.3, seed=6))
            self.tconv.bias.copy_(formula(self.tconv.bias.shape, 0.2, seed=7))

    def forward(self, mix, x):
        s = self.sources
        b, c, f, t = x.shape
        spec = x.repeat(1, s, 1, 1) * torch.sigmoid(self.gate(x))
        wave = 0.1 * torch.tanh(self.tconv(mix))
        return spec.view(b, s, c, f, t), wave.view(b, s, 2, mix.shape[-1])


class TinyHtDemucsB(nn.Module):
    """Flavour B: forward(mix [1,2,N]) -> stems [1,S,2,N], out = mix * sigmoid(conv1d(mix)) per source."""

    sources = 6

    def __init__(self):
        super().__init__()
        s = self.sources
        self.conv = nn.Conv1d(2, 2 * s, 9, padding=4)
        with torch.no_grad():
            self.conv.weight.copy_(formula(self.conv.weight.shape, 0.4, seed=8))
            self.conv.bias.copy_(formula(self.conv.bias.shape, 1.0, seed=9))

    def forward(self, mix):
        s = self.sources
        gates = torch.sigmoid(self.conv(mix)).view(1, s, 2, mix.shape[-1])
        return mix.unsqueeze(1) * gates


# The two MDX configurations: file stem -> (n_fft, dim_f, dim_t, compensate, primary stem).
MDX_CONFIGS = {
    "mdx_tiny_7680": (7680, 3072, 256, 1.021, "Vocals"),
    "mdx_tiny_6144": (6144, 3072, 64, 1.022, "Instrumental"),
}


def export_mdx(name, dim_f, dim_t):
    model = TinyMdxNet().eval()
    dummy = torch.zeros(1, 4, dim_f, dim_t)
    path = os.path.join(OUT, name + ".onnx")
    torch.onnx.export(model, dummy, path, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=OPSET)
    return path


def write_sidecar(name, n_fft, dim_f, dim_t, compensate, primary):
    # The same keys as an entry of UVR's model_data.json (mdx_dim_t_set is the exponent: dim_t = 2 ** value).
    sidecar = {
        "compensate": compensate,
        "mdx_dim_f_set": dim_f,
        "mdx_dim_t_set": int(np.log2(dim_t)),
        "mdx_n_fft_scale_set": n_fft,
        "primary_stem": primary,
    }
    path = os.path.join(OUT, name + ".json")
    with open(path, "w") as f:
        json.dump(sidecar, f, indent=2)
        f.write("\n")
    return path


def export_demucs_a():
    model = TinyHtDemucsA().eval()
    mix = torch.zeros(1, 2, SEGMENT)
    x = torch.zeros(1, 4, DEMUCS_BINS, DEMUCS_FRAMES)
    path = os.path.join(OUT, "htdemucs_tiny_a.onnx")
    # As sevagh/demucs.onnx: input_names=['input'] names the waveform; the second input keeps its argument name 'x';
    # only the first output is named.
    torch.onnx.export(model, (mix, x), path, input_names=["input", "x"], output_names=["output"], opset_version=OPSET)
    return path


def export_demucs_b():
    model = TinyHtDemucsB().eval()
    mix = torch.zeros(1, 2, SEGMENT)
    path = os.path.join(OUT, "htdemucs_tiny_b.onnx")
    torch.onnx.export(model, mix, path, input_names=["input"], output_names=["output"], opset_version=OPSET)
    return path


def identity_graph(name, inputs, elem=TensorProto.FLOAT):
    """A graph that copies every input to an output of the same shape (output 0 is named 'output')."""
    outputs = ["output"] + [f"output{i}" for i in range(1, len(inputs))]
    nodes = [helper.make_node("Identity", [n], [o]) for (n, _, _), o in zip(inputs, outputs)]
    graph = helper.make_graph(
        nodes, name,
        [helper.make_tensor_value_info(n, e, s) for n, e, s in inputs],
        [helper.make_tensor_value_info(o, e, s) for (_, e, s), o in zip(inputs, outputs)])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)])
    model.producer_name = "MusicAI.Sdk tests/TestAssets/generate/sepnn_models.py"
    onnx.checker.check_model(model)
    path = os.path.join(OUT, name + ".onnx")
    onnx.save_model(model, path)
    return path


def export_contract_violations():
    f, d = TensorProto.FLOAT, TensorProto.DOUBLE
    mdx = ["batch", 4, 3072, 256]
    wave = [1, 2, SEGMENT]
    return [
        identity_graph("mdx_wrong_channels", [("input", f, ["batch", 2, 3072, 256])]),
        identity_graph("mdx_wrong_dtype", [("input", d, mdx)]),
        identity_graph("mdx_wrong_name", [("spectrum", f, mdx)]),
        # A flavour-A model whose spectrogram input keeps the Nyquist bin (2049 bins instead of 2048).
        identity_graph("htdemucs_wrong_spec", [("input", f, wave), ("x", f, [1, 4, 2049, 336])]),
        identity_graph("three_inputs", [("a", f, wave), ("b", f, wave), ("c", f, wave)]),
    ]


def main():
    os.makedirs(OUT, exist_ok=True)
    paths = []
    for name, (n_fft, dim_f, dim_t, compensate, primary) in MDX_CONFIGS.items():
        paths.append(export_mdx(name, dim_f, dim_t))
        paths.append(write_sidecar(name, n_fft, dim_f, dim_t, compensate, primary))
    paths.append(export_demucs_a())
    paths.append(export_demucs_b())
    paths.extend(export_contract_violations())
    for path in paths:
        print(f"{os.path.relpath(path, ROOT)}: {os.path.getsize(path)} bytes")


if __name__ == "__main__":
    main()
