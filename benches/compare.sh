#!/usr/bin/env bash
# Whole-run benchmark: tisse next to its peers on the same corpus, in one sitting (issue 10).
#
# What it does, each step skipped when already done:
#   1. installs the Debian packages benches/build_corpus.py reads (the list at its top) and
#      hyperfine, with apt-get (run as root);
#   2. builds the corpus with benches/build_corpus.py (deterministic) when CORPUS/corpus.jsonl
#      is missing;
#   3. installs the peers: a Python virtualenv with benches/requirements.txt, and xan
#      (`cargo install xan`) when no `xan` is on PATH;
#   4. builds tisse (release) and runs one hyperfine over
#        tisse analyze -j JOBS, tisse analyze -j 1, the Python peer pipeline (JOBS processes),
#        xan tokenize words text corpus.csv -p -L | xan vocab token
#      (and, with --folder, tisse on the same corpus as small .txt files under docs/,
#      warm cache, and cold cache when the page cache can be dropped; with --formats, tisse
#      on the same corpus as CSV and as a WordPress export, made by wxr_from_jsonl.py);
#   5. runs each command once more under /usr/bin/time -v for its peak RSS, and prints a
#      Markdown table: seconds, MB/s and documents/s (of the JSON Lines corpus, whatever
#      file a command reads, so that rows compare), user CPU, ratio to tisse -j JOBS, peak RSS.
#
# Usage (from anywhere in the repository):
#   benches/compare.sh                     # 80 MB target (88 MB of JSON Lines), /tmp/bench
#   benches/compare.sh --mb 1000 --corpus /tmp/bench-1g --runs 2
#   benches/compare.sh --folder            # add the 50,000-file folder case
#   benches/compare.sh --formats           # add tisse on corpus.csv and corpus.xml (WXR)
#   benches/compare.sh --no-install        # use what is there; fail if something is missing
#
# Outputs (reports of every tool, hyperfine's JSON, the table) go under --out (default
# /tmp/tisse-compare). Wall times are only comparable on a quiet machine: look at the load
# average printed with the table.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
corpus=/tmp/bench
mb=80
runs=3
warmup=1
out=/tmp/tisse-compare
jobs=$(nproc)
folder=no
formats=no
install=yes
venv=${BENCH_VENV:-/tmp/tisse-bench-venv}

usage() { sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; }

while [ $# -gt 0 ]; do
    case $1 in
        --corpus) corpus=$2; shift 2 ;;
        --mb) mb=$2; shift 2 ;;
        --runs) runs=$2; shift 2 ;;
        --warmup) warmup=$2; shift 2 ;;
        --out) out=$2; shift 2 ;;
        -j|--jobs) jobs=$2; shift 2 ;;
        --folder) folder=yes; shift ;;
        --formats) formats=yes; shift ;;
        --no-install) install=no; shift ;;
        -h|--help) usage; exit 0 ;;
        *) echo "compare.sh: unknown option '$1' (see --help)" >&2; exit 2 ;;
    esac
done

say() { printf '\n== %s\n' "$*" >&2; }

# 1. Debian packages: the corpus sources named at the top of build_corpus.py, and hyperfine.
apt_packages() {
    sed -n '/apt-get install/,/^$/p' "$repo/benches/build_corpus.py" \
        | tr ' \\' '\n\n' | grep -E '^[a-z0-9][a-z0-9.+-]+$' \
        | grep -vxE 'apt-get|install' || true
    echo hyperfine
}
missing=()
for p in $(apt_packages); do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    if [ $install = no ]; then
        echo "compare.sh: missing Debian packages: ${missing[*]}" >&2; exit 1
    fi
    say "apt-get install ${missing[*]}"
    apt-get update -q
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends "${missing[@]}"
fi

# 2. The corpus.
if [ ! -s "$corpus/corpus.jsonl" ]; then
    say "building the corpus in $corpus ($mb MB of text)"
    python3 "$repo/benches/build_corpus.py" --out "$corpus" --target-mb "$mb" >&2
fi

# 3. The peers.
if ! "$venv/bin/python" -c 'import py3langid, Stemmer, ural' 2>/dev/null; then
    [ $install = yes ] || { echo "compare.sh: no virtualenv with the peers at $venv" >&2; exit 1; }
    say "python peers into $venv"
    python3 -m venv "$venv"
    "$venv/bin/pip" install -q -r "$repo/benches/requirements.txt"
fi
if ! command -v xan >/dev/null; then
    [ $install = yes ] || { echo "compare.sh: no xan on PATH" >&2; exit 1; }
    say "cargo install xan"
    cargo install --locked xan
    export PATH="${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"
fi

