# Thin wrappers over scripts/install-deps.sh and the CMake presets (CMakePresets.json).
#   make run    install dependencies, build (release), run the main job
#   make test   install dependencies, build and pass every test (release, then ASan+UBSan)
#   make bench  build (release) and run the benchmark suites of docs/performance.md
PRESET ?= release
BUILD := build/$(PRESET)

.PHONY: deps build run test bench clean

deps:
	scripts/install-deps.sh

build: deps
	cmake --preset $(PRESET)
	cmake --build --preset $(PRESET)

# The main job, until the ostsim command exists: PHOLD run P1 of docs/performance.md on the
# parallel engine at 1 and 2 threads, beside the bare sequential heap loop.
run: build
	$(BUILD)/sim/engine/ostsim-phold --nlp 4096 -E 16 --remote 0.25 --mean 1 --lookahead 0.1 \
	    --end 200 --threads 1 2 --baseline

test: deps
	cmake --workflow --preset release
	cmake --workflow --preset sanitize

bench: build
	$(BUILD)/tests/bench/eth_bench
	$(BUILD)/sim/engine/ostsim-phold --nlp 4096 -E 16 --remote 0.25 --mean 1 --lookahead 0.1 \
	    --end 200 --threads 1 2 --baseline

clean:
	rm -rf build
