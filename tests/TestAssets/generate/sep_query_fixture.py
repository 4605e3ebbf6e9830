#!/usr/bin/env python3
"""A fixture for few-shot query separation ("extract the part that sounds like this example").

Writes tests/TestAssets/separation/query/ (22,050 Hz stereo, Ogg Vorbis):
  mixture.ogg   10 s: a flute melody (GM 73, centre) + piano chords (GM 0, left) + bass (GM 33) + drums
  target.ogg    the flute part alone, exactly as mixed (the reference)
  example.ogg   3 s of the same flute playing the scale of the melody, up (the query: a short solo passage)
  query.json    notes and gains

Run: /usr/bin/python3 tests/TestAssets/generate/sep_query_fixture.py   (needs numpy, soundfile, fluidsynth, ffmpeg)
"""
import json
import os
import shutil
import subprocess
import sys
import tempfile

import numpy as np
import soundfile as sf

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from sep_mixtures import fit, note, render, write_midi  # noqa: E402

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "separation", "query")
RATE = 22050
TEMPO = 96
SCALE = [72, 74, 76, 77, 79, 81, 83, 84]  # C major, flute register


def melody(rng, bars, channel, program):
    events = [(0, bytes([0xC0 | channel, program])), (0, bytes([0xB0 | channel, 10, 64]))]
    tick, end = 0, bars * 4 * 480
    notes = []
    while tick < end:
        length = int(rng.choice([240, 480, 480, 720, 960]))
        pitch = int(rng.choice(SCALE))
        if rng.random() < 0.15:
            tick += length  # rest
            continue
        note(events, channel, tick, length - 30, pitch, 90)
        notes.append(pitch)
        tick += length
    return events, notes


def scale_run(channel, program):
    events = [(0, bytes([0xC0 | channel, program])), (0, bytes([0xB0 | channel, 10, 64]))]
    for i, pitch in enumerate(SCALE):
        note(events, channel, i * 180, 170, pitch, 90)
    return events, list(SCALE)


def accompaniment(bars):
    chords = [[60, 64, 67], [57, 60, 64], [53, 57, 60], [55, 59, 62]]
    piano = [(0, bytes([0xC0, 0])), (0, bytes([0xB0, 10, 30]))]
    bass = [(0, bytes([0xC1, 33]))]
    drums = []
    for b in range(bars):
        start = b * 1920
        chord = chords[b % 4]
        for step in (0, 960):
            for p in chord:
                note(piano, 0, start + step, 900, p, 70)
        note(bass, 1, start, 900, chord[0] - 24, 100)
        note(bass, 1, start + 960, 900, chord[0] - 24, 100)
        for step in range(8):
            note(drums, 9, start + step * 240, 120, 42, 70)
            if step in (0, 4):
                note(drums, 9, start + step * 240, 120, 36, 110)
            if step in (2, 6):
                note(drums, 9, start + step * 240, 120, 38, 100)
    return {"piano": piano, "bass": bass, "drums": drums}


def render_tracks(tracks, frames, work):
    out = {}
    for name, events in tracks.items():
        mid, wav = os.path.join(work, name + ".mid"), os.path.join(work, name + ".wav")
        write_midi(mid, events, TEMPO)
        out[name] = fit(render(mid, wav, RATE), frames)
    return out


def save(path, audio):
    temporary = path + ".tmp.wav"
    sf.write(temporary, audio.T.astype(np.float32), RATE, subtype="FLOAT")
    subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", temporary, "-c:a", "libvorbis", "-q:a", "3", "-map_metadata", "-1",
                    "-fflags", "+bitexact", "-flags:a", "+bitexact", path], check=True)
    os.remove(temporary)


def main():
    rng = np.random.default_rng(7)
    frames = 10 * RATE
    bars = 5
    work = tempfile.mkdtemp(prefix="sepquery-")
    try:
        flute_events, flute_notes = melody(rng, bars, 2, 73)
        example_events, example_notes = scale_run(2, 73)
        parts = render_tracks(accompaniment(bars), frames, work)
        parts["flute"] = render_tracks({"flute": flute_events}, frames, work)["flute"]
        example = render_tracks({"example": example_events}, 3 * RATE, work)["example"]
    finally:
        shutil.rmtree(work)

    def rms(x):
        return float(np.sqrt(np.mean(x ** 2)) + 1e-12)

    gains = {"flute": -20.0, "piano": -21.0, "bass": -22.0, "drums": -21.0}
    for name in parts:
        parts[name] *= 10 ** (gains[name] / 20) / rms(parts[name])
    example *= 10 ** (gains["flute"] / 20) / rms(example)
    mixture = sum(parts.values())
    peak = max(np.abs(mixture).max(), np.abs(example).max())
    scale = 0.89 / peak if peak > 0.89 else 1.0
    os.makedirs(OUT, exist_ok=True)
    save(os.path.join(OUT, "mixture.ogg"), mixture * scale)
    save(os.path.join(OUT, "target.ogg"), parts["flute"] * scale)
    save(os.path.join(OUT, "example.ogg"), example * scale)
    with open(os.path.join(OUT, "query.json"), "w") as f:
        json.dump({"rate": RATE, "tempo_bpm": TEMPO, "flute_notes": flute_notes, "example_notes": example_notes,
                   "gains_db_rms": gains, "scale": scale}, f, indent=1)


if __name__ == "__main__":
    main()
