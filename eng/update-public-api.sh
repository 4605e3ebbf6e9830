#!/usr/bin/env bash
# Adds every new public symbol (RS0016) to PublicAPI.Unshipped.txt and drops removed ones (RS0017),
# for each project that tracks its public API. Review the diff: it is the public surface you are shipping.
set -euo pipefail
cd "$(dirname "$0")/.."
for project in src/MusicAI.Sdk; do
  log=$(dotnet build "$project" --no-incremental -p:TreatWarningsAsErrors=false 2>&1 || true)
  file="$project/PublicAPI.Unshipped.txt"
  added=$(printf '%s\n' "$log" | grep -o "RS0016: Symbol '.*' is not part of the declared public API" | sed -E "s/^RS0016: Symbol '(.*)' is not part of the declared public API$/\1/" | sort -u || true)
  removed=$(printf '%s\n' "$log" | grep -o "RS0017: Symbol '.*' is part of the declared API, but is either not public or could not be found" | sed -E "s/^RS0017: Symbol '(.*)' is part of the declared API.*$/\1/" | sort -u || true)
  { head -n1 "$file"; { tail -n +2 "$file"; if [ -n "$added" ]; then printf "%s\n" "$added"; fi; } | grep -v '^$' | grep -vxF -f <(printf '%s\n' "${removed:-@@none@@}") | LC_ALL=C sort -u; } > "$file.tmp"
  mv "$file.tmp" "$file"
  echo "$file: +$(printf '%s' "$added" | grep -c . || true) -$(printf '%s' "$removed" | grep -c . || true)"
done
