#!/usr/bin/env python3
"""Exports an MDX-Net (KUIELab/UVR ConvTDFNet, TFC-TDF blocks) with random weights at the real size, for benchmarks.

    /usr/bin/python3 tests/TestAssets/generate/sepnn_tfc_tdf.py --output artifacts/bench-models/mdx_tfc_tdf_random.onnx

The architecture follows UVR `lib_v5/mdxnet.py` `ConvTDFNet` and `lib_v5/modules.py` `TFC_TDF` (re-written here, not
copied): a 1x1 first convolution to g channels; n = num_blocks // 2 encoder scales, each a TFC-TDF block (l x [3x3
convolution, batch norm, ReLU], then a time-distributed fully connected bottleneck f -> f/bn -> f over the frequency
axis, added back) followed by a stride-2 2x2 convolution adding g channels; a bottleneck TFC-TDF block; n decoder
scales (2x2 transposed convolution removing g channels, multiplied by the encoder output of that scale, TFC-TDF); a
1x1 final convolution back to dim_c = 4 channels. The frequency and time axes are swapped inside so the fully
connected layers act on frequency.

With the settings of UVR's Voc_FT-class models (dim_f 3072, dim_t 256, num_blocks 11, l 3, g 48, k 3, bn 8, no bias in
the TDF layers) the network has 16.7 M parameters, 66.8 MB in float32 - the size of UVR-MDX-NET-Voc_FT.onnx
(66,762,490 bytes), which is how these hyper-parameters were chosen. Weights are random (seeded), so its output is
meaningless; its cost per chunk is the real one. The file is large: it is generated on demand, never committed.

Also writes a sidecar `<output>.json` (UVR model-data keys) so the SDK can load it: n_fft 7680, primary stem Vocals.
"""

import argparse
import json
import os

import torch
import torch.nn as nn


class Tfc(nn.Module):
    def __init__(self, c, l, k):
        super().__init__()
        self.layers = nn.Sequential(*[
            nn.Sequential(nn.Conv2d(c, c, k, stride=1, padding=k // 2), nn.BatchNorm2d(c), nn.ReLU())
            for _ in range(l)])

    def forward(self, x):
        return self.layers(x)


class TfcTdf(nn.Module):
    def __init__(self, c, l, f, k, bn, bias):
        super().__init__()
        self.tfc = Tfc(c, l, k)
        self.tdf = nn.Sequential(
            nn.Linear(f, f // bn, bias=bias), nn.BatchNorm2d(c), nn.ReLU(),
            nn.Linear(f // bn, f, bias=bias), nn.BatchNorm2d(c), nn.ReLU())

    def forward(self, x):
        x = self.tfc(x)
        return x + self.tdf(x)


class ConvTdfNet(nn.Module):
    def __init__(self, dim_c=4, dim_f=3072, num_blocks=11, l=3, g=48, k=3, bn=8, bias=False):
        super().__init__()
        self.n = num_blocks // 2
        self.first_conv = nn.Sequential(nn.Conv2d(dim_c, g, 1), nn.BatchNorm2d(g), nn.ReLU())
        f, c = dim_f, g
        self.encoders = nn.ModuleList()
        self.downsamplers = nn.ModuleList()
        for _ in range(self.n):
            self.encoders.append(TfcTdf(c, l, f, k, bn, bias))
            self.downsamplers.append(nn.Sequential(nn.Conv2d(c, c + g, 2, stride=2), nn.BatchNorm2d(c + g), nn.ReLU()))
            f, c = f // 2, c + g
        self.bottleneck = TfcTdf(c, l, f, k, bn, bias)
        self.upsamplers = nn.ModuleList()
        self.decoders = nn.ModuleList()
        for _ in range(self.n):
            self.upsamplers.append(nn.Sequential(nn.ConvTranspose2d(c, c - g, 2, stride=2), nn.BatchNorm2d(c - g), nn.ReLU()))
            f, c = f * 2, c - g
            self.decoders.append(TfcTdf(c, l, f, k, bn, bias))
        self.final_conv = nn.Conv2d(c, dim_c, 1)

    def forward(self, x):
        x = self.first_conv(x).transpose(-1, -2)
        skips = []
        for encoder, down in zip(self.encoders, self.downsamplers):
            x = encoder(x)
            skips.append(x)
            x = down(x)
        x = self.bottleneck(x)
        for up, decoder in zip(self.upsamplers, self.decoders):
            x = up(x) * skips.pop()
            x = decoder(x)
        return self.final_conv(x.transpose(-1, -2))


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--output", required=True, help="the .onnx file to write")
    parser.add_argument("--dim-f", type=int, default=3072)
    parser.add_argument("--dim-t", type=int, default=256)
    parser.add_argument("--n-fft", type=int, default=7680)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()

    torch.manual_seed(args.seed)
    torch.set_num_threads(max(1, min(2, os.cpu_count() or 1)))
    model = ConvTdfNet(dim_f=args.dim_f).eval()
    parameters = sum(p.numel() for p in model.parameters())
    os.makedirs(os.path.dirname(os.path.abspath(args.output)), exist_ok=True)
    temporary = args.output + ".partial"
    dummy = torch.zeros(1, 4, args.dim_f, args.dim_t)
    with torch.no_grad():
        torch.onnx.export(model, dummy, temporary, input_names=["input"], output_names=["output"],
                          dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, opset_version=17)
    os.replace(temporary, args.output)
    sidecar = os.path.splitext(args.output)[0] + ".json"
    with open(sidecar, "w") as f:
        json.dump({"mdx_n_fft_scale_set": args.n_fft, "mdx_dim_f_set": args.dim_f,
                   "mdx_dim_t_set": args.dim_t.bit_length() - 1, "compensate": 1.0, "primary_stem": "Vocals"}, f)
    print(json.dumps({"output": args.output, "sidecar": sidecar, "parameters": parameters,
                      "bytes": os.path.getsize(args.output)}))


if __name__ == "__main__":
    main()
