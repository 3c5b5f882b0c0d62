# Fuzz targets (docs/reliability.md). Included from tests/robustness/robustness.cmake.
#
# Every target is built two ways:
#  - fuzz_<name>: the libFuzzer executable, when FIRESTORM_BUILD_FUZZERS is ON (Clang only;
#    the `fuzz` preset compiles everything with -fsanitize=fuzzer-no-link,address,undefined).
#    `make fuzz` and .ci/run drive them through tests/fuzz/run_fuzzers.sh.
#  - fuzz_<name>_replay: the same harness with a plain main() (replay_main.cpp), in every test
#    build: ctest replays the seed corpora and every past finding (regressions/<name>/) with
#    whatever compiler and sanitizers the build uses.
option(FIRESTORM_BUILD_FUZZERS "Build the libFuzzer targets (Clang with -fsanitize=fuzzer-no-link)" OFF)

set(FIRESTORM_FUZZ_TARGETS duration scenario edge_list graphml gml hdf5_reader)
set(_fuzz_dir ${CMAKE_CURRENT_LIST_DIR})

# Shipped files each harness replays besides its own seeds and regressions.
set(_fuzz_inputs_duration "")
set(_fuzz_inputs_scenario ${PROJECT_SOURCE_DIR}/scenarios ${PROJECT_SOURCE_DIR}/configs
    ${PROJECT_SOURCE_DIR}/tests/data/scenarios)
set(_fuzz_inputs_edge_list ${PROJECT_SOURCE_DIR}/tests/data/scenarios/edges.txt
    ${PROJECT_SOURCE_DIR}/tests/data/scenarios/communities.txt)
set(_fuzz_inputs_graphml ${PROJECT_SOURCE_DIR}/tests/data/graphs)
set(_fuzz_inputs_gml ${PROJECT_SOURCE_DIR}/scenarios/data/karate.gml)
set(_fuzz_inputs_hdf5_reader "")

function(firestorm_fuzz_harness target sources)
  target_link_libraries(${target} PRIVATE firestorm::sim firestorm_warnings)
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
  target_compile_definitions(${target} PRIVATE FIRESTORM_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${PROJECT_BINARY_DIR}/fuzz)
endfunction()

if(FIRESTORM_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "FIRESTORM_BUILD_FUZZERS needs Clang (libFuzzer); use the `fuzz` preset")
  endif()
  add_custom_target(fuzzers)
  foreach(name ${FIRESTORM_FUZZ_TARGETS})
    add_executable(fuzz_${name} ${_fuzz_dir}/fuzz_${name}.cpp)
    firestorm_fuzz_harness(fuzz_${name} "")
    target_link_options(fuzz_${name} PRIVATE -fsanitize=fuzzer)
    add_dependencies(fuzzers fuzz_${name})
  endforeach()
else()
  foreach(name ${FIRESTORM_FUZZ_TARGETS})
    add_executable(fuzz_${name}_replay ${_fuzz_dir}/fuzz_${name}.cpp ${_fuzz_dir}/replay_main.cpp)
    firestorm_fuzz_harness(fuzz_${name}_replay "")
    set(_inputs ${_fuzz_dir}/seeds/${name} ${_fuzz_inputs_${name}})
    if(EXISTS ${_fuzz_dir}/regressions/${name})
      list(APPEND _inputs ${_fuzz_dir}/regressions/${name})
    endif()
    add_test(NAME fuzz_${name}_replay COMMAND fuzz_${name}_replay ${_inputs})
    # Under ASan, leaks inside libhdf5 on corrupt files are suppressed (tests/robustness/lsan.supp),
    # which needs exact malloc stacks. Other builds ignore these variables.
    set_tests_properties(fuzz_${name}_replay PROPERTIES LABELS "fuzz;robustness" TIMEOUT 300
      ENVIRONMENT "ASAN_OPTIONS=fast_unwind_on_malloc=0:detect_leaks=1:abort_on_error=1;LSAN_OPTIONS=suppressions=${PROJECT_SOURCE_DIR}/tests/robustness/lsan.supp;UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
  endforeach()
endif()
