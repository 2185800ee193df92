#!/usr/bin/env bash
# The offline check on real releases, against the commands a release manager types by hand, in one run:
#  1. `atr check` with the release's full KEYS file on each genuine release of ../shared/real-releases against the
#     manual way (gpg --import KEYS into a fresh home; gpg --verify; sha512sum -c; gzip -t; tar -tzf): median of N
#     runs, whole processes; goal at most 0.5x on zookeeper and 1.0x on avro-c.
#  2. `atr check` on an empty folder: native (ahead of time), ReadyToRun and `dotnet Atr.App.dll check`; goal 150 ms.
#  3. A 65-key KEYS file (the genuine KEYS files, the wild fixture and fresh GnuPG keys up to 65) read by `atr check`
#     on an empty folder, against `gpg --import` of it; goal 100 ms. Then the server importing it (PUT
#     /api/v1/keys, a real app process on a throw-away state folder); goal 1 s.
#  4. A tar.gz of 20,000 small source files: `atr check` against `tar -tzf`; goal at most 2x.
# Needs hyperfine, GnuPG and curl (apt-get install hyperfine gnupg curl).
#   bash bench/real.sh [runs, default 5]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-5}
real=../shared/real-releases
work=$(mktemp -d /var/tmp/atr-real-XXXXXX)
app_pid=""
cleanup() {
    if [ -n "$app_pid" ]; then kill "$app_pid" 2>/dev/null || true; wait "$app_pid" 2>/dev/null || true; fi
    gpgconf --homedir "$work/gnupg" --kill all 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT
command -v hyperfine >/dev/null || { echo "hyperfine is missing: apt-get install hyperfine" >&2; exit 2; }

echo "building: atr ahead of time, atr ReadyToRun, the app" >&2
dotnet publish Atr.Cli -c Release -r linux-x64 -p:AtrNativeAot=true -o "$work/aot" -v q -nologo >/dev/null
dotnet publish Atr.Cli -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -o "$work/r2r" -v q -nologo >/dev/null
dotnet publish Atr.App -c Release -o "$work/app" -v q -nologo >/dev/null

# The manual way, as a script hyperfine can time: a fresh GnuPG home every run, as a release manager's first check.
cat > "$work/manual.sh" <<'SH'
set -u
home=$(mktemp -d); trap 'rm -rf "$home"' EXIT
gpg --homedir "$home" --batch --quiet --import "$2" 2>/dev/null
cd "$1"
for sig in *.asc; do gpg --homedir "$home" --batch --quiet --verify "$sig" "${sig%.asc}" 2>/dev/null; done
for sum in *.sha512; do sha512sum -c "$sum" >/dev/null 2>&1; done
for archive in *.tar.gz; do gzip -t "$archive"; tar -tzf "$archive" >/dev/null; done
SH

median() { python3 -c "import json,sys; print(f\"{json.load(open(sys.argv[1]))['results'][${2:-0}]['median'] * 1000:.0f}\")" "$1"; }
time_commands() { hyperfine --ignore-failure --warmup 1 --runs "$runs" -N --export-json "$1" "${@:2}" >/dev/null 2>&1; }

echo "1. genuine releases (median of $runs, ms)"
printf '   %-12s %8s %8s %8s %8s %10s\n' release manual atr-aot atr-r2r app aot/manual
for release in zookeeper avro-c; do
    dir="$real/$release/release"
    keys="$real/$release/KEYS"
    time_commands "$work/$release.json" \
        "bash $work/manual.sh $dir $keys" \
        "$work/aot/atr check $dir --keys $keys --json" \
        "$work/r2r/atr check $dir --keys $keys --json" \
        "dotnet $work/app/Atr.App.dll check $dir --keys $keys --json"
    manual=$(median "$work/$release.json" 0)
    aot=$(median "$work/$release.json" 1)
    printf '   %-12s %8s %8s %8s %8s %10.2f\n' "$release" "$manual" "$aot" "$(median "$work/$release.json" 2)" "$(median "$work/$release.json" 3)" \
        "$(python3 -c "print($aot / $manual)")"
    "$work/aot/atr" check "$dir" --keys "$keys" --json > "$work/$release-results.json" || true
    printf '   %-12s results: %s\n' "" "$(python3 -c "import json,collections,sys; print(dict(collections.Counter(r['status'] for r in json.load(open(sys.argv[1]))['results'])))" "$work/$release-results.json")"
done

echo "2. an empty folder (median of $runs, ms)"
mkdir -p "$work/empty"
time_commands "$work/empty.json" \
    "$work/aot/atr check $work/empty --keys $real/avro-c/KEYS" \
    "$work/r2r/atr check $work/empty --keys $real/avro-c/KEYS" \
    "dotnet $work/app/Atr.App.dll check $work/empty --keys $real/avro-c/KEYS"
printf '   atr-aot %s, atr-r2r %s, app %s\n' "$(median "$work/empty.json" 0)" "$(median "$work/empty.json" 1)" "$(median "$work/empty.json" 2)"

echo "3. a 65-key KEYS file"
mkdir -m 700 "$work/gnupg"
cat "$real/zookeeper/KEYS" "$real/avro-c/KEYS" Atr.Tests/Fixtures/Wild/KEYS-wild > "$work/KEYS65"
have=$(grep -c "BEGIN PGP PUBLIC KEY BLOCK" "$work/KEYS65" || true)
genuine=$have
for i in $(seq $((have + 1)) 65); do
    gpg --homedir "$work/gnupg" --batch --quiet --pinentry-mode loopback --passphrase '' \
        --quick-gen-key "Bench Signer $i <bench$i@example.org>" rsa3072 sign,cert never 2>/dev/null
    gpg --homedir "$work/gnupg" --armor --export "bench$i@example.org" >> "$work/KEYS65"
done
time_commands "$work/keys65.json" \
    "$work/aot/atr check $work/empty --keys $work/KEYS65" \
    "bash -c 'h=\$(mktemp -d); gpg --homedir \$h --batch --quiet --import $work/KEYS65 2>/dev/null; rm -rf \$h'"
printf '   %s blocks (%s from the genuine KEYS files and the wild fixture, the rest fresh RSA 3072 keys)\n' \
    "$(grep -c "BEGIN PGP PUBLIC KEY BLOCK" "$work/KEYS65")" "$genuine"
printf '   atr-aot reads it in %s ms (whole process); gpg --import takes %s ms\n' "$(median "$work/keys65.json" 0)" "$(median "$work/keys65.json" 1)"

port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")
export ASPNETCORE_ENVIRONMENT=Development Atr__StateDirectory="$work/state" Logging__LogLevel__Default=Warning
(cd "$work/app" && exec dotnet Atr.App.dll --urls "http://127.0.0.1:$port" > "$work/app.log" 2>&1) &
app_pid=$!
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.5; done
token=$(cd "$work/app" && dotnet Atr.App.dll token create --user carl --label bench --days 1 2>/dev/null | tail -n 1)
imports=()
for run in $(seq 1 "$runs"); do
    imports+=("$(curl -s -o "$work/import.json" -w '%{time_total}' -X PUT -T "$work/KEYS65" -H "Authorization: Bearer $token" \
        "http://127.0.0.1:$port/api/v1/keys?committee=widget")")
done
printf '   the server imports it in %.0f ms the first time (%s), then %.0f ms (median, every key already present)\n' \
    "$(python3 -c "print(${imports[0]} * 1000)")" \
    "$(python3 -c "import json,collections,sys; print(dict(collections.Counter(o['status'] for o in json.load(open(sys.argv[1])))))" "$work/import.json")" \
    "$(python3 -c "import statistics; print(statistics.median([${imports[*]/%/,}][1:]) * 1000)")"

echo "4. a tar.gz of 20,000 small source files"
mkdir -p "$work/small/release"
python3 - "$work/small/apache-small-1.0.0-src" <<'PY'
import os, sys
root = sys.argv[1]
header = open("Atr.Domain/Checks/Licenses/Apache-2.0.txt").read()
asf = """/*
 * Licensed to the Apache Software Foundation (ASF) under one
 * or more contributor license agreements.  See the NOTICE file
 * distributed with this work for additional information
 * regarding copyright ownership.  The ASF licenses this file
 * to you under the Apache License, Version 2.0 (the
 * "License"); you may not use this file except in compliance
 * with the License.  You may obtain a copy of the License at
 *
 *   http://www.apache.org/licenses/LICENSE-2.0
 *
 * Unless required by applicable law or agreed to in writing,
 * software distributed under the License is distributed on an
 * "AS IS" BASIS, WITHOUT WARRANTIES OR CONDITIONS OF ANY
 * KIND, either express or implied.  See the License for the
 * specific language governing permissions and limitations
 * under the License.
 */
"""
os.makedirs(root)
open(os.path.join(root, "LICENSE"), "w").write(header)
open(os.path.join(root, "NOTICE"), "w").write("Apache Small\nCopyright 2026 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n")
for i in range(19998):
    folder = os.path.join(root, "src", f"p{i // 200:03d}")
    os.makedirs(folder, exist_ok=True)
    open(os.path.join(folder, f"C{i:05d}.java"), "w").write(asf + f"package p{i // 200};\n\npublic class C{i:05d} {{\n    int value = {i};\n}}\n")
PY
tar -C "$work/small" --sort=name -cf - apache-small-1.0.0-src | gzip -6 > "$work/small/release/apache-small-1.0.0-src.tar.gz"
time_commands "$work/small.json" \
    "tar -tzf $work/small/release/apache-small-1.0.0-src.tar.gz" \
    "$work/aot/atr check $work/small/release --keys $real/avro-c/KEYS --json"
tar_ms=$(median "$work/small.json" 0)
atr_ms=$(median "$work/small.json" 1)
printf '   %s members: tar -tzf %s ms, atr-aot %s ms: %.2fx\n' "$(tar -tzf "$work/small/release/apache-small-1.0.0-src.tar.gz" | wc -l)" \
    "$tar_ms" "$atr_ms" "$(python3 -c "print($atr_ms / $tar_ms)")"
