#!/usr/bin/env bash
# Live progress latency: from a check task's commit to the browser's DOM showing it, over N tasks (default 200),
# measured with Playwright in Debian's Chromium against the published app.
#   bash bench/latency.sh [tasks, default 200]
set -euo pipefail
cd "$(dirname "$0")/.."
tasks=${1:-200}
work=$(mktemp -d /var/tmp/atr-bench-XXXXXX)
port=5182
cleanup() { [ -n "${app_pid:-}" ] && kill "$app_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

dotnet publish Atr.App/Atr.App.csproj -c Release -o "$work/app" -v q -nologo >/dev/null
dotnet build bench/Atr.Bench/Atr.Bench.csproj -c Release -v q -nologo >/dev/null
export Atr__StateDirectory="$work/state" Atr__DemoData=true ASPNETCORE_ENVIRONMENT=Development
export Logging__LogLevel__Default=Warning
(cd "$work/app" && exec dotnet Atr.App.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
app_pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
token=$(cd "$work/app" && dotnet Atr.App.dll token create --user carl --label bench 2>/dev/null)
dotnet bench/Atr.Bench/bin/Release/net10.0/Atr.Bench.dll latency "http://127.0.0.1:$port/" "$work/state" "$token" "$tasks"
