#!/usr/bin/env bash
# Makes the archive fixtures with GNU tar, gzip and Info-ZIP zip. Run from this folder; the outputs are checked in.
# Timestamps and owners are fixed so that the archives are the same on every run.
set -euo pipefail
cd "$(dirname "$0")"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

root="$work/apache-widget-1.0.0-src"
mkdir -p "$root/src/main/java/org/apache/widget"
printf 'Apache License\nVersion 2.0, January 2004\n' > "$root/LICENSE"
printf 'Apache Widget\nCopyright 2026 The Apache Software Foundation\n' > "$root/NOTICE"
printf 'package org.apache.widget;\n\npublic class Main {\n}\n' > "$root/src/main/java/org/apache/widget/Main.java"
find "$root" -exec touch -d '2026-01-01 00:00:00 UTC' {} +

tar --sort=name --owner=0 --group=0 --numeric-owner --mtime='2026-01-01 00:00:00 UTC' \
    -C "$work" -cf - apache-widget-1.0.0-src | gzip -n -9 > apache-widget-1.0.0-src.tar.gz
(cd "$work" && TZ=UTC zip -q -X -r - apache-widget-1.0.0-src) > apache-widget-1.0.0-src.zip

# A gzip stream cut short: readers must say so, not crash.
head -c 200 apache-widget-1.0.0-src.tar.gz > truncated.tar.gz
