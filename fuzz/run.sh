#!/usr/bin/env bash
# Builds the AFL harness and fuzzes one target for a time (default 10 min):
#   fuzz/run.sh TARGET [SECONDS]     TARGET: front_matter, markdown, strategy, history
# A run goes on from the last one's queue. What AFL finds lands in
# fuzz/out/TARGET/default/crashes/ (and hangs/); replay one with
#   fuzz/target/release/charter-fuzz TARGET < FILE
set -euo pipefail
cd "$(dirname "$0")"
target=${1:?usage: fuzz/run.sh TARGET [SECONDS]}
seconds=${2:-600}
# cargo-afl builds AFL++ itself when it is installed (it needs gcc and make).
command -v cargo-afl >/dev/null || cargo install cargo-afl --locked
cargo afl build --release --locked
bin=${CARGO_TARGET_DIR:-target}/release/charter-fuzz
# The history target writes a git repository per input: faster in memory.
if [ -d /dev/shm ]; then export TMPDIR=/dev/shm; fi
mkdir -p out
export AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export AFL_NO_WARN_INSTABILITY=1 AFL_AUTORESUME=1
exec cargo afl fuzz -i "corpus/$target" -o "out/$target" -V "$seconds" -t 5000 -x dict -- "$bin" "$target"
