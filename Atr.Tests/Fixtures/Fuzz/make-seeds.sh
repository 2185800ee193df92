#!/usr/bin/env bash
# The fuzzer's own seeds (Atr.Tests/Fuzzing): the KEYS files, detached signatures and SHA-512 files of the genuine
# releases in ../shared/real-releases (copied as published; the archives themselves are too large to keep), and
# checksum files of the widget fixture in every form the tools write. The other seeds are the suite's fixtures.
#   bash Atr.Tests/Fixtures/Fuzz/make-seeds.sh
set -euo pipefail
cd "$(dirname "$0")"
real=../../../../shared/real-releases
seeds=seeds
for release in zookeeper avro-c; do
    cp "$real/$release/KEYS" "$seeds/keys/$release.KEYS"
    for file in "$real/$release"/release/*.asc "$real/$release"/release/*.sha512; do
        case "$file" in
            *.asc) cp "$file" "$seeds/signatures/$(basename "$file")" ;;
            *) cp "$file" "$seeds/checksums/$(basename "$file")" ;;
        esac
    done
done
chmod 644 "$seeds"/keys/* "$seeds"/signatures/* "$seeds"/checksums/*

# The widget archive's checksums as sha512sum, sha256sum (text and binary mode, several files), shasum --tag (BSD)
# and gpg --print-md (wrapped, grouped, upper case) write them.
archive=apache-widget-1.0.0-src.tar.gz
export GNUPGHOME=$(mktemp -d)
trap 'rm -rf "$GNUPGHOME"' EXIT
cd ../Archives
sha512sum "$archive" > "../Fuzz/$seeds/checksums/gnu.sha512"
sha256sum -b "$archive" > "../Fuzz/$seeds/checksums/gnu-binary.sha256"
sha256sum "$archive" apache-widget-1.0.0-src.zip > "../Fuzz/$seeds/checksums/gnu-two-files.sha256"
shasum -a 512 --tag "$archive" > "../Fuzz/$seeds/checksums/bsd.sha512"
gpg --print-md SHA512 "$archive" > "../Fuzz/$seeds/checksums/gpg-print-md.sha512"
