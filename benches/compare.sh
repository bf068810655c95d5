#!/usr/bin/env bash
# jointly against pandoc, measured in one run (these machines are noisy: compare the ratios).
#
#   bash benches/compare.sh                 # the example and 100 organisations
#   ORGS="10 100 1000" bash benches/compare.sh
#
# For each project:
#   jointly build --format all       (reads, checks and merges every input; writes .md and .docx)
#   pandoc submission.md -o x.docx   (the Markdown jointly wrote; pandoc only converts it)
# The two take turns, a few runs each, round after round, so that their ratio does not measure
# the machine's drift. Time is the median of all runs; peak memory is GNU time's maximum
# resident set size (the median of 5 runs). Method: benches/README.md.
# Needs: cargo, pandoc, hyperfine, GNU time, python3 (Debian: pandoc hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in pandoc hyperfine /usr/bin/time python3; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install pandoc hyperfine time)" >&2; exit 1; }
done
cargo build --release --quiet --bin jointly --example synth
bin="$PWD/target/release/jointly"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

projects=("example:$PWD/examples/wsis20")
for n in ${ORGS:-100}; do
  target/release/examples/synth "$work/p$n" --orgs "$n"
  projects+=("$n orgs:$work/p$n")
done

# The median of a few runs of GNU time's maximum resident set size, in KB.
peak_kb() {
  for _ in 1 2 3 4 5; do /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; done |
    sort -n | awk '{ v[NR] = $1 } END { print v[int((NR + 1) / 2)] }'
}
# The median of command $1's runs over every hyperfine export given.
pooled_median() {
  python3 -c "import json,sys,statistics; print(statistics.median(t for f in sys.argv[2:] for t in json.load(open(f))['results'][int(sys.argv[1])]['times']))" "$@"
}

printf '%-10s %9s %10s %10s %9s %10s %10s %9s\n' project inputs jointly pandoc 'time ÷' 'jointly' 'pandoc' 'memory ÷'
for entry in "${projects[@]}"; do
  name=${entry%%:*}; dir=${entry#*:}
  "$bin" -C "$dir" build --format markdown -o "$work/in.md" >/dev/null 2>&1
  rm -f "$work"/r*.json
  for r in 1 2 3 4 5 6; do
    hyperfine --style none --warmup 1 --runs 3 --export-json "$work/r$r.json" \
      "$bin -C '$dir' build --format all -o '$work/j.md'" \
      "pandoc '$work/in.md' -o '$work/p.docx'" >/dev/null 2>&1
  done
  tj=$(pooled_median 0 "$work"/r*.json); tp=$(pooled_median 1 "$work"/r*.json)
  mj=$(peak_kb "$bin" -C "$dir" build --format all -o "$work/j.md")
  mp=$(peak_kb pandoc "$work/in.md" -o "$work/p.docx")
  size=$(cat "$dir"/inputs/*.toml | wc -c)
  python3 - "$name" "$size" "$tj" "$tp" "$mj" "$mp" <<'PY'
import sys
name, size = sys.argv[1], int(sys.argv[2])
tj, tp, mj, mp = map(float, sys.argv[3:])
print(f"{name:<10} {size/1e6:7.2f}MB {tj*1000:8.1f}ms {tp*1000:8.0f}ms {tp/tj:8.1f}x {mj/1024:8.1f}MB {mp/1024:8.1f}MB {mp/mj:8.1f}x")
PY
done
echo "time ÷ and memory ÷: pandoc's figure divided by jointly's (higher is better for jointly)."
