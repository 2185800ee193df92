#!/usr/bin/env bash
# The compare page under load: N (default 10) concurrent views of two unrelated 32,000-line files of about 1 MB,
# opened in Debian's Chromium against the published app. Prints each view's time to its diff and the app's resident
# memory before, at the peak, with the views open and after they closed. Goal: each view under 1 s, under 100 MB
# added for ten views, released when the pages close.
#   bash bench/compare.sh [views, default 10] [published app folder, default: this tree, published]
set -euo pipefail
cd "$(dirname "$0")/.."
views=${1:-10}
work=$(mktemp -d /var/tmp/atr-compare-XXXXXX)
port=5183
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

app=${2:-}
if [ -z "$app" ]; then
    app="$work/app"
    dotnet publish Atr.App/Atr.App.csproj -c Release -o "$app" -v q -nologo >/dev/null
fi
dotnet build bench/Atr.Bench/Atr.Bench.csproj -c Release -v q -nologo >/dev/null
export Atr__StateDirectory="$work/state" Atr__DemoData=true ASPNETCORE_ENVIRONMENT=Development
export Logging__LogLevel__Default=Warning
(cd "$app" && exec dotnet Atr.App.dll --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
app_pid=$!
until curl -sf "http://127.0.0.1:$port/healthz" >/dev/null; do sleep 0.2; done
token=$(cd "$app" && dotnet Atr.App.dll token create --user carl --label bench 2>/dev/null)
dotnet bench/Atr.Bench/bin/Release/net10.0/Atr.Bench.dll compare "http://127.0.0.1:$port/" "$token" "$app_pid" "$views"
