#!/usr/bin/env bash
# Reproduces the SDR table of docs/separation.md: separates every clip of a set made by sep_mixtures.py with the
# built-in separator (four stems, then vocals + accompaniment) and scores the stems against the references.
#
#   tests/TestAssets/generate/sep_eval.sh [CLIPS_DIR] [OUTPUT_DIR]
#
# CLIPS_DIR defaults to tests/TestAssets/separation/clips (the committed clips); OUTPUT_DIR to a new temporary folder.
# Set MUSICAI to a musicai command (for example "musicai" when the tool is installed); default: dotnet run.
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
clips=${1:-$root/tests/TestAssets/separation/clips}
out=${2:-$(mktemp -d)}
if [ -z "${MUSICAI:-}" ]; then
  dotnet build -c Release "$root/src/MusicAI.Cli" > /dev/null
  MUSICAI="dotnet $root/src/MusicAI.Cli/bin/Release/net10.0/musicai.dll"
fi
for clip in "$clips"/clip*/; do
  name=$(basename "$clip")
  mixture=$(ls "$clip"mixture.*)
  $MUSICAI separate "$mixture" -o "$out/$name" --stems drums,bass,other,vocals --json > /dev/null
  $MUSICAI separate "$mixture" -o "$out/$name/two-stems" --stems vocals,accompaniment --json > /dev/null
  mv "$out/$name/two-stems/accompaniment.wav" "$out/$name/accompaniment.wav"
  rm -r "$out/$name/two-stems"
done
echo "estimates in $out"
$MUSICAI eval sdr "$clips" "$out"
