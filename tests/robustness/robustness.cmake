# Robustness tests (docs/reliability.md): interrupted runs, output faults, checkpoint and
# resume, plus the fuzz harnesses' replay tests. Included from tests/CMakeLists.txt.
firestorm_add_test_dir(robustness)
include(${CMAKE_CURRENT_LIST_DIR}/../fuzz/fuzz.cmake)
