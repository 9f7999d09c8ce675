#!/bin/sh
# SimBlock's speed benchmark (issue 4; docs/performance.md, "SimBlock's Bitcoin network"):
# scenarios/bitcoin-2015.yaml, 6,000 and 10,000 nodes, 100 block intervals (60,000 s), trace
# written at the scenario's level (standard: cores, blocks). Prints wall time, CPU time and
# maximum resident memory of each run, as GNU time measures them.
#   tests/bench/simblock_bench.sh [path/to/ostsim] [threads]
set -eu
ostsim=${1:-build/release/sim/cli/ostsim}
threads=${2:-1}
here=$(dirname "$0")
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for nodes in 6000 10000; do
    /usr/bin/time -f "nodes $nodes: wall %e s, user %U s, sys %S s, max RSS %M kB" \
        "$ostsim" run "$here/../../scenarios/bitcoin-2015.yaml" --no-progress \
        --threads "$threads" --set "cores.bitcoin.nodes=$nodes" -o "$out/bitcoin-$nodes.h5" |
        grep -E '^(bitcoin|engine):'
done
