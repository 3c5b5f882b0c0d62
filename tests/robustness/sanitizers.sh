#!/usr/bin/env bash
# The sanitizer runs of CI (docs/reliability.md):
#   tests/robustness/sanitizers.sh asan   the whole test suite under ASan + UBSan (build-asan)
#   tests/robustness/sanitizers.sh tsan   the parallel engine's tests under TSan (build-tsan):
#                                         sim_dynamics_tests, sim_graph_tests, sim_population_tests
#   tests/robustness/sanitizers.sh all    both
# Builds are incremental; JOBS (default: nproc) sets the parallelism. Prints the time of each
# step, so CI's budget can be checked.
set -euo pipefail
cd "$(dirname "$0")/../.."
jobs=${JOBS:-$(nproc)}
what=${1:-all}

step() {  # step NAME COMMAND...
  local name=$1 start=$SECONDS
  shift
  echo "== $name: $*"
  "$@"
  echo "== $name: $((SECONDS - start)) s"
}

run_asan() {
  step "asan configure" cmake --preset asan
  step "asan build" cmake --build --preset asan -j "$jobs"
  step "asan tests" ctest --preset asan -j "$jobs" --timeout 1500
}

run_tsan() {
  # TSan must see TBB's own synchronization: a libtbb built with -fsanitize=thread from the
  # installed package's source replaces Debian's at run time (instrumented_tbb.sh says why).
  step "tsan oneTBB" tests/robustness/instrumented_tbb.sh "$PWD/build-tsan/onetbb"
  step "tsan configure" cmake --preset tsan
  step "tsan build" cmake --build --preset tsan -j "$jobs"
  step "tsan tests" env LD_LIBRARY_PATH="$PWD/build-tsan/onetbb/lib${LD_LIBRARY_PATH:+:$LD_LIBRARY_PATH}" \
    ctest --preset tsan -j "$jobs" --timeout 1500
}

case $what in
  asan) run_asan ;;
  tsan) run_tsan ;;
  all) run_asan; run_tsan ;;
  *) echo "usage: $0 asan|tsan|all" >&2; exit 2 ;;
esac
