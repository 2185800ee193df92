#!/usr/bin/env bash
# Upload throughput: streaming a file through Atr's API (PUT, one revision) against copying it with cp on the
# same disk, plus the app's resident memory while it receives the file.
#   bash bench/upload.sh [size-in-MiB, default 1024] [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1024}
runs=${2:-3}
work=$(mktemp -d /var/tmp/atr-bench-XXXXXX)
port=5181
cleanup() { [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet publish Atr.App/Atr.App.csproj -c Release -o "$work/app" -v q -nologo >/dev/null
export Atr__StateDirectory="$work/state" Atr__DemoData=true Atr__Limits__MaxUploadBytes=$(( (size_mib + 1) * 1048576 ))
export Logging__LogLevel__Default=Warning
(cd "$work/app" && exec dotnet Atr.App.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
app_pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
token=$(cd "$work/app" && dotnet Atr.App.dll token create --user rita --label bench 2>/dev/null)

mkdir -p "$work/state/tmp"
head -c $(( size_mib * 1048576 )) /dev/urandom > "$work/state/tmp/source.bin"
cat "$work/state/tmp/source.bin" > /dev/null

rss() { awk '/VmRSS/ {print $2}' "/proc/$app_pid/status"; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[1]):.3f}')" "$1"; }
best_cp=999999
best_put=999999
idle_rss=$(rss)
peak_rss=$idle_rss
for run in $(seq 1 "$runs"); do
    start=$(date +%s.%N)
    cp "$work/state/tmp/source.bin" "$work/state/tmp/copy-$run.bin"
    sync -f "$work/state/tmp/copy-$run.bin"
    end=$(date +%s.%N)
    rm -f "$work/state/tmp/copy-$run.bin"
    best_cp=$(python3 -c "print(min($best_cp, $end - $start))")

    ( while kill -0 $$ 2>/dev/null; do rss; sleep 0.1; done ) > "$work/rss-$run.txt" &
    sampler=$!
    start=$(date +%s.%N)
    curl -sf -o /dev/null -X PUT -H "Authorization: Bearer $token" -T "$work/state/tmp/source.bin" \
        "http://127.0.0.1:$port/api/v1/projects/widget/releases/2.0.0-M1/files/bench/run-$run.bin"
    sync -f "$work/state/blobs" 2>/dev/null || sync
    end=$(date +%s.%N)
    kill "$sampler" 2>/dev/null || true
    best_put=$(python3 -c "print(min($best_put, $end - $start))")
    peak_rss=$(sort -n "$work/rss-$run.txt" "$work/rss-$run.txt" | tail -1 | awk -v p="$peak_rss" '{print ($1 > p ? $1 : p)}')
    # Each run stores the same content: delete the blob so that the next run writes it again.
    find "$work/state/blobs" -type f -size +1M -exec rm -f {} +
done

python3 - "$size_mib" "$best_cp" "$best_put" "$idle_rss" "$peak_rss" <<'PY'
import sys
size, cp, put, idle, peak = int(sys.argv[1]), float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), int(sys.argv[5])
print(f"file: {size} MiB, best of runs")
print(f"cp:          {cp:7.2f} s  {size / cp:8.1f} MiB/s")
print(f"Atr PUT:     {put:7.2f} s  {size / put:8.1f} MiB/s  ({100 * cp / put:.0f}% of cp; hashes SHA-256 and SHA-512 on the way)")
print(f"app memory:  {idle / 1024:7.1f} MiB before, {peak / 1024:.1f} MiB peak while receiving ({(peak - idle) / 1024:+.1f} MiB)")
PY
