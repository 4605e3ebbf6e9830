#!/usr/bin/env python3
"""Synthetic multitrack songs for tuning and testing the separator: every stem is rendered separately, so the
references are exact.

Each clip is a short loop-based song: drums (GM kit), bass, a chord instrument panned left, a pad/second
instrument panned right (these two are "other"), and a sung-ish voice in the centre made of espeak-ng syllables whose
pitch follows a melody (`espeak-ng -p`), with rests so that the voice's on/off times are known. MIDI is written by
this script, rendered with fluidsynth and /usr/share/sounds/sf2/FluidR3_GM.sf2; stems are mixed at known gains.

Writes <out>/<clip>/:
  mixture.<ext>  vocals.<ext>  accompaniment.<ext>  drums.<ext>  bass.<ext>  other.<ext>
  voice.json     gains, tempo, instruments, and the voice segments [start, end] in seconds
The committed set (tests/TestAssets/separation/clips/, 3 clips, 22,050 Hz stereo, 12 s, Ogg Vorbis so that the set stays
under ~2 MB and still decodes in-process) is made with the defaults:

  /usr/bin/python3 tests/TestAssets/generate/sep_mixtures.py

A larger tuning set that is not committed (different seeds, 44.1 kHz float WAV):

  /usr/bin/python3 tests/TestAssets/generate/sep_mixtures.py --out /tmp/sep-tune --count 8 --first-seed 100 \
      --rate 44100 --seconds 15 --format wav

Needs numpy, soundfile, fluidsynth, espeak-ng (Debian packages). Output is deterministic for a given seed and tool
versions (recorded in manifest.json).
"""
import argparse
import json
import os
import shutil
import struct
import subprocess
import tempfile

import numpy as np
import soundfile as sf

SOUNDFONT = "/usr/share/sounds/sf2/FluidR3_GM.sf2"
HERE = os.path.dirname(os.path.abspath(__file__))
DEFAULT_OUT = os.path.join(HERE, "..", "separation", "clips")

# (name, chord program, pad program, bass program, tempo, key root midi, minor)
STYLES = [
    ("pop", 0, 48, 33, 100, 60, False),        # piano, strings, fingered bass
    ("rock", 29, 89, 34, 120, 57, True),       # overdriven guitar, warm pad, picked bass
    ("ballad", 4, 52, 32, 84, 62, False),      # e-piano, choir aahs, acoustic bass
    ("funk", 27, 61, 38, 108, 64, True),       # clean guitar, brass section, synth bass
    ("folk", 25, 73, 33, 92, 55, False),       # steel guitar, flute, fingered bass
    ("synth", 81, 90, 39, 124, 59, True),      # saw lead as chords, polysynth pad, synth bass 2
]
SYLLABLES = ["la", "na", "do", "mee", "oh", "you", "see", "ray", "lo", "my", "day", "go"]


def vlq(value):
    out = [value & 0x7F]
    value >>= 7
    while value:
        out.append((value & 0x7F) | 0x80)
        value >>= 7
    return bytes(reversed(out))


def write_midi(path, events, tempo_bpm, ppq=480):
    """events: list of (tick, bytes) for one track; writes a format-0 SMF."""
    events = sorted(events, key=lambda e: (e[0], e[1][0] & 0xF0 == 0x90))  # note-offs before note-ons
    data = bytearray()
    tempo = int(round(60_000_000 / tempo_bpm))
    data += vlq(0) + bytes([0xFF, 0x51, 0x03]) + tempo.to_bytes(3, "big")
    last = 0
    for tick, message in events:
        data += vlq(tick - last) + message
        last = tick
    data += vlq(0) + bytes([0xFF, 0x2F, 0x00])
    with open(path, "wb") as f:
        f.write(b"MThd" + struct.pack(">IHHH", 6, 0, 1, ppq))
        f.write(b"MTrk" + struct.pack(">I", len(data)) + bytes(data))


