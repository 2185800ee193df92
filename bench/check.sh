#!/usr/bin/env bash
# The offline check (`atr check`, compiled ahead of time) against the way release managers check a release by
# hand, on one release of about 1 GiB: a source tar.gz and a zip of the same tree, their detached signatures
# (GnuPG) and SHA-512 files. Side by side, in
# the same run: `check`, `sha512sum` over the archives, and the manual way (`sha512sum -c`, `gpg --verify` for
# each signature, `gzip -t` and `tar -tzf` for the tar.gz, `unzip -tq` for the zip). Best of N runs, warm cache;
# the check's peak memory from /usr/bin/time.
#   bash bench/check.sh [tree-size-MiB, default 1400] [runs, default 3]
set -euo pipefail
cd "$(dirname "$0")/.."
size_mib=${1:-1400}
runs=${2:-3}
work=$(mktemp -d /var/tmp/atr-check-XXXXXX)
export GNUPGHOME="$work/gnupg"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill all 2>/dev/null || true; rm -rf "$work"' EXIT

dotnet publish Atr.Cli/Atr.Cli.csproj -c Release -r linux-x64 -p:AtrNativeAot=true -o "$work/atr" -v q -nologo >/dev/null

# A source tree of real files (NuGet packages: code, text and binaries) up to the size asked for.
name=apache-bench-1.0.0-src
tree="$work/tree/$name"
mkdir -p "$tree"
python3 - "$HOME/.nuget/packages" "$tree" "$((size_mib * 1048576))" <<'PY'
import os, shutil, sys
source, target, limit = sys.argv[1], sys.argv[2], int(sys.argv[3])
total = 0
for folder, _, files in sorted(os.walk(source)):
    for file in sorted(files):
        path = os.path.join(folder, file)
        if os.path.islink(path) or file.startswith('.'):
            continue
        size = os.path.getsize(path)
        if total + size > limit:
            sys.exit(0)
        relative = os.path.relpath(path, source)
        if any(part.startswith('.') for part in relative.split(os.sep)):
            continue
        os.makedirs(os.path.join(target, os.path.dirname(relative)), exist_ok=True)
        shutil.copyfile(path, os.path.join(target, relative))
        total += size
PY

release="$work/release"
mkdir -p "$release"
tar -C "$work/tree" -cf - "$name" | gzip -6 > "$release/$name.tar.gz"
(cd "$work/tree" && zip -q -r -6 "$release/$name.zip" "$name")
gpg --batch --quiet --pinentry-mode loopback --passphrase '' --quick-gen-key "Bench <bench@example.org>" ed25519 sign,cert never
gpg --armor --export bench@example.org > "$work/KEYS"
for archive in "$release/$name.tar.gz" "$release/$name.zip"; do
    gpg --batch --quiet --armor --detach-sign --output "$archive.asc" "$archive"
    (cd "$release" && sha512sum "$(basename "$archive")" > "$(basename "$archive").sha512")
done
cat "$release"/* > /dev/null

best() { python3 -c "import sys; print(f'{min(map(float, sys.argv[1:])):.2f}')" "$@"; }
timed() { local start end; start=$(date +%s.%N); "$@" > /dev/null 2>&1 || true; end=$(date +%s.%N); python3 -c "print($end - $start)"; }
manual() {
    (cd "$release" && sha512sum -c --quiet ./*.sha512)
    for signature in "$release"/*.asc; do gpg --batch --quiet --verify "$signature" "${signature%.asc}" 2>/dev/null; done
    gzip -t "$release/$name.tar.gz"
    tar -tzf "$release/$name.tar.gz" > /dev/null
    unzip -tq "$release/$name.zip" > /dev/null
}

declare -A times
memory=()
for run in $(seq 1 "$runs"); do
    times[sha512sum]+=" $(timed sha512sum "$release/$name.tar.gz" "$release/$name.zip")"
    times[gpg]+=" $(timed bash -c "for s in '$release'/*.asc; do gpg --batch --quiet --verify \"\$s\" \"\${s%.asc}\"; done")"
    times[gzip]+=" $(timed gzip -t "$release/$name.tar.gz")"
    times[tar]+=" $(timed tar -tzf "$release/$name.tar.gz")"
    times[unzip]+=" $(timed unzip -tq "$release/$name.zip")"
    times[manual]+=" $(timed manual)"
    /usr/bin/time -f "%e %M" -o "$work/time" "$work/atr/atr" check "$release" --keys "$work/KEYS" --json > "$work/check.json" || true
    read -r seconds kib < <(tail -n 1 "$work/time")
    times[check]+=" $seconds"
    memory+=("$kib")
done

printf 'release: %s\n' "$(cd "$release" && ls -l | awk 'NR > 1 {printf "%s%s (%.1f MiB)", sep, $9, $5 / 1048576; sep = ", "}')"
printf 'tree: %s MiB uncompressed, %s files\n' "$(du -sm "$tree" | cut -f1)" "$(find "$tree" -type f | wc -l)"
printf '%-28s %8s\n' "tool (best of $runs)" "seconds"
for tool in sha512sum gpg gzip tar unzip manual check; do
    printf '%-28s %8s\n' "$tool" "$(best ${times[$tool]})"
done
check=$(best ${times[check]})
printf 'check / gzip -t:             %.2f\n' "$(python3 -c "print($check / $(best ${times[gzip]}))")"
printf 'check / (gzip -t + unzip -t): %.2f\n' "$(python3 -c "print($check / ($(best ${times[gzip]}) + $(best ${times[unzip]})))")"
printf 'check / manual way:          %.2f\n' "$(python3 -c "print($check / $(best ${times[manual]}))")"
printf 'check peak memory:           %s MiB\n' "$(python3 -c "print(max(map(int, '${memory[*]}'.split())) // 1024)")"
printf 'check results: %s\n' "$(python3 -c "import json,collections; print(dict(collections.Counter(r['status'] for r in json.load(open('$work/check.json'))['results'])))")"