# 4. tisse, then the timings.
say "cargo build --release"
(cd "$repo" && cargo build --release -q)
target=${CARGO_TARGET_DIR:-$repo/target}
case $target in /*) ;; *) target=$repo/$target ;; esac
tisse=$target/release/tisse

mkdir -p "$out"
rm -rf "${out:?}"/run-* "$out/hyperfine-cold.json"
jsonl=$corpus/corpus.jsonl
csv=$corpus/corpus.csv
names=()
commands=()
add() { names+=("$1"); commands+=("$2"); }
add "tisse analyze -j $jobs" "$tisse analyze -q -j $jobs $jsonl -o $out/run-tisse-j$jobs"
add "tisse analyze -j 1" "$tisse analyze -q -j 1 $jsonl -o $out/run-tisse-j1"
add "peer_pipeline.py ($jobs processes)" \
    "$venv/bin/python $repo/benches/peer_pipeline.py $jsonl $out/run-peer --workers $jobs"
add "xan tokenize words -p -L | xan vocab token" \
    "xan tokenize words text $csv -p -L | xan vocab token > $out/run-xan-vocab.csv"
if [ $formats = yes ]; then
    if [ ! -s "$corpus/corpus.xml" ]; then
        say "writing $corpus/corpus.xml (WXR)"
        python3 "$repo/benches/wxr_from_jsonl.py" "$jsonl" "$corpus/corpus.xml" >&2
    fi
    add "tisse analyze -j $jobs, corpus.csv" "$tisse analyze -q -j $jobs $csv -o $out/run-tisse-csv"
    add "tisse analyze -j $jobs, corpus.xml (WXR)" \
        "$tisse analyze -q -j $jobs $corpus/corpus.xml -o $out/run-tisse-wxr"
fi
cold_prepare=
if [ $folder = yes ]; then
    add "tisse analyze -j $jobs, docs/ (warm cache)" \
        "$tisse analyze -q -j $jobs $corpus/docs -o $out/run-tisse-docs"
    if sync && echo 3 2>/dev/null >/proc/sys/vm/drop_caches; then
        cold_prepare='sync; echo 3 > /proc/sys/vm/drop_caches'
    else
        echo "compare.sh: cannot drop the page cache (not root?): no cold-cache row" >&2
    fi
fi

say "hyperfine ($runs runs, $warmup warm-up), $(uptime | sed 's/.*load/load/')"
args=()
for i in "${!commands[@]}"; do args+=(-n "${names[$i]}" "${commands[$i]}"); done
hyperfine -w "$warmup" -r "$runs" --export-json "$out/hyperfine.json" "${args[@]}" >&2
if [ -n "$cold_prepare" ]; then
    hyperfine -r "$runs" --prepare "$cold_prepare" --export-json "$out/hyperfine-cold.json" \
        -n "tisse analyze -j $jobs, docs/ (cold cache)" \
        "$tisse analyze -q -j $jobs $corpus/docs -o $out/run-tisse-docs" >&2
fi

# 5. Peak memory: one more run each.
say "peak RSS (/usr/bin/time -v, one run each)"
: >"$out/rss.tsv"
for i in "${!commands[@]}"; do
    /usr/bin/time -v -o "$out/time.txt" sh -c "${commands[$i]}" >/dev/null 2>&1
    kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$out/time.txt")
    printf '%s\t%s\n' "${names[$i]}" "$kb" >>"$out/rss.tsv"
done

python3 - "$out" "$jsonl" "$corpus/stats.json" "tisse analyze -j $jobs" <<'EOF' | tee "$out/table.md"
import json, os, platform, subprocess, sys
out, jsonl, stats_path, base = sys.argv[1:5]
runs = json.load(open(os.path.join(out, "hyperfine.json")))["results"]
cold = os.path.join(out, "hyperfine-cold.json")
if os.path.exists(cold):
    runs += json.load(open(cold))["results"]
rss = dict(line.rstrip("\n").split("\t") for line in open(os.path.join(out, "rss.tsv")))
mb = os.path.getsize(jsonl) / 1e6
docs = json.load(open(stats_path))["docs"]
base_mean = next(r["mean"] for r in runs if r["command"] == base)
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
load = open("/proc/loadavg").read().split()[:3]
print(f"Corpus: {jsonl}, {mb:.1f} MB of JSON Lines, {docs:,} documents. MB/s and documents/s "
      f"are of that corpus for every row. Machine: {os.cpu_count()} cores ({cpu}), "
      f"{platform.system()} {platform.release()}; load average after the runs {' '.join(load)}.")
print()
print(f"| command | mean (s) | user (s) | MB/s | documents/s | time / `{base}` | peak RSS (MB) |")
print("| --- | ---: | ---: | ---: | ---: | ---: | ---: |")
for r in runs:
    name, mean = r["command"], r["mean"]
    kb = rss.get(name)
    peak = f"{int(kb) / 1024:.0f}" if kb else ""
    cell = name.replace("|", "\\|")  # a pipe inside a cell ends it, even in backquotes
    print(f"| `{cell}` | {mean:.2f} ± {r['stddev'] or 0:.2f} | {r['user']:.2f} | {mb / mean:.1f} | "
          f"{docs / mean:,.0f} | {mean / base_mean:.2f}x | {peak} |")
EOF
