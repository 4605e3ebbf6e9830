#!/usr/bin/env python3
"""Generates the synthetic tempo/key evaluation set for the Captioner (track C1).

Writes, for each clip, a General MIDI file composed here (genre-typical drums, bass, chords and melody in a known key,
tempo and meter) and its rendering by fluidsynth with the FluidR3 GM SoundFont, plus an annotation CSV.

    /usr/bin/python3 tests/TestAssets/generate/cap_synth_dataset.py --set test --out /tmp/capset/test \
        --annotations tests/TestAssets/captioning/synthetic/test.csv

The audio is NOT committed (it is ~4 MB per clip): regenerate it with this script (deterministic: the seed is derived
from the set name and clip index; fluidsynth renders the same MIDI to the same audio up to its reverb/chorus
implementation). The annotations are committed. Only the standard library is needed, plus the `fluidsynth` program
and /usr/share/sounds/sf2/FluidR3_GM.sf2 for the audio.

Annotation columns: file, set, genre, tempo_bpm (the beat a listener taps: the quarter note, except the dotted quarter
in 6/8), key ("A minor" style), meter (4/4, 3/4, 6/8), seconds.
"""
import argparse
import csv
import os
import random
import struct
import subprocess
import sys

PPQ = 480
SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
NAMES = ["C", "C#", "D", "Eb", "E", "F", "F#", "G", "Ab", "A", "Bb", "B"]
MAJOR = [0, 2, 4, 5, 7, 9, 11]
MINOR = [0, 2, 3, 5, 7, 8, 10]

# Drum notes (General MIDI channel 10).
KICK, SNARE, RIM, CLAP, HAT, PEDAL, OPEN, CRASH, RIDE, TAMB, SHAKER, COWBELL, CLAVE = 36, 38, 37, 39, 42, 44, 46, 49, 51, 54, 70, 56, 75


class Song:
    def __init__(self):
        self.events = []  # (tick, order, bytes)

    def note(self, channel, start_q, length_q, pitch, velocity, bpm_jitter_ticks=0):
        start = max(0, int(round(start_q * PPQ)) + bpm_jitter_ticks)
        end = max(start + 1, int(round((start_q + length_q) * PPQ)) + bpm_jitter_ticks)
        velocity = max(1, min(127, int(velocity)))
        pitch = max(0, min(127, int(pitch)))
        self.events.append((start, 1, bytes([0x90 | channel, pitch, velocity])))
        self.events.append((end, 0, bytes([0x80 | channel, pitch, 0])))

    def program(self, channel, program):
        self.events.append((0, -1, bytes([0xC0 | channel, program])))

    def control(self, channel, number, value):
        self.events.append((0, -1, bytes([0xB0 | channel, number, value])))


def vlq(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append(0x80 | (value & 0x7F))
        value >>= 7
    return bytes(reversed(out))


def write_midi(path, song, quarter_bpm, numerator, denominator, tonic, minor):
    meta = bytearray()
    tempo = int(round(60_000_000 / quarter_bpm))
    meta += vlq(0) + b"\xFF\x51\x03" + tempo.to_bytes(3, "big")
    meta += vlq(0) + b"\xFF\x58\x04" + bytes([numerator, {2: 1, 4: 2, 8: 3}[denominator], 24, 8])
    fifths = {0: 0, 7: 1, 2: 2, 9: 3, 4: 4, 11: 5, 6: 6, 1: -5, 8: -4, 3: -3, 10: -2, 5: -1}[(tonic + (3 if minor else 0)) % 12]
    meta += vlq(0) + b"\xFF\x59\x02" + struct.pack("bB", fifths, 1 if minor else 0)
    meta += vlq(0) + b"\xFF\x2F\x00"
    body = bytearray()
    last = 0
    for tick, _, data in sorted(song.events, key=lambda e: (e[0], e[1])):
        body += vlq(tick - last) + data
        last = tick
    body += vlq(0) + b"\xFF\x2F\x00"
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 1, 2, PPQ))
        f.write(b"MTrk" + struct.pack(">I", len(meta)) + meta)
        f.write(b"MTrk" + struct.pack(">I", len(body)) + body)


