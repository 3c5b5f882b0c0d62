# Warnings as an INTERFACE target, linked PRIVATE by every module.
add_library(firestorm_warnings INTERFACE)
target_compile_options(firestorm_warnings INTERFACE
  $<$<CXX_COMPILER_ID:GNU,Clang>:-Wall -Wextra -Wpedantic -Wshadow -Wno-unused-parameter -Wno-missing-field-initializers>)
