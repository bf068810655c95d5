#!/usr/bin/env bash
# jointly against pandoc, side by side in one run (these machines are noisy: compare ratios).
#
#   bash benches/compare.sh            # the example and a generated 1,000-organisation project
#   ORGS="100 1000" bash benches/compare.sh
#
# For each project: `jointly build --format docx` versus `pandoc submission.md -o x.docx` on
# the Markdown jointly writes for the same project (pandoc gets the easier job: one file,
# already merged), and a floor of reading every input and compressing the bytes
# (`cat inputs/* | gzip -1`). Time is hyperfine's mean; peak memory is GNU time's max RSS.
# Needs: cargo, pandoc, hyperfine, GNU time (Debian: pandoc hyperfine time).
set -euo pipefail
cd "$(dirname "$0")/.."
for tool in pandoc hyperfine /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "missing $tool (apt-get install pandoc hyperfine time)" >&2; exit 1; }
done
cargo build --release --quiet
bin="$PWD/target/release/jointly"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

projects=("example:$PWD/examples/wsis20")
for n in ${ORGS:-1000}; do
  "$bin" synth "$work/p$n" --orgs "$n"
  projects+=("$n organisations:$work/p$n")
done

peak_kb() { /usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -1; }
mean_s() { python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['results'][${2}]['mean'])" "$1"; }

printf '%-20s %12s %12s %12s %8s %14s %14s %8s\n' project jointly pandoc floor t-ratio "jointly peak" "pandoc peak" m-ratio
for entry in "${projects[@]}"; do
  name=${entry%%:*}; dir=${entry#*:}
  "$bin" -C "$dir" build --format markdown -o "$work/in.md" >/dev/null
  runs=10; [ "$name" = example ] && runs=30
  hyperfine --style none --warmup 2 --runs "$runs" --export-json "$work/h.json" \
    "$bin -C '$dir' build --format docx -o '$work/j.docx'" \
    "pandoc '$work/in.md' -o '$work/p.docx'" \
    "cat '$dir'/inputs/*.toml | gzip -1 > '$work/floor.gz'" >/dev/null 2>&1
  tj=$(mean_s "$work/h.json" 0); tp=$(mean_s "$work/h.json" 1); tf=$(mean_s "$work/h.json" 2)
  mj=$(peak_kb "$bin" -C "$dir" build --format docx -o "$work/j.docx")
  mp=$(peak_kb pandoc "$work/in.md" -o "$work/p.docx")
  python3 - "$name" "$tj" "$tp" "$tf" "$mj" "$mp" <<'PY'
import sys
name, tj, tp, tf, mj, mp = sys.argv[1], *map(float, sys.argv[2:])
print(f"{name:<20} {tj*1000:10.1f}ms {tp*1000:10.1f}ms {tf*1000:10.1f}ms {tp/tj:7.1f}x {mj/1024:11.1f} MB {mp/1024:11.1f} MB {mp/mj:7.1f}x")
PY
done
echo "t-ratio, m-ratio: pandoc's time and peak memory divided by jointly's (higher is better for jointly)."
