#!/usr/bin/env python3
"""Generates tempo/key evaluation material with the SDK's own SongGenerator (`musicai generate`) for the Captioner.

    dotnet build -c Release src/MusicAI.Cli
    /usr/bin/python3 tests/TestAssets/generate/cap_songgen_dataset.py --musicai src/MusicAI.Cli/bin/Release/net10.0/musicai \
        --out /tmp/capset/songgen --annotations tests/TestAssets/captioning/songgen/annotations.csv

Every style preset, several tempi and keys (major and minor only: the key profiles know no other modes), 30 s each,
deterministic seeds. The annotation is what the generator reports it rendered (its --json output), not what was
asked. The audio is not committed (regenerate it); the annotations are.
"""
import argparse
import csv
import json
import os
import random
import subprocess

STYLES = {  # style: tempo range the preset is written for
    "ambient": (60, 90), "lo-fi": (70, 95), "synthwave": (95, 125), "orchestral": (70, 120),
    "rock": (100, 160), "chiptune": (120, 170), "combat": (120, 170), "exploration": (80, 115),
}
NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--musicai", required=True, help="path of the built musicai executable")
    parser.add_argument("--out", required=True)
    parser.add_argument("--annotations", required=True)
    parser.add_argument("--per-style", type=int, default=4)
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.annotations)), exist_ok=True)
    rows = []
    for style, (lo, hi) in STYLES.items():
        for i in range(args.per_style):
            rng = random.Random(f"songgen/{style}/{i}")
            bpm = rng.randint(lo, hi)
            key = f"{rng.choice(NAMES)} {rng.choice(['major', 'minor'])}"
            name = f"songgen_{style}_{i}"
            folder = os.path.join(args.out, name)
            result = subprocess.run([args.musicai, "generate", "--style", style, "--bpm", str(bpm), "--key", key, "--duration", "30",
                                     "--seed", str(rng.randrange(1, 1 << 30)), "--sample-rate", "44100", "--format", "pcm16",
                                     "-o", folder, "--json"], check=True, capture_output=True, text=True)
            report = json.loads(result.stdout)
            os.replace(os.path.join(folder, "mix.wav"), os.path.join(args.out, name + ".wav"))
            rows.append({"file": name + ".wav", "set": "songgen", "genre": style, "tempo_bpm": report["tempo_bpm"],
                         "key": report["key"], "meter": report["meter"], "seconds": round(report["duration_seconds"], 3)})
    with open(args.annotations, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
