#!/usr/bin/env bash
# Times charter on a generated strategy: check, build with and without
# history (cold and unchanged rebuild), the history index next to the
# `git log` that does the same walk, and the live preview's edit-to-page
# latency and its memory over 1,000 edits.
#   bench/run.sh [ITEMS] [COMMITS]      (default 10000 items, 5000 commits)
# With `scale` instead, it builds 1,000, 10,000 and 100,000 items (with
# 1,000, 5,000 and 20,000 commits) once each and prints time and peak
# memory per size and per 1,000 items, to show how they grow:
#   bench/run.sh scale
# The strategy is generated once per size under target/bench/ (seed 1).
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --quiet --examples --bins
bin=./target/release/charter
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
strategy() { # items, commits: prints the strategy's folder, made once
  local repo="target/bench/strategy-$1-$2"
  if [ ! -d "$repo" ]; then
    ./target/release/examples/gen_strategy "$repo" --items "$1" --commits "$2" --seed 1 >&2
  fi
  echo "$repo"
}

if [ "${1:-}" = scale ]; then
  command -v /usr/bin/time >/dev/null || { echo "needs GNU time (apt-get install time)" >&2; exit 2; }
  printf '%-16s %-22s %9s %9s %12s %12s\n' size run seconds MiB "s/1k items" "MiB/1k items"
  for size in "1000 1000" "10000 5000" "100000 20000"; do
    read -r items commits <<<"$size"
    repo=$(strategy "$items" "$commits")
    # Once unmeasured, so that every size is read from the page cache.
    $bin check "$repo" -q >/dev/null 2>&1 || true
    for run in check "build --no-history" build; do
      case $run in
        check) cmd=("$bin" check "$repo") ;;
        build) cmd=("$bin" build "$repo" -o "$out/site") ;;
        *) cmd=("$bin" build "$repo" -o "$out/site" --no-history) ;;
      esac
      rm -rf "$out/site"
      read -r secs kib < <(/usr/bin/time -f '%e %M' "${cmd[@]}" -q 2>&1 >/dev/null | tail -n 1)
      awk -v s="$items/$commits" -v r="$run" -v t="$secs" -v k="$kib" -v n="$items" \
        'BEGIN { printf "%-16s %-22s %9.2f %9d %12.3f %12.1f\n", s, r, t, k/1024, t*1000/n, k/1024*1000/n }'
    done
  done
  exit 0
fi

items=${1:-10000}
commits=${2:-5000}
repo=$(strategy "$items" "$commits")
runs=${RUNS:-5}
# Runs a command RUNS times and prints the fastest and the median time; a
# `{}` in the command becomes the run's number (for a fresh output folder).
timed() { # label, command...
  local label=$1; shift
  local times=() i start end
  for i in $(seq "$runs"); do
    start=$(date +%s%N)
    "${@//\{\}/$i}" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  local sorted=($(printf '%s\n' "${times[@]}" | sort -n))
  printf '%-30s min %6d ms   median %6d ms   (%d runs)\n' "$label" "${sorted[0]}" "${sorted[$(( runs / 2 ))]}" "$runs"
}
echo "strategy: $repo ($(find "$repo" -name '*.md' -o -name '*.yaml' | grep -vc '/.git/') files, $(git -C "$repo" rev-list --count HEAD) commits)"
timed "check" $bin check "$repo"
timed "build --no-history (empty)" $bin build "$repo" -o "$out/plain-{}" --no-history
timed "build (empty output)" $bin build "$repo" -o "$out/site-{}"
timed "build --no-history (unchanged)" $bin build "$repo" -o "$out/plain-1" --no-history
timed "build (nothing changed)" $bin build "$repo" -o "$out/site-1"
timed "git log --name-status -M" git -C "$repo" log --name-status -M --format='%H %an %at %s'
./target/release/examples/history_index "$repo"
./target/release/examples/serve_latency "$repo" --samples 21
./target/release/examples/serve_latency "$repo" --soak 1000
