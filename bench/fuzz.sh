#!/usr/bin/env bash
# The parsers under mutated input (Atr.Tests/Fuzzing): every parser's fuzz target, seeded from real inputs, for N
# inputs of one run seed (1,000,000 each by default), the parsers spread over one process per core (allocation is
# measured per process; with fewer parsers than cores, a parser's inputs are shared out over several). The contract per input: a result or the parser's domain error, within its time and
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
export ATR_FUZZ_SEED=$seed ATR_FUZZ_REPORT=$work/report.tsv
# With fewer parsers than cores, each parser's inputs are shared out in equal ranges, one process each: the same
# inputs as one process would run, and the figures summed.
count=$(printf '%s\n' $parsers | wc -l)
shards=$(( $(nproc) > count ? $(nproc) / count : 1 ))
echo "run seed $seed, $inputs inputs per parser in $shards range(s), $(nproc) processes at a time; progress and violations follow" >&2
start=$(date +%s)
# Each range of a parser alone in its process; the test's own output (xunit's) goes to a log, its progress to the terminal.
for parser in $parsers; do
    for shard in $(seq 0 $((shards - 1))); do
        first=$(( inputs * shard / shards ))
        echo "$parser $first $(( inputs * (shard + 1) / shards - first )) $shard"
    done
done | xargs -P "$(nproc)" -L 1 sh -c \
    'ATR_FUZZ_PARSERS="$3" ATR_FUZZ_FIRST="$4" ATR_FUZZ_INPUTS="$5" "$1" -method Atr.Tests.Fuzzing.FuzzTests.Parser_MutatedInputs_GiveAResultOrADomainErrorWithinItsLimits >"$2/$3.$6.log"' \
    sh Atr.Tests/bin/Release/net10.0/Atr.Tests "$work" || true

touch "$work/report.tsv"
printf '%-15s %10s %10s %10s %10s %22s %24s %9s %9s\n' parser inputs results "domain err" violations "slowest ms (seed)" "most allocated (seed)" seconds inputs/s
failed=0
for parser in $parsers; do
    if [ "$(grep -cP "^\Q$parser\E\t" "$work/report.tsv")" != "$shards" ]; then
        printf '%-15s did not finish; the end of its log:\n' "$parser"
        sed 's/\x1b\[[0-9;]*m//g' "$work/$parser".*.log | grep -v '\[SKIP\]\|ATR_FUZZ_PARSERS=' | tail -n 25 | sed 's/^/    /'
        failed=1
        continue
    fi
    # The ranges' lines as one: counts summed, the costliest inputs of all, the longest range's time.
    line=$(grep -P "^\Q$parser\E\t" "$work/report.tsv" | python3 -c '
import sys
rows = [l.rstrip("\n").split("\t") for l in sys.stdin]
slow = max(rows, key=lambda r: float(r[5]))
big = max(rows, key=lambda r: int(r[7]))
sums = [str(sum(int(r[i]) for r in rows)) for i in range(1, 5)]
print("\t".join([rows[0][0], *sums, slow[5], slow[6], big[7], big[8], str(max(float(r[9]) for r in rows))]))')
    IFS=$'\t' read -r name count results errors violations slowest slowest_seed allocated allocated_seed seconds <<<"$line"
    printf '%-15s %10s %10s %10s %10s %11s (%8s) %9s MiB (%8s) %9s %9s\n' "$name" "$count" "$results" "$errors" "$violations" \
        "$slowest" "$slowest_seed" "$(python3 -c "print(f'{$allocated / 1048576:.1f}')")" "$allocated_seed" "$seconds" \
        "$(python3 -c "print(f'{$count / max($seconds, 0.001):.0f}')")"
    [ "$violations" = 0 ] || failed=1
done
echo "run seed $seed; $(( $(date +%s) - start )) s in all"
exit "$failed"