def triad(scale_pitches, degree, seventh=False):
    """Diatonic chord on a scale degree (0-based), as pitch classes relative to the tonic."""
    notes = [scale_pitches[(degree + 2 * i) % 7] + 12 * ((degree + 2 * i) // 7) for i in range(4 if seventh else 3)]
    return notes


PROGRESSIONS_MAJOR = [[0, 4, 5, 3], [0, 5, 3, 4], [0, 3, 0, 4], [0, 3, 5, 4], [0, 4, 3, 4], [1, 4, 0, 0]]
PROGRESSIONS_MINOR = [[0, 5, 2, 6], [0, 3, 4, 0], [0, 6, 5, 6], [0, 3, 6, 2], [0, 5, 3, 4], [0, 0, 3, 4]]

# genre: (meter numerator, denominator, tactus range in BPM, P(minor), chord program, bass program, lead program, beats per chord)
GENRES = {
    "pop": (4, 4, (92, 126), 0.4, 4, 33, 80, 4),
    "rock": (4, 4, (100, 150), 0.5, 30, 34, 29, 4),
    "house": (4, 4, (120, 128), 0.6, 89, 38, 81, 4),
    "hiphop": (4, 4, (80, 98), 0.7, 4, 38, 11, 4),
    "ballad": (4, 4, (60, 80), 0.5, 0, 32, 73, 4),
    "waltz": (3, 4, (96, 180), 0.3, 0, 32, 40, 3),
    "jazz": (4, 4, (110, 200), 0.3, 0, 32, 65, 4),
    "reggae": (4, 4, (66, 90), 0.6, 27, 33, 16, 4),
    "bossa": (4, 4, (120, 145), 0.4, 24, 32, 73, 4),
    "metal": (4, 4, (160, 200), 0.9, 30, 34, 30, 4),
    "dnb": (4, 4, (165, 178), 0.8, 89, 38, 81, 8),
    "ambient": (4, 4, (60, 100), 0.5, 49, 32, 73, 8),
    "folk68": (6, 8, (50, 75), 0.5, 25, 32, 22, 6),
    "funk": (4, 4, (95, 115), 0.6, 7, 36, 17, 4),
    "country": (4, 4, (100, 130), 0.1, 25, 32, 40, 4),
    "disco": (4, 4, (110, 125), 0.6, 48, 33, 61, 4),
}


def drums(song, genre, bar_start, bar, beats, rng, swing):
    """Drum pattern of one bar; positions in quarter notes from the bar start."""
    ch = 9

    def hit(position, note, velocity):
        song.note(ch, bar_start + position, 0.1, note, velocity * rng.uniform(0.85, 1.1), rng.randint(-6, 6))

    def swung(step8):  # position of the step8-th eighth with swing
        return step8 // 2 + (0.5 + swing if step8 % 2 else 0)

    if genre in ("pop", "rock", "country"):
        for b in range(4):
            hit(b, KICK if b in (0, 2) else SNARE, 100)
        if genre != "country":
            for e in range(8):
                hit(e / 2, HAT, 70 if e % 2 == 0 else 55)
        else:
            for e in range(8):
                hit(e / 2, SHAKER, 50)
        if genre == "rock" and bar % 4 == 0:
            hit(0, CRASH, 95)
        if rng.random() < 0.4:
            hit(2.5, KICK, 80)
    elif genre in ("house", "disco"):
        for b in range(4):
            hit(b, KICK, 110)
            hit(b + 0.5, OPEN, 65)
            if b in (1, 3):
                hit(b, CLAP, 90)
        for s in range(16):
            if s % 2:
                hit(s / 4, HAT, 45)
    elif genre == "hiphop":
        for p, n, v in [(0, KICK, 110), (0.75, KICK, 80), (2.25, KICK, 100), (1, SNARE, 105), (3, SNARE, 105)]:
            hit(p, n, v)
        for e in range(8):
            hit(swung(e), HAT, 60 if e % 2 == 0 else 45)
    elif genre == "ballad":
        if bar % 2 == 1:
            hit(1, RIM, 50)
            hit(3, RIM, 50)
    elif genre == "waltz":
        hit(0, KICK, 85)
        hit(1, HAT, 55)
        hit(2, HAT, 55)
    elif genre == "jazz":
        for p in (0, 1, 1 + 0.5 + swing, 2, 3, 3 + 0.5 + swing):
            hit(p, RIDE, 70 if p in (1, 3) else 60)
        hit(1, PEDAL, 60)
        hit(3, PEDAL, 60)
        if rng.random() < 0.3:
            hit(2.5 + swing, SNARE, 40)
    elif genre == "reggae":
        hit(2, KICK, 100)
        hit(2, RIM, 90)
        for e in range(8):
            hit(swung(e), HAT, 55)
    elif genre == "bossa":
        for p in (0, 1.5, 2, 3.5):
            hit(p, KICK, 70)
        for p in (0, 0.75, 1.5, 2.5, 3.25):
            hit(p, RIM, 65)
        for s in range(16):
            hit(s / 4, SHAKER, 40 if s % 2 else 55)
    elif genre == "metal":
        for e in range(8):
            hit(e / 2, KICK, 100)
            hit(e / 2, HAT if e % 4 else CRASH, 70)
        hit(1, SNARE, 115)
        hit(3, SNARE, 115)
    elif genre == "dnb":
        for p, n, v in [(0, KICK, 110), (1.25, KICK, 90), (2.5, KICK, 95), (1, SNARE, 110), (3, SNARE, 110), (3.75, SNARE, 60)]:
            hit(p, n, v)
        for s in range(8):
            hit(s / 2, HAT, 60)
    elif genre == "funk":
        for p, n, v in [(0, KICK, 110), (0.75, KICK, 85), (2.5, KICK, 95), (1, SNARE, 110), (3, SNARE, 110), (1.75, SNARE, 40), (3.25, SNARE, 40)]:
            hit(p, n, v)
        for s in range(16):
            hit(s / 4, HAT, 65 if s % 2 == 0 else 45)
    elif genre == "folk68":
        hit(0, KICK, 70)
        hit(1.5, TAMB, 60)
    # ambient: no drums


def compose(genre, rng, seconds):
    num, den, tactus_range, p_minor, chord_prog, bass_prog, lead_prog, beats_per_chord = GENRES[genre]
    tactus = round(rng.uniform(*tactus_range), 1)
    quarter_bpm = tactus * 1.5 if den == 8 else tactus
    minor = rng.random() < p_minor
    tonic = rng.randrange(12)
    scale = MINOR if minor else MAJOR
    progression = rng.choice(PROGRESSIONS_MINOR if minor else PROGRESSIONS_MAJOR)
    swing = {"jazz": 1 / 6, "hiphop": 0.12, "reggae": 0.1}.get(genre, 0.0)
    beats_per_bar = num * 4 / den  # in quarter notes
    song = Song()
    song.program(0, chord_prog)
    song.program(1, bass_prog)
    song.program(2, lead_prog)
    for channel, volume in ((0, 85), (1, 100), (2, 90), (9, 100)):
        song.control(channel, 7, volume)
    base = 48 + tonic  # chord register (C3..B3)
    bars = int(seconds * quarter_bpm / 60 / beats_per_bar) + 2
    total_q = bars * beats_per_bar
    chord_q = beats_per_chord if den == 4 else beats_per_bar
    melody_pitch = base + 12 + scale[rng.choice([0, 2, 4])]
    q = 0.0
    index = 0
    while q < total_q:
        degree = progression[index % len(progression)]
        seventh = genre in ("jazz", "bossa")
        chord = triad(scale, degree, seventh)
        if minor and degree == 4 and progression in ([0, 3, 4, 0], [0, 5, 3, 4], [0, 0, 3, 4]):
            chord = [c + 1 if c % 12 == 10 else c for c in chord]  # harmonic-minor V (raised 7th)
        pitches = [base + c for c in chord]
        root = base - 12 + scale[degree]
        accompany(song, genre, q, chord_q, pitches, root, rng, swing, beats_per_bar)
        q += chord_q
        index += 1
    # Melody: scale steps, chord tones on beats.
    q = beats_per_bar  # enter after one bar
    step = 1.0 if genre in ("ballad", "ambient", "waltz", "folk68") else 0.5
    while q < total_q - 1:
        degree = progression[int(q // chord_q) % len(progression)]
        chord_pcs = {(tonic + scale[(degree + 2 * i) % 7]) % 12 for i in range(3)}
        on_beat = abs(q - round(q)) < 1e-6
        candidates = [melody_pitch + d for d in range(-4, 5)]
        candidates = [p for p in candidates if (p - tonic) % 12 in [s % 12 for s in scale]]
        if on_beat:
            chordal = [p for p in candidates if p % 12 in chord_pcs]
            candidates = chordal or candidates
        melody_pitch = min(max(rng.choice(candidates), base + 7), base + 26)
        length = step * rng.choice([1, 1, 2]) if rng.random() < 0.85 else step
        if rng.random() < 0.15:
            q += step  # rest
            continue
        song.note(2, q, length * 0.95, melody_pitch, rng.randint(75, 100), rng.randint(-5, 5))
        q += length
    bar = 0
    q = 0.0
    while q < total_q:
        drums(song, genre, q, bar, beats_per_bar, rng, swing)
        q += beats_per_bar
        bar += 1
    return song, tactus, quarter_bpm, tonic, minor, f"{num}/{den}"


def accompany(song, genre, start, length, pitches, root, rng, swing, beats_per_bar):
    def chord_at(position, duration, velocity):
        for p in pitches:
            song.note(0, start + position, duration, p, velocity * rng.uniform(0.9, 1.05), rng.randint(-4, 4))

    def bass(position, duration, pitch, velocity=95):
        song.note(1, start + position, duration, pitch, velocity * rng.uniform(0.9, 1.05), rng.randint(-4, 4))

    fifth = root + 7
    if genre in ("pop", "disco", "house"):
        for b in range(int(length)):
            chord_at(b, 0.9, 70) if genre == "pop" else chord_at(b + 0.5, 0.4, 65)
        for e in range(int(length * 2)):
            bass(e / 2, 0.45, root + (12 if genre == "disco" and e % 2 else 0))
    elif genre in ("rock", "metal"):
        power = [pitches[0], pitches[0] + 7, pitches[0] + 12]
        for e in range(int(length * 2)):
            for p in power:
                song.note(0, start + e / 2, 0.45, p - 12, 95, rng.randint(-3, 3))
            bass(e / 2, 0.45, root)
    elif genre == "hiphop":
        chord_at(0, length * 0.95, 60)
        bass(0, 1.5, root)
        bass(2.25, 1.0, root)
    elif genre == "ballad":
        arpeggio = pitches + [pitches[0] + 12, pitches[1] + 12]
        for e in range(int(length * 2)):
            song.note(0, start + e / 2, 0.9, arpeggio[e % len(arpeggio)], 60 + (10 if e % 4 == 0 else 0), rng.randint(-4, 4))
        bass(0, length * 0.95, root, 80)
    elif genre == "waltz":
        for bar in range(int(length // beats_per_bar)):
            o = bar * beats_per_bar
            bass(o, 0.9, root if bar % 2 == 0 else fifth - 12)
            chord_at(o + 1, 0.6, 60)
            chord_at(o + 2, 0.6, 60)
    elif genre == "jazz":
        for b in range(int(length)):
            walk = [root, root + 4 if pitches[1] - pitches[0] == 4 else root + 3, fifth, fifth + 2][b % 4]
            bass(b, 0.9, walk, 90)
        for p in (0.5 + swing, 2):
            if rng.random() < 0.8:
                chord_at(p, 0.5, 60)
    elif genre == "reggae":
        for b in (1, 3):
            chord_at(b, 0.3, 75)
        for p, n in ((0, root), (1.5, root), (2, fifth - 12), (3.5, root)):
            bass(p, 0.45, n)
    elif genre == "bossa":
        for p in (0, 0.75, 1.5, 2.5, 3.25):
            chord_at(p, 0.5, 60)
        for p, n in ((0, root), (1.5, fifth - 12), (2, fifth - 12), (3.5, root)):
            bass(p, 0.45, n, 85)
    elif genre == "dnb":
        chord_at(0, length * 0.95, 55)
        for p in range(0, int(length), 2):
            bass(p, 1.8, root - 12 if root - 12 > 24 else root)
    elif genre == "ambient":
        chord_at(0, length * 0.98, 65)
        bass(0, length * 0.98, root, 70)
        for e in range(int(length)):
            song.note(2, start + e, 0.9, pitches[e % 3] + 24, 40, 0)
    elif genre == "folk68":
        arpeggio = [pitches[0], pitches[1], pitches[2], pitches[0] + 12, pitches[2], pitches[1]]
        for e in range(int(length * 2)):
            song.note(0, start + e / 2, 0.5, arpeggio[e % 6], 70 + (15 if e % 3 == 0 else 0), rng.randint(-4, 4))
        for bar in range(int(length // beats_per_bar)):
            bass(bar * beats_per_bar, 1.4, root, 85)
            bass(bar * beats_per_bar + 1.5, 1.4, fifth - 12, 75)
    elif genre == "funk":
        for s in (0.5, 1.25, 2.5, 3.25):
            chord_at(s, 0.2, 75)
        for p, n in ((0, root), (0.75, root + 12), (1.5, root), (2.5, fifth), (3.0, root + 10), (3.5, root)):
            bass(p, 0.25, n, 100)
    elif genre == "country":
        for b in range(int(length)):
            if b % 2 == 0:
                bass(b, 0.9, root if b % 4 == 0 else fifth - 12)
            else:
                chord_at(b, 0.4, 70)


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--set", default="test", help="set name; part of the seed (test, dev)")
    parser.add_argument("--per-genre", type=int, default=3, help="clips per genre")
    parser.add_argument("--seconds", type=float, default=25.0)
    parser.add_argument("--out", required=True, help="folder for .mid and .wav (not committed)")
    parser.add_argument("--annotations", required=True, help="CSV to write (committed)")
    parser.add_argument("--no-audio", action="store_true", help="write MIDI and annotations only")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    os.makedirs(os.path.dirname(os.path.abspath(args.annotations)), exist_ok=True)
    rows = []
    for g_index, genre in enumerate(GENRES):
        for i in range(args.per_genre):
            seed = f"{args.set}/{genre}/{i}"
            rng = random.Random(seed)
            song, tactus, quarter_bpm, tonic, minor, meter = compose(genre, rng, args.seconds)
            name = f"{args.set}_{genre}_{i}"
            midi = os.path.join(args.out, name + ".mid")
            write_midi(midi, song, quarter_bpm, int(meter.split("/")[0]), int(meter.split("/")[1]), tonic, minor)
            if not args.no_audio:
                wav = os.path.join(args.out, name + ".wav")
                raw = os.path.join(args.out, name + ".full.wav")
                subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.5", "-r", "44100", "-F", raw, SOUNDFONT, midi], check=True,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
                subprocess.run(["sox", "-q", raw, wav, "trim", "0", str(args.seconds), "fade", "0", str(args.seconds), "0.5"], check=True)
                os.remove(raw)
            rows.append({"file": name + ".wav", "set": args.set, "genre": genre, "tempo_bpm": tactus,
                         "key": f"{NAMES[tonic]} {'minor' if minor else 'major'}", "meter": meter, "seconds": args.seconds})
            print(name, tactus, rows[-1]["key"], meter, file=sys.stderr)
    with open(args.annotations, "w", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0].keys()), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)


if __name__ == "__main__":
    main()
