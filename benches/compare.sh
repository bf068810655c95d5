#!/usr/bin/env bash
# jointly against pandoc, side by side in one run (these machines are noisy: compare ratios).
#
#   bash benches/compare.sh                   # the example and 10, 100, 1,000 organisations
#   ORGS="100 1000" bash benches/compare.sh
#
# For each project, three commands are timed with hyperfine:
#   jointly build --format all       (reads, validates and merges every input; writes .md + .docx)
#   cat inputs/*.toml | gzip -1      (the floor: read every input, compress the bytes)
#   pandoc submission.md -o x.docx   (on the Markdown jointly wrote: pandoc only converts)
# jointly and the floor take turns, three runs each, for 8 rounds (10 for the example); pandoc
# runs after them. Time is the median of all runs (a build ends with an fsync, whose occasional
# stall of several milliseconds moved the example's mean by a fifth); peak memory is GNU
# time's maximum resident set size (the median of 5 runs for jointly, 3 for pandoc).
# Needs: cargo, pandoc, hyperfine, GNU time (Debian: pandoc hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in pandoc hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install pandoc hyperfine time)" >&2; exit 1; }
done
cargo build --release --quiet
bin="$PWD/target/release/jointly"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

projects=("example:$PWD/examples/wsis20")
for n in ${ORGS:-10 100 1000}; do
  "$bin" synth "$work/p$n" --orgs "$n"
  projects+=("$n orgs:$work/p$n")
done

# Peak memory varies by a megabyte or so from run to run: take the median of a few.
peak_kb() {
  local n=$1; shift
  for _ in $(seq "$n"); do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done |
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
median_s() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][int(sys.argv[2])]['median'])" "$1" "$2"; }
# The median of command $1's runs over every hyperfine export given.
pooled_median() {
  python3 -c "import json,sys,statistics; print(statistics.median(t for f in sys.argv[2:] for t in json.load(open(f))['results'][int(sys.argv[1])]['times']))" "$@"
}

echo "project    inputs     jointly    pandoc    floor  pandoc/  jointly/   jointly    pandoc  pandoc/"
echo "                          time       time      time   jointly  floor      peak       peak    jointly"
echo "                                                       (time)   (time)                       (memory)"
declare -A times
for entry in "${projects[@]}"; do
  name=${entry%%:*}; dir=${entry#*:}
  "$bin" -C "$dir" build --format markdown -o "$work/in.md" >/dev/null 2>&1
  # jointly and the floor take turns, a few runs each, round after round: the machine's speed
  # drifts over seconds, and a ratio of two commands timed minutes apart measures the drift
  # (one after the other, jointly/floor moved by 0.3 between runs of this script). Each
  # median is over every run of every round. pandoc, slow at 1,000 organisations, runs last.
  rounds=8; [ "$name" = example ] && rounds=10
  rm -f "$work"/r*.json
  for r in $(seq "$rounds"); do
    hyperfine --style none --warmup 1 --runs 3 --export-json "$work/r$r.json" \
      "$bin -C '$dir' build --format all -o '$work/j.md'" \
      "cat '$dir'/inputs/*.toml | gzip -1 > '$work/floor.gz'" >/dev/null 2>&1
  done
  runs=10; [ "$name" = example ] && runs=30
  hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/h.json" \
    "pandoc '$work/in.md' -o '$work/p.docx'" >/dev/null 2>&1
  tj=$(pooled_median 0 "$work"/r*.json); tf=$(pooled_median 1 "$work"/r*.json)
  tp=$(median_s "$work/h.json" 0)
  mj=$(peak_kb 5 "$bin" -C "$dir" build --format all -o "$work/j.md")
  mp=$(peak_kb 3 pandoc "$work/in.md" -o "$work/p.docx")
  size=$(cat "$dir"/inputs/*.toml | wc -c)
  times[$name]=$tj
  python3 - "$name" "$size" "$tj" "$tp" "$tf" "$mj" "$mp" <<'PY'
import sys
name, size = sys.argv[1], int(sys.argv[2])
tj, tp, tf, mj, mp = map(float, sys.argv[3:])
print(f"{name:<10} {size/1e6:7.2f}MB {tj*1000:8.1f}ms {tp*1000:7.0f}ms {tf*1000:6.1f}ms {tp/tj:7.1f}x {tj/tf:7.1f}x {mj/1024:8.1f}MB {mp/1024:8.1f}MB {mp/mj:7.1f}x")
PY
done
if [ -n "${times[100 orgs]:-}" ] && [ -n "${times[1000 orgs]:-}" ]; then
  python3 -c "import sys; print(f'growth from 100 to 1,000 organisations: {float(sys.argv[2])/float(sys.argv[1]):.1f}x the time for 10x the input')" "${times[100 orgs]}" "${times[1000 orgs]}"
fi
echo "÷pandoc: pandoc's time (or memory) divided by jointly's, higher is better; ×floor: jointly's time over the floor's."
