#!/usr/bin/env bash
# Runs each libFuzzer target for a fixed time (docs/reliability.md).
#   tests/fuzz/run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]
# BUILD_DIR is a build with FIRESTORM_BUILD_FUZZERS=ON (the `fuzz` preset: build-fuzz).
# Each target's working corpus is BUILD_DIR/fuzz-corpus/<target>, seeded from its
# tests/fuzz/seeds/<target>, the shipped files it reads (scenarios, presets, test graphs,
# karate.gml) and tests/fuzz/regressions/<target>. A finding is written to
# BUILD_DIR/fuzz-findings/<target>-crash-* (or leak-, timeout-, oom-): copy it into
# tests/fuzz/regressions/<target>/ once fixed, so ctest replays it for ever.
# Prints one line per target (runs, coverage, corpus) and exits non-zero on any finding.
# FUZZ_SEED=N fixes libFuzzer's seed: from a fresh corpus the same build then tries the same
# inputs in the same order, so a campaign (CI's) can be replayed exactly; unset, each campaign
# explores with a new seed.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]}" && pwd)
seconds=${2:?usage: run_fuzzers.sh BUILD_DIR SECONDS [TARGET...]}
shift 2
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(duration scenario edge_list graphml gml hdf5_reader)
fuzz=$root/tests/fuzz
mkdir -p "$build/fuzz-findings" "$build/fuzz-logs"

# Copies FILE into the corpus DIR under its content hash, after an optional first byte
# (the graph harnesses read their options from the first byte).
add() {
  local dir=$1 file=$2 prefix=${3-} tmp
  tmp=$(mktemp)
  { [ -z "$prefix" ] || printf "$prefix"; cat "$file"; } > "$tmp"
  mv "$tmp" "$dir/$(sha1sum < "$tmp" | cut -c1-40)"
}
add_all() {  # add_all DIR PREFIX FILE_OR_FOLDER...
  local dir=$1 prefix=$2 f
  shift 2
  for f in "$@"; do
    if [ -d "$f" ]; then
      find "$f" -type f ! -name '.*' ! -name README.md -print0 |
        while IFS= read -r -d '' g; do add "$dir" "$g" "$prefix"; done
    elif [ -f "$f" ]; then add "$dir" "$f" "$prefix"; fi
  done
}

status=0
seed=()
[ -z "${FUZZ_SEED:-}" ] || seed=(-seed="$FUZZ_SEED")
for t in "${targets[@]}"; do
  exe=$build/fuzz/fuzz_$t
  [ -x "$exe" ] || { echo "missing $exe: build the fuzzers target of a fuzz build first" >&2; exit 2; }
  corpus=$build/fuzz-corpus/$t
  mkdir -p "$corpus"
  add_all "$corpus" "" "$fuzz/seeds/$t" "$fuzz/regressions/$t"
  options=(-max_len=4096)
  case $t in
    duration) options=(-max_len=64 -dict="$fuzz/dict/duration.dict") ;;
    scenario)
      add_all "$corpus" "" "$root/scenarios" "$root/configs" "$root/tests/data/scenarios"
      options=(-max_len=16384 -dict="$fuzz/dict/scenario.dict") ;;
    edge_list)
      for p in '\000' '\003' '\004'; do
        add_all "$corpus" "$p" "$root/tests/data/scenarios/edges.txt"
      done ;;
    graphml)
      for p in '\000' '\001' '\002'; do add_all "$corpus" "$p" "$root/tests/data/graphs"; done
      options=(-max_len=8192 -dict="$fuzz/dict/graphml.dict") ;;
    gml)
      for p in '\000' '\001'; do add_all "$corpus" "$p" "$root/scenarios/data/karate.gml"; done
      options=(-max_len=16384 -dict="$fuzz/dict/gml.dict") ;;
    hdf5_reader)
      largest=$(find "$fuzz/seeds/$t" -type f -printf '%s\n' | sort -n | tail -1)
      options=(-max_len=$((largest + 1024))) ;;
  esac
  # Leaks allocated inside libhdf5 are suppressed while fuzzing (see tests/robustness/lsan-fuzz.supp).
  supp=$root/tests/robustness/lsan.supp
  [ "$t" != hdf5_reader ] || supp=$root/tests/robustness/lsan-fuzz.supp
  log=$build/fuzz-logs/$t.log
  echo "fuzz_$t: ${seconds}s, corpus $(find "$corpus" -type f | wc -l) files, log $log"
  set +e
  # Each target works in its own folder: with -jobs, libFuzzer writes fuzz-0.log in the working
  # directory, which two campaigns run side by side would otherwise share.
  work=$build/fuzz-work/$t
  mkdir -p "$work"
  (cd "$work" && TMPDIR=${TMPDIR:-/tmp} \
     LSAN_OPTIONS="suppressions=$supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}" \
     "$exe" "${options[@]}" "${seed[@]}" -max_total_time="$seconds" \
     -timeout=30 -rss_limit_mb=2560 -print_final_stats=1 -jobs=1 -workers=1 \
     -artifact_prefix="$build/fuzz-findings/$t-" "$corpus") > "$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo '?')
  last=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
  cov=$(echo "$last" | grep -o 'cov: [0-9]*' | grep -o '[0-9]*' || echo '?')
  ft=$(echo "$last" | grep -o 'ft: [0-9]*' | grep -o '[0-9]*' || echo '?')
  corp=$(echo "$last" | grep -o 'corp: [0-9]*' | grep -o '[0-9]*' || echo '?')
  if [ $rc -eq 0 ]; then
    echo "  ok: $runs runs, coverage $cov edges, $ft features, corpus $corp inputs"
  else
    status=1
    echo "  FINDING (exit $rc): $runs runs; see $log and $build/fuzz-findings/$t-*"
    grep -E '^(==[0-9]+==ERROR|SUMMARY|.*runtime error|fuzz_[a-z_0-9]+: )' "$log" | head -5 | sed 's/^/    /'
  fi
done
exit $status
