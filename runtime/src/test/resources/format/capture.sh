#!/bin/sh
# Regenerates the reference outputs from bpftrace 0.17 (run as root). Each cases/NAME.bt gives NAME.out
# (text) and NAME.json.out (-f json). Outputs are raw stdout: "Attaching N probe(s)..." first.
# stacks.bt traces getppid() from python3; a background loop provides the calls. Its frames depend on the
# kernel build, so the test replays them through a fixed symbol table instead of /proc/kallsyms.
set -e
mount | grep -q ' /sys/kernel/tracing ' || mount -t tracefs nodev /sys/kernel/tracing
cd "$(dirname "$0")/cases"
( for i in $(seq 1 40); do sleep 0.5; /usr/bin/python3 -c 'import os; os.getppid()'; done ) &
trigger=$!
for f in *.bt; do
  n=${f%.bt}
  bpftrace "$f" > "$n.out" 2>/dev/null
  bpftrace -f json "$f" > "$n.json.out" 2>/dev/null
done
kill "$trigger" 2>/dev/null || true
