#!/usr/bin/env bash
# Out-of-process fuzzing of the kg binary: builds kg once, then runs it on mutated inputs
# (scripts/fuzz.py) for SECONDS (default 60), keeping every input that crashes kg, hangs it,
# floods its output or makes it print something unsafe, for triage, in
# Tests/KGCommandLineTests/Fixtures/fuzz-crashes/. See docs/RELIABILITY.md.
#
#   scripts/fuzz.sh              a minute
#   scripts/fuzz.sh 3600         an hour
#   KG_FUZZ_SEED=42 scripts/fuzz.sh 600          a given seed (printed by every run)
#   KG_BINARY=.build/release/kg scripts/fuzz.sh  an already built kg (no build)
#   KG_FUZZ_CONFIG=release scripts/fuzz.sh       build release instead of debug
#   KG_FUZZ_OUT=/tmp/finds scripts/fuzz.sh       keep finds elsewhere
#   KG_FUZZ_LIMIT=20 scripts/fuzz.sh             seconds per input before it counts as a hang
#   KG_FUZZ_FAIL_ON=crash,status scripts/fuzz.sh  only these kinds of find fail the run
#   KG_FUZZ_HTTP_SECONDS=60 scripts/fuzz.sh      seconds of the kg serve request fuzzer that
#                                                follows (scripts/fuzz_http.py; default a third
#                                                of SECONDS, at least 10; 0 skips it)
#   KG_FUZZ_HTTP_FAIL_ON=crash,status            its kinds of find that fail the run (default all)
#
# Exit status: 0 when nothing was found (or only kinds outside KG_FUZZ_FAIL_ON), 1 otherwise;
# the paths of the finds are printed either way.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds=${1:-60}
if [ -n "${KG_BINARY:-}" ]; then
    # The fuzzer runs kg from a scratch folder: make the path absolute.
    kg="$(cd "$(dirname "$KG_BINARY")" && pwd)/$(basename "$KG_BINARY")"
else
    config=${KG_FUZZ_CONFIG:-debug}
    swift build -c "$config" --product kg >/dev/null
    kg="$(swift build -c "$config" --show-bin-path)/kg"
fi
args=(--kg "$kg" --seconds "$seconds")
[ -n "${KG_FUZZ_SEED:-}" ] && args+=(--seed "$KG_FUZZ_SEED")
[ -n "${KG_FUZZ_OUT:-}" ] && args+=(--out "$KG_FUZZ_OUT")
[ -n "${KG_FUZZ_LIMIT:-}" ] && args+=(--limit "$KG_FUZZ_LIMIT")
[ -n "${KG_FUZZ_FAIL_ON:-}" ] && args+=(--fail-on "$KG_FUZZ_FAIL_ON")
status=0
python3 scripts/fuzz.py "${args[@]}" || status=1
http_seconds=${KG_FUZZ_HTTP_SECONDS:-$(( ${seconds%.*} / 3 > 10 ? ${seconds%.*} / 3 : 10 ))}
if [ "$http_seconds" != 0 ]; then
    http=(--kg "$kg" --seconds "$http_seconds")
    [ -n "${KG_FUZZ_SEED:-}" ] && http+=(--seed "$KG_FUZZ_SEED")
    [ -n "${KG_FUZZ_OUT:-}" ] && http+=(--out "$KG_FUZZ_OUT")
    [ -n "${KG_FUZZ_HTTP_FAIL_ON:-}" ] && http+=(--fail-on "$KG_FUZZ_HTTP_FAIL_ON")
    python3 scripts/fuzz_http.py "${http[@]}" || status=1
fi
exit $status
