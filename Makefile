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

# The main job: the default scenario, its trace written to out/default.h5.
run: build
	mkdir -p out
	$(BUILD)/sim/cli/ostsim run scenarios/default.yaml -o out/default.h5 --force
	$(BUILD)/sim/cli/ostsim info out/default.h5

test: deps
	cmake --workflow --preset release
	cmake --workflow --preset sanitize

bench: build
	$(BUILD)/tests/bench/eth_bench
	$(BUILD)/sim/engine/ostsim-phold --nlp 4096 -E 16 --remote 0.25 --mean 1 --lookahead 0.1 \
	    --end 200 --threads 1 2 --baseline

clean:
	rm -rf build
