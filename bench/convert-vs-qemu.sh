#!/usr/bin/env bash
# Converting random data to a dynamic VHDX: ./hyperv vhd convert beside qemu-img convert, whole processes,
# with and without a final sync, every command's runs interleaved with the others' (A B C D A B C D ...),
# page cache warm (the source is read once first); then, in the same run, the engine in-process beside a
# plain read-write-fsync copy of the same bytes (io.hyperv4j.vhd.ConvertCopyHarness). Prints medians of
# wall time, CPU time (user + system, /usr/bin/time) and peak RSS, and the load average before and after.
# Usage: bench/convert-vs-qemu.sh [work-dir] [size-bytes] [runs]   (defaults: temp dir, 1 GiB, 5)
# Needs qemu-utils and GNU time. Writes about 3 x size into work-dir, and removes it.
runs=5
. "$(dirname "$0")/whole-process.sh"

"$hyperv" --help >/dev/null   # builds the tool and its class-data archive if needed
(cd "$root" && mvn -B -q -o -pl hyperv-core test-compile dependency:build-classpath \
    -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null)
harness_cp="$root/hyperv-core/target/test-classes:$root/hyperv-core/target/classes:$(cat "$root/hyperv-core/target/bench.classpath")"
head -c "$size" /dev/urandom >"$work/bench-src.img"
cat "$work/bench-src.img" >/dev/null
load_before="$(cut -d' ' -f1-3 /proc/loadavg)"

for ((i = 0; i < runs; i++)); do
  one qemu bash -c convert_qemu
  one hyperv bash -c convert_hyperv
  one hyperv-c1 env HYPERV4J_JAVA_OPTS=-XX:TieredStopAtLevel=1 bash -c convert_hyperv
  one qemu-sync bash -c 'convert_qemu && sync'
  one hyperv-sync bash -c 'convert_hyperv && sync'
done
qemu-img compare -q -f raw -F vhdx "$work/bench-src.img" "$work/bench-h.vhdx" || { echo "hyperv's VHDX differs from the source" >&2; exit 1; }
rm -f "$work"/bench-h.vhdx "$work"/bench-q.vhdx
load_mid="$(cut -d' ' -f1-3 /proc/loadavg)"

echo "machine: $(nproc) CPUs (shared with other work: compare rows of one run, not runs), $(free -g | awk '/Mem:/{print $2}') GiB," \
  "$(java -version 2>&1 | head -1), $(qemu-img --version | head -1); load average $load_before before, $load_mid after the whole-process runs"
echo "convert $size bytes of random data to a dynamic VHDX, $runs runs each, interleaved:"
printf '%-34s %12s %11s %16s\n' command "median wall" "median CPU" "median peak RSS"
for n in qemu hyperv hyperv-c1 qemu-sync hyperv-sync; do
  case $n in
    qemu) label="qemu-img convert" ;; hyperv) label="./hyperv vhd convert" ;;
    hyperv-c1) label="./hyperv vhd convert (C1 only)" ;; qemu-sync) label="qemu-img convert; sync" ;;
    hyperv-sync) label="./hyperv vhd convert; sync" ;;
  esac
  printf '%-34s %11ss %10ss %12s MiB\n' "$label" "$(median "$n" 1)" "$(median "$n" 2)" "$(awk -v k="$(median "$n" 3)" 'BEGIN{printf "%.1f", k/1024}')"
done
echo "in-process (io.hyperv4j.vhd.ConvertCopyHarness, $runs rounds after a warm-up):"
java -Xmx256m -cp "$harness_cp" io.hyperv4j.vhd.ConvertCopyHarness "$work/bench-src.img" "$work/bench-harness" "$runs"
rm -rf "$work/bench-harness"
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
