# Sourced by the whole-process benchmarks (cli-vs-qemu.sh, convert-vs-qemu.sh) after they set "runs":
# their arguments [work-dir] [size-bytes] [runs], the checks, and the timing helpers.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
work="${1:-$(mktemp -d)}"
size="${2:-1073741824}"
runs="${3:-$runs}"
hyperv="$root/hyperv"
mkdir -p "$work"
trap 'rm -rf "$work"/bench-*' EXIT
command -v qemu-img >/dev/null || { echo "needs qemu-img (apt-get install qemu-utils)" >&2; exit 1; }
[ -x /usr/bin/time ] || { echo "needs GNU time (apt-get install time)" >&2; exit 1; }

# one NAME CMD...: runs CMD once, appends "wall-seconds cpu-seconds max-rss-KiB" to $work/bench-NAME.times
one() {
  local name=$1; shift
  /usr/bin/time -f "%e %U %S %M" -o "$work/bench-time.out" "$@" >/dev/null 2>&1 || { echo "failed: $*" >&2; exit 1; }
  tail -1 "$work/bench-time.out" | awk '{printf "%s %.2f %s\n", $1, $2 + $3, $4}' >>"$work/bench-$name.times"
}
median() { sort -n -k"$2" "$work/bench-$1.times" | awk -v k="$2" '{a[NR]=$k} END {print a[int((NR+1)/2)]}'; }
convert_hyperv() { rm -f "$work/bench-h.vhdx"; "$hyperv" vhd convert "$work/bench-src.img" "$work/bench-h.vhdx"; }
convert_qemu() { rm -f "$work/bench-q.vhdx"; qemu-img convert -f raw -O vhdx -o subformat=dynamic "$work/bench-src.img" "$work/bench-q.vhdx"; }
export -f convert_hyperv convert_qemu; export work hyperv