def note(events, channel, tick, length, pitch, velocity):
    events.append((tick, bytes([0x90 | channel, pitch, velocity])))
    events.append((tick + length, bytes([0x80 | channel, pitch, 0])))


def render(midi_path, wav_path, rate):
    subprocess.run(["fluidsynth", "-ni", "-q", "-g", "0.6", "-R", "1", "-C", "0", "-r", str(rate), "-F", wav_path,
                    SOUNDFONT, midi_path], check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    audio, got = sf.read(wav_path, dtype="float64", always_2d=True)
    assert got == rate, (got, rate)
    return audio.T  # [2, n]


def fit(audio, frames):
    out = np.zeros((audio.shape[0], frames))
    n = min(frames, audio.shape[1])
    out[:, :n] = audio[:, :n]
    return out


def chord_progression(rng, root, minor):
    # scale degrees (0-based) of four-chord loops, triads built on the scale
    loops = [[0, 5, 3, 4], [0, 4, 5, 3], [5, 3, 0, 4], [0, 3, 4, 3], [0, 6, 5, 4] if minor else [0, 2, 3, 4]]
    scale = [0, 2, 3, 5, 7, 8, 10] if minor else [0, 2, 4, 5, 7, 9, 11]
    degrees = loops[rng.integers(len(loops))]
    chords = []
    for d in degrees:
        triad = [root + scale[(d + k) % 7] + 12 * ((d + k) // 7) for k in (0, 2, 4)]
        chords.append(triad)
    return chords, scale


def build_instruments(rng, style, bars, ppq=480):
    name, chord_prog, pad_prog, bass_prog, tempo, root, minor = style
    chords, scale = chord_progression(rng, root, minor)
    bar = 4 * ppq
    drums, bass, chords_ev, pad = [], [], [], []
    # program changes and pans: chords left, pad right, bass centre
    chords_ev.append((0, bytes([0xC0, chord_prog])))
    chords_ev.append((0, bytes([0xB0, 10, 30])))
    pad.append((0, bytes([0xC1, pad_prog])))
    pad.append((0, bytes([0xB1, 10, 100])))
    bass.append((0, bytes([0xC2, bass_prog])))
    bass.append((0, bytes([0xB2, 10, 64])))
    kick_pattern = [0, 8] if rng.random() < 0.5 else [0, 6, 8]
    snare_pattern = [4, 12]
    hat_step = 2 if rng.random() < 0.6 else 1
    bass_rhythm = [[0, 8], [0, 6, 8, 14], [0, 4, 8, 12], [0, 10]][rng.integers(4)]
    comp_rhythm = [[0], [0, 8], [0, 6, 12], [0, 4, 8, 12]][rng.integers(4)]
    for b in range(bars):
        start = b * bar
        chord = chords[b % len(chords)]
        sixteenth = ppq // 4
        for step in range(16):
            tick = start + step * sixteenth
            if step in kick_pattern:
                note(drums, 9, tick, sixteenth, 36, 110)
            if step in snare_pattern:
                note(drums, 9, tick, sixteenth, 38, 100)
            if step % hat_step == 0:
                note(drums, 9, tick, sixteenth // 2, 42, 70 if step % 4 else 90)
        if b % 4 == 3:
            note(drums, 9, start + 14 * (ppq // 4), ppq // 4, 49 if b % 8 == 7 else 46, 90)
        for step in bass_rhythm:
            pitch = chord[0] - 24 if step != 6 else chord[2] - 24
            note(bass, 2, start + step * (ppq // 4), ppq // 2 - 20, pitch, 100)
        for step in comp_rhythm:
            for p in chord:
                note(chords_ev, 0, start + step * (ppq // 4), (ppq // 4) * (16 // len(comp_rhythm)) - 30, p, 80)
        for p in chord:
            note(pad, 1, start, bar - 10, p + 12, 55)
    return {"drums": drums, "bass": bass, "chords": chords_ev, "pad": pad}, chords, scale, tempo


def espeak_syllable(text, pitch, speed, rate, workdir, index):
    path = os.path.join(workdir, f"syl{index}.wav")
    subprocess.run(["espeak-ng", "-v", "en+f3", "-s", str(speed), "-p", str(pitch), "-w", path, text],
                   check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    audio, got = sf.read(path, dtype="float64")
    if got != rate:
        # espeak renders at 22,050 Hz; resample to the clip rate with a polyphase filter
        from scipy.signal import resample_poly
        from math import gcd
        g = gcd(rate, got)
        audio = resample_poly(audio, rate // g, got // g)
    # trim silence (espeak pads both ends)
    level = np.abs(audio)
    threshold = 0.02 * level.max()
    active = np.nonzero(level > threshold)[0]
    return audio[active[0]:active[-1] + 1] if active.size else audio[:0]


def build_voice(rng, chords, scale, tempo, bars, frames, rate, workdir):
    """Places sung-ish syllables on a melody; returns the mono voice and the list of (start, end) in seconds."""
    beat = 60.0 / tempo
    voice = np.zeros(frames)
    placed = []
    # phrases of 2 bars singing, then a rest; the first bar is instrumental
    index = 0
    for b in range(1, bars):
        if (b % 4) == 3:  # one bar in four is a rest for the voice
            continue
        chord = chords[b % len(chords)]
        t = b * 4 * beat
        beats_left = 4.0
        while beats_left > 0.4:
            length = float(rng.choice([0.5, 1.0, 1.0, 1.5, 2.0]))
            length = min(length, beats_left)
            pitch_note = int(rng.choice(chord)) + 12 * int(rng.integers(0, 2))
            # espeak -p 0..99 moves the base pitch; map the melody's MIDI pitch to that range
            p = int(np.clip((pitch_note - 55) * 3.5 + 20, 5, 95))
            syllable = SYLLABLES[rng.integers(len(SYLLABLES))]
            audio = espeak_syllable(syllable, p, 95, rate, workdir, index)
            index += 1
            max_len = int(length * beat * rate * 0.95)
            audio = audio[:max_len]
            if audio.size > 64 and int(t * rate) < frames:
                fade = min(256, audio.size // 4)
                audio[-fade:] *= np.linspace(1, 0, fade)
                start = int(t * rate)
                end = min(frames, start + audio.size)
                voice[start:end] += audio[:end - start]
                if end > start:
                    placed.append((start / rate, end / rate))
            t += length * beat
            beats_left -= length
    # merge syllables closer than 0.3 s into segments (the voice's on/off times)
    segments = []
    for start, end in placed:
        if segments and start - segments[-1][1] < 0.3:
            segments[-1][1] = max(segments[-1][1], end)
        else:
            segments.append([start, end])
    return voice, [[round(s, 4), round(e, 4)] for s, e in segments]


def make_clip(seed, style, rate, seconds, out_dir, fmt):
    rng = np.random.default_rng(seed)
    frames = int(round(seconds * rate))
    tempo = style[4]
    bars = int(np.ceil(seconds / (4 * 60.0 / tempo))) + 1
    tracks, chords, scale, tempo = build_instruments(rng, style, bars)
    work = tempfile.mkdtemp(prefix="sepgen-")
    try:
        rendered = {}
        for name, events in tracks.items():
            mid = os.path.join(work, f"{name}.mid")
            wav = os.path.join(work, f"{name}.wav")
            write_midi(mid, events, tempo)
            rendered[name] = fit(render(mid, wav, rate), frames)
        voice, segments = build_voice(rng, chords, scale, tempo, bars, frames, rate, work)
    finally:
        shutil.rmtree(work)

    def rms(x):
        return float(np.sqrt(np.mean(x ** 2)) + 1e-12)

    # known gains: stems normalised to a target RMS (dBFS), voice in the centre (identical in both channels)
    targets_db = {"drums": -20.0, "bass": -21.0, "chords": -23.0, "pad": -26.0}
    stems = {}
    gains = {}
    for name, audio in rendered.items():
        g = 10 ** (targets_db[name] / 20) / rms(audio)
        gains[name] = g
        stems[name] = audio * g
    voice_gain = 10 ** (-19.0 / 20) / rms(voice[voice != 0]) * np.sqrt(np.mean(voice != 0))
    gains["voice"] = voice_gain
    vocals = np.vstack([voice, voice]) * voice_gain
    other = stems["chords"] + stems["pad"]
    drums, bass = stems["drums"], stems["bass"]
    mixture = vocals + drums + bass + other
    peak = np.abs(mixture).max()
    scale_all = 0.89 / peak if peak > 0.89 else 1.0
    parts = {
        "vocals": vocals, "drums": drums, "bass": bass, "other": other,
        "accompaniment": drums + bass + other, "mixture": mixture,
    }
    os.makedirs(out_dir, exist_ok=True)
    for name, audio in parts.items():
        audio = (audio * scale_all).T.astype(np.float32)
        if fmt == "ogg":
            temporary = os.path.join(out_dir, f"{name}.tmp.wav")
            sf.write(temporary, audio, rate, subtype="FLOAT")
            subprocess.run(["ffmpeg", "-v", "error", "-y", "-i", temporary, "-c:a", "libvorbis", "-q:a", "3",
                            "-map_metadata", "-1", "-fflags", "+bitexact", "-flags:a", "+bitexact",
                            os.path.join(out_dir, f"{name}.ogg")], check=True)
            os.remove(temporary)
        else:
            sf.write(os.path.join(out_dir, f"{name}.wav"), audio, rate, subtype="FLOAT")
    info = {
        "seed": seed, "style": style[0], "tempo_bpm": tempo, "sample_rate": rate, "seconds": seconds,
        "programs": {"chords": style[1], "pad": style[2], "bass": style[3]},
        "gains": {k: round(v * scale_all, 6) for k, v in gains.items()},
        "voice_segments": segments,
        "note": "mixture = vocals + drums + bass + other (before encoding); other = chords (pan left) + pad (pan right)",
    }
    with open(os.path.join(out_dir, "voice.json"), "w") as f:
        json.dump(info, f, indent=1)
    return info


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--out", default=DEFAULT_OUT)
    parser.add_argument("--count", type=int, default=3)
    parser.add_argument("--first-seed", type=int, default=1)
    parser.add_argument("--rate", type=int, default=22050)
    parser.add_argument("--seconds", type=float, default=12.0)
    parser.add_argument("--format", choices=["ogg", "wav"], default="ogg")
    args = parser.parse_args()
    out = os.path.abspath(args.out)
    manifest = {
        "fluidsynth": subprocess.run(["fluidsynth", "--version"], capture_output=True, text=True).stdout.splitlines()[0],
        "espeak-ng": subprocess.run(["espeak-ng", "--version"], capture_output=True, text=True).stdout.strip(),
        "ffmpeg": subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.splitlines()[0],
        "soundfont": SOUNDFONT, "numpy": np.__version__, "soundfile": sf.__version__,
        "clips": [],
    }
    for i in range(args.count):
        seed = args.first_seed + i
        style = STYLES[(seed - 1) % len(STYLES)]
        name = f"clip{i + 1}_{style[0]}"
        info = make_clip(seed, style, args.rate, args.seconds, os.path.join(out, name), args.format)
        manifest["clips"].append({"name": name, **{k: info[k] for k in ("seed", "style", "tempo_bpm")}})
        print(name, "voice segments:", len(info["voice_segments"]))
    with open(os.path.join(out, "manifest.json"), "w") as f:
        json.dump(manifest, f, indent=1)


if __name__ == "__main__":
    main()
