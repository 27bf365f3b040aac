#!/usr/bin/env bash
# Side-by-side benchmark of the hyperv4j VHD/VHDX engine and qemu-img, one run, same machine.
# Usage: bench/vhd-vs-qemu.sh [work-dir] [size-in-bytes]   (defaults: a temp dir, 1 GiB)
# Needs qemu-utils. Writes about 3 GiB of temporary files into work-dir and removes them.
set -euo pipefail
cd "$(dirname "$0")/.."
work="${1:-$(mktemp -d)}"
size="${2:-1073741824}"
mkdir -p target
mvn -B -q -o -pl hyperv-core test-compile
mvn -B -q -o -pl hyperv-core dependency:build-classpath -Dmdep.outputFile="$PWD/target/bench-classpath.txt" >/dev/null
cp="hyperv-core/target/classes:hyperv-core/target/test-classes:$(cat target/bench-classpath.txt)"
java -Xmx256m -cp "$cp" io.hyperv4j.vhd.VhdVsQemuBench "$work" "$size"
