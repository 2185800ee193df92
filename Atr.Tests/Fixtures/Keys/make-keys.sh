#!/usr/bin/env bash
# Regenerates the OpenPGP key fixtures of the key tests with GnuPG (the files beside this script are its output;
# rerun it only to replace them, then update the fingerprints the tests expect).
#   bash Atr.Tests/Fixtures/Keys/make-keys.sh
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
export GNUPGHOME=$(mktemp -d)
trap 'gpgconf --kill all; rm -rf "$GNUPGHOME"' EXIT
gpg=(gpg --batch --quiet --pinentry-mode loopback --passphrase '')
fpr() { gpg --with-colons --list-keys "$1" | awk -F: '/^fpr/ {print $10; exit}'; }

# RSA 4096 that signs and certifies, never expires, two user ids.
"${gpg[@]}" --quick-gen-key "Rita Manager <rita@apache.org>" rsa4096 sign,cert never
rita=$(fpr rita@apache.org)
"${gpg[@]}" --quick-add-uid "$rita" "Rita Manager <rita@example.org>"
gpg --armor --export "$rita" >"$out/rsa4096.asc"

# Ed25519 primary that only certifies, with an Ed25519 signing subkey.
"${gpg[@]}" --quick-gen-key "Carl Committer <carl@apache.org>" ed25519 cert never
carl=$(fpr carl@apache.org)
"${gpg[@]}" --quick-add-key "$carl" ed25519 sign never
gpg --armor --export "$carl" >"$out/ed25519-subkey.asc"

# A key made in 2020 that expired after a year.
"${gpg[@]}" --faked-system-time 20200101T000000! --quick-gen-key "Old Key <old@example.org>" ed25519 sign,cert 1y
gpg --armor --export old@example.org >"$out/expired.asc"

# A key made in 2019 that never expires, whose only signing subkey (made in 2020) expired after a year.
"${gpg[@]}" --faked-system-time 20190101T000000! --quick-gen-key "Sub Expired <sub@example.org>" ed25519 cert never
sub=$(fpr sub@example.org)
"${gpg[@]}" --faked-system-time 20200101T000000! --quick-add-key "$sub" ed25519 sign 1y
gpg --armor --export "$sub" >"$out/subkey-expired.asc"

# A key as published before its revocation, its revocation certificate, and the key revoked.
"${gpg[@]}" --quick-gen-key "Revoked Key <revoked@example.org>" ed25519 sign,cert never
revoked=$(fpr revoked@example.org)
gpg --armor --export "$revoked" >"$out/revoked-before.asc"
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/$revoked.rev" | sed -n '/^-----BEGIN/,/^-----END/p' >"$out/revocation.asc"
"${gpg[@]}" --import "$out/revocation.asc"
gpg --armor --export "$revoked" >"$out/revoked.asc"

# A KEYS file as committees publish them: listings and blocks, five keys, the third one corrupted.
{
    echo "This file contains the PGP keys of the developers who sign releases."
    echo
    for f in rsa4096 ed25519-subkey corrupted expired subkey-expired; do
        if [ "$f" = corrupted ]; then
            "${gpg[@]}" --quick-gen-key "Broken Block <broken@example.org>" ed25519 sign,cert never
            gpg --armor --export broken@example.org | awk 'NR == 5 { $0 = "AAAA" substr($0, 5) } { print }'
        else
            gpg --list-keys --keyid-format long "$(gpg --with-colons --show-keys "$out/$f.asc" | awk -F: '/^fpr/ {print $10; exit}')"
            cat "$out/$f.asc"
        fi
        echo
    done
} >"$out/KEYS"
echo "rsa4096 $rita"
echo "ed25519-subkey $carl"
echo "subkey-expired $sub"
echo "revoked $revoked"
gpg --with-colons --show-keys "$out/expired.asc" | awk -F: '/^fpr/ {print "expired " $10; exit}'
