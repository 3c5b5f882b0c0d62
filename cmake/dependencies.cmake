# Every external dependency is found here, once. All come from Debian 12 packages
# (the Makefile installs them).
find_package(TBB REQUIRED COMPONENTS tbb)
find_package(yaml-cpp REQUIRED)
if(NOT TARGET yaml-cpp::yaml-cpp)
  add_library(yaml-cpp::yaml-cpp ALIAS yaml-cpp)   # yaml-cpp 0.7 exports a plain target
endif()
find_package(HDF5 REQUIRED COMPONENTS C)
find_package(Boost 1.74 REQUIRED COMPONENTS graph)
find_package(ZLIB REQUIRED)
find_package(CLI11 CONFIG QUIET)
if(NOT TARGET CLI11::CLI11)
  find_path(CLI11_INCLUDE_DIR CLI/CLI.hpp REQUIRED)
  add_library(CLI11::CLI11 INTERFACE IMPORTED)
  target_include_directories(CLI11::CLI11 INTERFACE ${CLI11_INCLUDE_DIR})
endif()
find_package(fmt REQUIRED)
find_package(spdlog REQUIRED)

# Random123 is header-only (librandom123-dev).
find_path(RANDOM123_INCLUDE_DIR Random123/philox.h REQUIRED)
add_library(firestorm_random123 INTERFACE)
add_library(firestorm::random123 ALIAS firestorm_random123)
target_include_directories(firestorm_random123 SYSTEM INTERFACE ${RANDOM123_INCLUDE_DIR})

if(FIRESTORM_BUILD_TESTS)
  find_package(GTest REQUIRED)
endif()
if(FIRESTORM_BUILD_BENCHMARKS)
  find_package(benchmark REQUIRED)
endif()
