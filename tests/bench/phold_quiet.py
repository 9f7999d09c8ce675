#!/usr/bin/python3
"""Runs ostsim-phold repeatedly on a shared machine and keeps only the quiet repetitions.

Each repetition is one process (`--repeat 1`, so its 1- and 2-thread runs sit side by side).
A repetition is kept when the CPU time that other processes used while it ran is under
--other (default 3 %) of the machine's capacity (all CPUs x wall time), read from /proc/stat
minus the process's own CPU time. Prints every repetition and, per configuration, the median
rate and range over the kept ones, each configuration's ratio of medians to the first,
the median of the per-repetition ratios, and the median window overhead of each parallel run
that ostsim-phold reports one for.

  tests/bench/phold_quiet.py BUILD/sim/engine/ostsim-phold --keep 5 -- \
      --nlp 4096 -E 1 --remote 0.25 --mean 1 --lookahead 0.1 --end 8000 --threads 1 2

When the machine is never quiet (others' builds keep both cores busy), --fifo PRIO runs each
repetition under SCHED_FIFO at that priority (root only): ordinary processes then cannot
preempt it on the cores it uses, and the kernel's real-time throttling still leaves them 5 % of
each second. It skips the wait for a quiet second. The share of others is still printed and
filtered by --other, but it now counts their use of the core that a 1-thread run leaves idle
(about a third of the machine over a 1- and 2-thread repetition), so pass --other 1 to keep all.

Linux only (/proc/stat). Several binaries (A/B comparisons) may be given, separated by commas;
they run alternately and are reported apart.
"""

import argparse
import os
import re
import resource
import statistics
import subprocess
import sys
import time

RUN_LINE = re.compile(r"^run \d+ (engine \d+t|bare heap): .*?\(([\d.]+) M ev/s\)")
# ostsim-phold's window overhead of the parallel run printed just before it.
OVERHEAD_LINE = re.compile(r"^\s+window [\d.]+ us; .*; overhead (-?[\d.]+) us")


def busy_jiffies():
    with open("/proc/stat") as f:
        fields = [int(x) for x in f.readline().split()[1:]]
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields[:8]) - idle, sum(fields[:8])


def children_cpu():
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def wait_for_quiet(share, poll=1.0):
    """Sleeps until the machine was busy under `share` for one poll: a repetition that starts
    during someone's build would be dropped anyway."""
    while True:
        busy0, total0 = busy_jiffies()
        time.sleep(poll)
        busy1, total1 = busy_jiffies()
        if (busy1 - busy0) < share * (total1 - total0):
            return
        time.sleep(4 * poll)


def one_repetition(binary, args, fifo=0):
    tick = os.sysconf("SC_CLK_TCK")
    busy0, total0 = busy_jiffies()
    cpu0 = children_cpu()
    preexec = None
    if fifo:
        def preexec():
            os.sched_setscheduler(0, os.SCHED_FIFO, os.sched_param(fifo))
    out = subprocess.run([binary, *args, "--repeat", "1"], check=True, capture_output=True, text=True,
                         preexec_fn=preexec)
    busy1, total1 = busy_jiffies()
    own = children_cpu() - cpu0
    other = max(0.0, (busy1 - busy0) / tick - own) / ((total1 - total0) / tick)
    rates, overheads = {}, {}
    name = None
    for line in out.stdout.splitlines():
        m = RUN_LINE.match(line)
        if m:
            name = m.group(1)
            rates[name] = float(m.group(2))
        m = OVERHEAD_LINE.match(line)
        if m and name:
            overheads[name] = float(m.group(1))
    return other, rates, overheads


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("binaries", help="ostsim-phold path(s), comma-separated for A/B")
    ap.add_argument("--keep", type=int, default=5, help="quiet repetitions to keep per binary")
    ap.add_argument("--tries", type=int, default=60, help="give up after this many repetitions")
    ap.add_argument("--other", type=float, default=0.03, help="largest share of others' CPU")
    ap.add_argument("--fifo", type=int, default=0, metavar="PRIO",
                    help="run each repetition under SCHED_FIFO at PRIO (root), without waiting")
    argv = sys.argv[1:]
    cut = argv.index("--") if "--" in argv else len(argv)
    a = ap.parse_args(argv[:cut])
    args = argv[cut + 1:]  # ostsim-phold's own arguments, after "--"
    binaries = a.binaries.split(",")
    kept = {b: {} for b in binaries}
    kept_overheads = {b: {} for b in binaries}
    counts = {b: 0 for b in binaries}
    for attempt in range(a.tries):
        if all(counts[b] >= a.keep for b in binaries):
            break
        for b in binaries:
            if counts[b] >= a.keep:
                continue
            if not a.fifo:
                wait_for_quiet(a.other)
            other, rates, overheads = one_repetition(b, args, a.fifo)
            quiet = other < a.other
            rates_text = ", ".join(f"{k} {v:.3f}" for k, v in rates.items())
            print(f"{os.path.basename(b)} try {attempt}: others {other * 100:4.1f} % "
                  f"{'kept' if quiet else 'dropped'}: {rates_text}", flush=True)
            if quiet:
                counts[b] += 1
                for k, v in rates.items():
                    kept[b].setdefault(k, []).append(v)
                for k, v in overheads.items():
                    kept_overheads[b].setdefault(k, []).append(v)
    for b in binaries:
        print(f"--- {b}: {counts[b]} quiet repetitions")
        first = None
        for name, values in kept[b].items():
            med = statistics.median(values)
            first = first or med
            print(f"{name:<12} median {med:7.3f} M ev/s (min {min(values):.3f}, max {max(values):.3f})"
                  f"  x{med / first:.2f} of medians")
        names = list(kept[b])
        for name in names[1:]:
            ratios = [x / y for x, y in zip(kept[b][name], kept[b][names[0]])]
            print(f"{name} / {names[0]} per repetition: median x{statistics.median(ratios):.2f} "
                  f"(" + ", ".join(f"{r:.2f}" for r in ratios) + ")")
        for name, values in kept_overheads[b].items():
            print(f"{name} window overhead: median {statistics.median(values):.3f} us "
                  f"(min {min(values):.3f}, max {max(values):.3f})")
    return 0 if all(counts[b] >= a.keep for b in binaries) else 1


if __name__ == "__main__":
    sys.exit(main())
