#!/usr/bin/env bash
# Runs every fuzz target of fuzz/ in turn, SECONDS each, one job at a time (issue 16), and
# prints what each run did: executions, coverage and findings.
#
#   scripts/fuzz.sh SECONDS [TARGET...]
#
# Needs a nightly toolchain (`rustup toolchain install nightly`) and cargo-fuzz
# (`cargo install cargo-fuzz`). Each target starts from its committed seeds,
# fuzz/corpus/TARGET (read only), and from what earlier runs found, fuzz/runs/TARGET (where
# new inputs go; not committed). Crashes, timeouts and out-of-memory inputs land in
# fuzz/artifacts/TARGET/; `cargo +nightly fuzz tmin TARGET FILE` minimizes one. The full
# libFuzzer output of each run is in fuzz/runs/logs/TARGET.log.
#
# Environment: FUZZ_TARGET_DIR (cargo's target folder; default fuzz/target), FUZZ_NICE
# (niceness of the fuzzer, default 19: it shares the machine), FUZZ_ARGS (more libFuzzer
# flags), FUZZ_MERGE=1 (after each run, add to fuzz/corpus/TARGET the inputs of
# fuzz/runs/TARGET that reach code the corpus did not, with libFuzzer's -merge=1: commit them,
# so that the next run, on any machine, starts where this one stopped), FUZZ_PLATEAU=S (stop
# a target once its coverage has not grown for S seconds of the fuzzer's own CPU time:
# "until coverage stops growing", SECONDS being then the most a target may take; the summary
# says which ones stopped so), FUZZ_AT_LEAST=S (with FUZZ_PLATEAU: no target stops before it
# has run S seconds, as issue 16 asks at least ten minutes of each).
#
# The plateau is counted in CPU time, not on the clock: at nice 19 a fuzzer starved by a build
# finds nothing because it does not run, which is no plateau.
#
# Do not pause a fuzzer (SIGSTOP) to time something else: libFuzzer counts the pause against
# the input it was running and reports a timeout that is not one.
set -uo pipefail
cd "$(dirname "$0")/../fuzz"

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: scripts/fuzz.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift

# Target, longest input in bytes, dictionary. Readers get pages of a few kilobytes (long
# enough for a post and its comments, short enough for many runs a second); the string
# functions get a paragraph; dates a field.
table=(
    "page_dump 16384 page_dump"
    "jsonl 8192 jsonl"
    "csv 8192 csv"
    "wxr 32768 wxr"
    "feed 16384 feed"
    "blogger 32768 blogger"
    "disqus 16384 disqus"
    "markdown 8192 markdown"
    "html 32768 html"
    "tokenize 4096 text"
    "links 4096 text"
    "networks 4096 text"
    "dates 256 dates"
    "lexicon 4096 lexicon"
)
# A single input taking longer than this is a hang; more memory than this is a blow-up
# (AddressSanitizer's own overhead included).
timeout_seconds=10
rss_limit_mb=2048

target_dir=${FUZZ_TARGET_DIR:-target}
cargo_fuzz=(cargo +nightly fuzz)

nice -n "${FUZZ_NICE:-19}" "${cargo_fuzz[@]}" build --target-dir "$target_dir" || exit 1

# User and system CPU seconds of the running fuzzer of a target (0 until it has started).
fuzzer_cpu_seconds() {
    local pid ticks
    pid=$(pgrep -f "release/$1 .*-artifact_prefix" | head -1)
    # Fields 14 and 15 of /proc/PID/stat, counted after the command name, which may hold spaces.
    ticks=$(sed -E 's/^.*\) //' "/proc/${pid:-0}/stat" 2>/dev/null | awk '{ print $12 + $13 }')
    echo $((${ticks:-0} / $(getconf CLK_TCK)))
}

# Whether an input the fuzzer found slow runs, alone and at normal priority, in under a tenth
# of the time limit (sets took_ms).
unit_is_fast() {
    local t0
    t0=$(date +%s%N)
    timeout "$timeout_seconds" "$target_dir/x86_64-unknown-linux-gnu/release/$1" "$2" \
        >/dev/null 2>&1 || return 1
    took_ms=$((($(date +%s%N) - t0) / 1000000))
    ((took_ms * 10 < timeout_seconds * 1000))
}

