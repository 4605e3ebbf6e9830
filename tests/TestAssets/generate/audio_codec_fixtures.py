#!/usr/bin/env python3
"""Small compressed fixtures for the in-process MP3/Vorbis decoders and the ffmpeg path, plus ffmpeg's own decode of
each as the reference the tests compare against by SNR.

Writes tests/TestAssets/audio/codecs/:
  tone_44k_stereo_cbr.mp3   1.0 s, 44.1 kHz stereo chirps, LAME CBR 128 kb/s, ID3v2.3 tag, Xing/LAME header
  chirp_22k_mono_vbr.mp3    1.0 s, 22.05 kHz mono, LAME VBR -q:a 4, ID3v2.4 tag
  tone_44k_stereo.ogg       1.0 s, 44.1 kHz stereo, libvorbis q4
  tone_48k_stereo.flac      0.5 s, 48 kHz stereo FLAC (decoded through ffmpeg only)
  chirp_22k_mono_adpcm.wav  0.25 s Microsoft ADPCM WAV (not decoded in-process: falls back to ffmpeg)
  <name>.ffmpeg.wav         ffmpeg's decode of each lossy file, 16-bit PCM WAV (reference)
  source_*.wav              the float source signals (16-bit) before encoding
  manifest.json             tool versions and parameters

Run: /usr/bin/python3 tests/TestAssets/generate/audio_codec_fixtures.py   (needs numpy, soundfile and ffmpeg)
"""
import json
import os
import subprocess

import numpy as np
import soundfile as sf

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "audio", "codecs")


def chirp(rate, seconds, f0, f1):
    t = np.arange(int(rate * seconds)) / rate
    phase = 2 * np.pi * (f0 * t + (f1 - f0) * t * t / (2 * seconds))
    fade = np.minimum(1.0, np.minimum(t / 0.02, (seconds - t) / 0.02))
    return np.sin(phase) * fade


def tone_stereo(rate, seconds):
    # Chirps rather than steady tones, so that the decoder delay is unambiguous when aligning by correlation.
    left = 0.4 * chirp(rate, seconds, 150.0, 7000.0) + 0.1 * chirp(rate, seconds, 2500.0, 600.0)
    right = 0.4 * chirp(rate, seconds, 4000.0, 300.0) + 0.1 * chirp(rate, seconds, 900.0, 1900.0)
    return np.stack([left, right], axis=1).astype(np.float32)


def chirp_mono(rate, seconds):
    return (0.5 * chirp(rate, seconds, 200.0, 6000.0)).astype(np.float32)


def ffmpeg(*args):
    subprocess.run(["ffmpeg", "-hide_banner", "-loglevel", "error", "-y", *args], check=True)


def main():
    os.makedirs(ROOT, exist_ok=True)
    p = lambda name: os.path.join(ROOT, name)
    sf.write(p("source_tone_44k_stereo.wav"), tone_stereo(44100, 1.0), 44100, subtype="PCM_16")
    sf.write(p("source_chirp_22k_mono.wav"), chirp_mono(22050, 1.0), 22050, subtype="PCM_16")
    sf.write(p("source_tone_48k_stereo.wav"), tone_stereo(48000, 0.5), 48000, subtype="PCM_16")

    ffmpeg("-i", p("source_tone_44k_stereo.wav"), "-c:a", "libmp3lame", "-b:a", "128k", "-id3v2_version", "3",
           "-metadata", "title=MusicAI test tone", "-metadata", "artist=MusicAI.Sdk", p("tone_44k_stereo_cbr.mp3"))
    ffmpeg("-i", p("source_chirp_22k_mono.wav"), "-c:a", "libmp3lame", "-q:a", "4", "-id3v2_version", "4",
           "-metadata", "title=MusicAI chirp", p("chirp_22k_mono_vbr.mp3"))
    ffmpeg("-i", p("source_tone_44k_stereo.wav"), "-c:a", "libvorbis", "-q:a", "4", p("tone_44k_stereo.ogg"))
    ffmpeg("-i", p("source_tone_48k_stereo.wav"), "-c:a", "flac", p("tone_48k_stereo.flac"))
    ffmpeg("-i", p("source_chirp_22k_mono.wav"), "-t", "0.25", "-c:a", "adpcm_ms", p("chirp_22k_mono_adpcm.wav"))
    os.remove(p("source_tone_48k_stereo.wav"))

    for name in ["tone_44k_stereo_cbr.mp3", "chirp_22k_mono_vbr.mp3", "tone_44k_stereo.ogg"]:
        ffmpeg("-i", p(name), "-map_metadata", "-1", "-fflags", "+bitexact", "-c:a", "pcm_s16le", p(name + ".ffmpeg.wav"))

    version = subprocess.run(["ffmpeg", "-version"], capture_output=True, text=True).stdout.splitlines()[0]
    with open(p("manifest.json"), "w") as f:
        json.dump({"ffmpeg": version, "numpy": np.__version__, "soundfile": sf.__version__}, f, indent=2)
        f.write("\n")


if __name__ == "__main__":
    main()
