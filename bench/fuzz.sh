#!/usr/bin/env bash
# The parsers under mutated input (Atr.Tests/Fuzzing): every parser's fuzz target, seeded from real inputs, for N
# inputs of one run seed (1,000,000 each by default), the parsers spread over one process per core (allocation is
# measured per process). The contract per input: a result or the parser's domain error, within its time and
# allocation limits, never another exception. Prints per parser the inputs, results, domain errors, violations, the
# slowest input and the one that allocated most (with their seeds), and the elapsed time; each violation is logged
# with its seed and saved as Atr.Tests/Fixtures/Fuzz/regressions/<parser>/<seed>.bin, which the suite then replays.
# Exits 1 on any violation, or when a parser's run did not finish.
#   bash bench/fuzz.sh [inputs-per-parser, default 1000000] [run seed, default 1] [parsers, default all]
set -euo pipefail
cd "$(dirname "$0")/.."
inputs=${1:-1000000}
seed=${2:-1}
# The slowest first, so that the cores finish together.
parsers=${3:-tar.bz2 tar.xz tar.zst tar.gz keys tar metadata zip sbom signature patterns policy checksum pom gradle license-header}
work=$(mktemp -d /var/tmp/atr-fuzz-XXXXXX)
trap 'rm -rf "$work"' EXIT

echo "building Atr.Tests (Release)" >&2
dotnet build Atr.Tests -c Release -v q -nologo >/dev/null
export ATR_FUZZ_INPUTS=$inputs ATR_FUZZ_SEED=$seed ATR_FUZZ_REPORT=$work/report.tsv
echo "run seed $seed, $inputs inputs per parser, $(nproc) at a time; progress and violations follow" >&2
start=$(date +%s)
# Each parser alone in its process; the test's own output (xunit's) goes to a log, its progress to the terminal.
printf '%s\n' $parsers | xargs -P "$(nproc)" -I{} sh -c \
    'ATR_FUZZ_PARSERS="$1" "$2" -method Atr.Tests.Fuzzing.FuzzTests.Parser_MutatedInputs_GiveAResultOrADomainErrorWithinItsLimits >"$3/$1.log"' \
    sh {} Atr.Tests/bin/Release/net10.0/Atr.Tests "$work" || true

touch "$work/report.tsv"
printf '%-15s %10s %10s %10s %10s %22s %24s %9s %9s\n' parser inputs results "domain err" violations "slowest ms (seed)" "most allocated (seed)" seconds inputs/s
failed=0
for parser in $parsers; do
    if ! line=$(grep -P "^\Q$parser\E\t" "$work/report.tsv"); then
        printf '%-15s did not finish; the end of its log:\n' "$parser"
        sed 's/\x1b\[[0-9;]*m//g' "$work/$parser.log" | grep -v '\[SKIP\]\|ATR_FUZZ_PARSERS=' | tail -n 25 | sed 's/^/    /'
        failed=1
        continue
    fi
    IFS=$'\t' read -r name count results errors violations slowest slowest_seed allocated allocated_seed seconds _ <<<"$line"
    printf '%-15s %10s %10s %10s %10s %11s (%8s) %9s MiB (%8s) %9s %9s\n' "$name" "$count" "$results" "$errors" "$violations" \
        "$slowest" "$slowest_seed" "$(python3 -c "print(f'{$allocated / 1048576:.1f}')")" "$allocated_seed" "$seconds" \
        "$(python3 -c "print(f'{$count / max($seconds, 0.001):.0f}')")"
    [ "$violations" = 0 ] || failed=1
done
echo "run seed $seed; $(( $(date +%s) - start )) s in all"
exit "$failed"