mkdir -p runs/logs
summary=()
failed=0
for row in "${table[@]}"; do
    read -r target max_len dict <<<"$row"
    if [[ $# -gt 0 && ! " $* " =~ " $target " ]]; then
        continue
    fi
    mkdir -p "runs/$target" "artifacts/$target" "corpus/$target"
    before=$(ls "artifacts/$target" | wc -l)
    log="runs/logs/$target.log"
    echo "== $target: $seconds s (max_len $max_len, dict/$dict.dict)"
    : >"$log"
    deadline=$((SECONDS + seconds))
    started=$SECONDS
    plateaued=""
    false_findings=0
    seen=""
    while :; do
        # One job, one worker: the machine is shared. New inputs go to runs/, seeds stay, so
        # a run resumed after a false timeout starts where the last one stopped.
        # shellcheck disable=SC2086
        nice -n "${FUZZ_NICE:-19}" "${cargo_fuzz[@]}" run --target-dir "$target_dir" "$target" \
            "runs/$target" "corpus/$target" -- \
            -max_total_time="$((deadline - SECONDS))" -max_len="$max_len" \
            -dict="dict/$dict.dict" -timeout="$timeout_seconds" -rss_limit_mb="$rss_limit_mb" \
            -print_final_stats=1 ${FUZZ_ARGS:-} >>"$log" 2>&1 &
        fuzzer=$!
        if [[ -n ${FUZZ_PLATEAU:-} ]]; then
            grown_at=0
            while kill -0 "$fuzzer" 2>/dev/null; do
                sleep 5
                cpu=$(fuzzer_cpu_seconds "$target")
                cov_now=$(grep -aoE 'cov: [0-9]+' "$log" | tail -1)
                if [[ $cov_now != "$seen" ]]; then
                    seen=$cov_now
                    grown_at=$cpu
                elif ((cpu - grown_at >= FUZZ_PLATEAU && SECONDS - started >= ${FUZZ_AT_LEAST:-0})); then
                    plateaued="plateau after $((SECONDS - started)) s, ${cpu} s CPU"
                    # libFuzzer stops on SIGINT as at the end of its time, final stats included.
                    pkill -INT -f "release/$target .*-artifact_prefix" || true
                    break
                fi
            done
        fi
        wait "$fuzzer"
        status=$?
        # A fuzzer at nice 19 that a build starves for seconds reports slow units and
        # timeouts that are none: each such input is run again at normal priority, and when
        # it takes under a tenth of the limit, its artifact is removed; after a timeout (which
        # stops libFuzzer), fuzzing resumes for the time left.
        resume=""
        for unit in $(grep -aoE 'Test unit written to [^ ]*/(timeout|slow-unit)-[0-9a-f]+' "$log" \
            | sed 's/^Test unit written to //' | sort -u); do
            [[ -f $unit ]] || continue
            if unit_is_fast "$target" "$unit"; then
                echo "   not reproduced: $(basename "$unit") runs in $took_ms ms at normal priority"
                echo "NOT REPRODUCED: $unit runs in $took_ms ms at normal priority" >>"$log"
                rm -f "$unit"
                false_findings=$((false_findings + 1))
                [[ $unit == */timeout-* ]] && resume=yes
            fi
        done
        if [[ -n $resume ]] && ((deadline - SECONDS > 30)); then
            continue
        fi
        if [[ -n $resume && $(ls "artifacts/$target" | wc -l) -eq $before ]]; then
            status=0
        fi
        break
    done
    if [[ -n $plateaued ]] && grep -q 'run interrupted' "$log"; then
        status=0
    fi
    if ((false_findings > 0)); then
        plateaued="${plateaued:+$plateaued, }$false_findings slow units not reproduced"
    fi
    execs=$(awk '/^stat::number_of_executed_units:/ { n += $2 } END { print n }' "$log")
    last=$(grep -E '^#[0-9]+.*cov: ' "$log" | tail -1)
    cov=$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$last")
    ft=$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$last")
    # The execution at which coverage last grew: far from the end, the target has settled;
    # near it, it is still finding new code and deserves a longer run.
    grew=$(awk '/^#[0-9]+.* cov: / {
            for (i = 1; i <= NF; i++) if ($i == "cov:") c = $(i + 1)
            if (c != last) { at = $1; last = c }
        } END { print at }' "$log")
    new=$(($(ls "artifacts/$target" | wc -l) - before))
    findings="none"
    if [[ $status -ne 0 || $new -gt 0 ]]; then
        failed=1
        kind=$(grep -m1 -oE 'ERROR: libFuzzer: [a-z-]+|panicked at [^:]+:[0-9]+' "$log")
        artifact=$(grep -m1 -oE 'artifacts/[^ ]+' "$log")
        findings="${kind:-exit $status} ${artifact:-}"
    fi
    if [[ ${FUZZ_MERGE:-0} == 1 ]]; then
        kept=$(ls "corpus/$target" | wc -l)
        # shellcheck disable=SC2086
        nice -n "${FUZZ_NICE:-19}" "${cargo_fuzz[@]}" run --target-dir "$target_dir" "$target" \
            "corpus/$target" "runs/$target" -- -merge=1 -max_len="$max_len" \
            -dict="dict/$dict.dict" -timeout="$timeout_seconds" -rss_limit_mb="$rss_limit_mb" \
            >"runs/logs/$target.merge.log" 2>&1
        echo "   merged into corpus/$target: $kept -> $(ls "corpus/$target" | wc -l) inputs"
    fi
    line=$(printf '%-10s %6ss %10s  cov %6s (last grew at %9s)  ft %7s  %s%s' \
        "$target" "$seconds" "${execs:-?}" "${cov:-?}" "${grew:-?}" "${ft:-?}" "$findings" \
        "${plateaued:+ ($plateaued)}")
    echo "$line"
    summary+=("$line")
done

echo
echo "target      length executions  coverage                            features    findings"
printf '%s\n' "${summary[@]}"
exit $failed
