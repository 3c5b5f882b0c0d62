# The two commands of the README:
#   make demo   install what is missing, build, run the default scenario, write its report
#   make test   install what is missing, build, run the whole test suite
# Everything comes from Debian 12 packages.

BUILD_DIR ?= build
BUILD_TYPE ?= Release
JOBS ?= $(shell nproc)
DEMO_SCENARIO ?= scenarios/default.yaml
DEMO_OUTPUT ?= out/default.h5

PACKAGES := build-essential cmake git pkg-config zlib1g-dev \
  libtbb-dev libboost-graph-dev libhdf5-dev hdf5-tools libyaml-cpp-dev \
  libgtest-dev libgmock-dev libbenchmark-dev libcli11-dev libspdlog-dev libfmt-dev \
  librandom123-dev python3 python3-h5py python3-numpy python3-pandas python3-matplotlib chromium \
  libsfml-dev libimgui-dev xvfb xauth \
  clang libclang-rt-14-dev curl xz-utils

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all deps configure build demo test bench clean fuzz sanitize

all: build

# Installs only the packages that are missing (apt-get as root, sudo otherwise).
deps:
	@missing=$$(for p in $(PACKAGES); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
	  echo "Installing missing packages:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	else echo "All required packages are installed."; fi

configure: deps
	cmake -S . -B $(BUILD_DIR) -DCMAKE_BUILD_TYPE=$(BUILD_TYPE)

build: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

demo: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target firestorm
	@mkdir -p $(dir $(DEMO_OUTPUT))
	$(BUILD_DIR)/sim/firestorm run $(DEMO_SCENARIO) -o $(DEMO_OUTPUT) --force
	$(BUILD_DIR)/sim/firestorm report $(DEMO_OUTPUT) -o $(DEMO_OUTPUT:.h5=.html) --force
	@echo
	@echo "Output: $(abspath $(DEMO_OUTPUT))"
	@echo "Report: $(abspath $(DEMO_OUTPUT:.h5=.html))   (open it in any browser; it works offline)"
	@echo "Inspect it with:  h5dump -H $(DEMO_OUTPUT)   or   python3 -c \"import h5py; f = h5py.File('$(DEMO_OUTPUT)'); print(list(f))\""

test: build
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

bench: configure
	cmake --build $(BUILD_DIR) -j $(JOBS) --target firestorm_bench
	$(BUILD_DIR)/tests/bench/firestorm_bench

# Each libFuzzer target for FUZZ_SECONDS (docs/reliability.md); findings in build-fuzz/fuzz-findings.
# FUZZ_SEED=N replays one campaign exactly (CI uses 1); unset, each campaign explores anew.
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake --preset fuzz
	cmake --build --preset fuzz -j $(JOBS)
	FUZZ_SEED=$(FUZZ_SEED) tests/fuzz/run_fuzzers.sh build-fuzz $(FUZZ_SECONDS)

# The test suite under ASan+UBSan and the parallel engine's tests under TSan (build-asan, build-tsan).
sanitize: deps
	tests/robustness/sanitizers.sh all

clean:
	rm -rf $(BUILD_DIR)
