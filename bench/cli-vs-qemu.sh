#!/usr/bin/env bash
# Whole-process figures of the ./hyperv tool beside qemu-img, side by side in one run on one machine:
# start-up (vhd get, vm list on a lab file), peak memory (/usr/bin/time -v's maximum resident set),
# and converting random data to a dynamic VHDX with and without a final sync (convert-hyperv-c1: the
# same with the C1-only JIT short commands use, to show the per-command choice). Medians of RUNS runs,
# each command's runs interleaved with the others' so load from other work falls on all alike.
# Usage: bench/cli-vs-qemu.sh [work-dir] [convert-size-bytes] [runs]   (defaults: temp dir, 1 GiB, 7)
#   convert size 0: start-up rows only.  HYPERV_BASE=/other/checkout/hyperv: the same start-up rows for
#   another build of the tool (e.g. main in a scratch clone), interleaved with this one's ("-base" rows).
# Needs qemu-utils and GNU time. Writes about 3 × the convert size into work-dir, and removes it.
runs=7
. "$(dirname "$0")/whole-process.sh"

"$hyperv" --help >/dev/null   # builds the tool and its class-data archive if needed
qemu-img create -q -f vhdx "$work/bench-info.vhdx" 1G
lab="$work/bench-lab.json"   # two clustered hosts, a running VM, guest services, monitoring: every module's state
"$hyperv" lab new "$lab" --template seed001-monitored >/dev/null
base="${HYPERV_BASE:-}"
if [ -n "$base" ]; then "$base" --help >/dev/null; cp "$lab" "$work/bench-lab-base.json"; fi
[ "$size" = 0 ] || head -c "$size" /dev/urandom >"$work/bench-src.img"

for ((i = 0; i < runs; i++)); do
  one java-version java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData -version
  one qemu-info qemu-img info "$work/bench-info.vhdx"
  one vhd-get "$hyperv" vhd get "$work/bench-info.vhdx"
  one vm-list "$hyperv" --lab "$lab" vm list
  if [ -n "$base" ]; then
    one vhd-get-base "$base" vhd get "$work/bench-info.vhdx"
    one vm-list-base "$base" --lab "$work/bench-lab-base.json" vm list
  fi
done
[ "$size" = 0 ] || for ((i = 0; i < (runs + 1) / 2; i++)); do
  one convert-qemu bash -c convert_qemu
  one convert-hyperv bash -c convert_hyperv
  one convert-hyperv-c1 env HYPERV4J_JAVA_OPTS=-XX:TieredStopAtLevel=1 bash -c convert_hyperv
  one convert-qemu-sync bash -c 'convert_qemu && sync'
  one convert-hyperv-sync bash -c 'convert_hyperv && sync'
done

echo "machine: $(nproc) CPUs (shared with other work: compare rows of one run, not runs), $(free -g | awk '/Mem:/{print $2}') GiB, $(java -version 2>&1 | head -1), load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%-22s %12s %11s %16s\n' command "median wall" "median CPU" "median peak RSS"
for n in java-version qemu-info vhd-get vm-list vhd-get-base vm-list-base convert-qemu convert-hyperv convert-hyperv-c1 convert-qemu-sync convert-hyperv-sync; do
  [ -f "$work/bench-$n.times" ] || continue
  printf '%-22s %11ss %10ss %12s MiB\n' "$n" "$(median "$n" 1)" "$(median "$n" 2)" "$(awk -v k="$(median "$n" 3)" 'BEGIN{printf "%.1f", k/1024}')"
done
