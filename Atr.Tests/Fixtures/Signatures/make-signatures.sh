#!/usr/bin/env bash
# Regenerates the OpenPGP signature fixtures of the signature tests with GnuPG (the files beside this script are its
# output; rerun it only to replace them, then update the fingerprints the tests expect).
#   bash Atr.Tests/Fixtures/Signatures/make-signatures.sh
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
export GNUPGHOME="$tmp/gnupg"
mkdir -m 700 "$GNUPGHOME"
trap 'gpgconf --kill all; rm -rf "$tmp"' EXIT
gpg=(gpg --batch --quiet --pinentry-mode loopback --passphrase '')
fpr() { gpg --with-colons --list-keys "$1" | awk -F: '/^fpr/ {print tolower($10); exit}'; }
subfpr() { gpg --with-colons --list-keys "$1" | awk -F: '/^sub/ {s = 1} s && /^fpr/ {print tolower($10); exit}'; }
archive=apache-widget-1.0.0-src.tar.gz
sign() { "${gpg[@]}" --armor --detach-sign --yes --output "$out/$archive.$1.asc" "${@:2}" "$out/$archive"; }

# A small source release archive, made the same way every time.
mkdir -p "$tmp/src/apache-widget-1.0.0"
printf 'Apache Widget 1.0.0\n\nA widget for the signature tests.\n' >"$tmp/src/apache-widget-1.0.0/README"
printf 'Licensed under the Apache License, Version 2.0.\n' >"$tmp/src/apache-widget-1.0.0/LICENSE"
tar -C "$tmp/src" --sort=name --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner --mode='u=rwX,go=rX' \
    -cf - apache-widget-1.0.0 | gzip -n >"$out/$archive"

# RSA 4096 that signs and certifies, never expires.
"${gpg[@]}" --quick-gen-key "Rita Manager <rita@apache.org>" rsa4096 sign,cert never
rita=$(fpr rita@apache.org)
gpg --armor --export "$rita" >"$out/rsa.key.asc"

# Ed25519 primary that only certifies, with an Ed25519 signing subkey.
"${gpg[@]}" --quick-gen-key "Carl Committer <carl@apache.org>" ed25519 cert never
carl=$(fpr carl@apache.org)
"${gpg[@]}" --quick-add-key "$carl" ed25519 sign never
carlsub=$(subfpr "$carl")
gpg --armor --export "$carl" >"$out/ed25519.key.asc"

# ECDSA (NIST P-256) and DSA (2048 bits), both signing and certifying: the other public-key algorithms.
"${gpg[@]}" --quick-gen-key "Erin Elliptic <erin@apache.org>" nistp256 sign,cert never
erin=$(fpr erin@apache.org)
gpg --armor --export "$erin" >"$out/ecdsa.key.asc"
"${gpg[@]}" --quick-gen-key "Dave Discrete <dave@apache.org>" dsa2048 sign,cert never
dave=$(fpr dave@apache.org)
gpg --armor --export "$dave" >"$out/dsa.key.asc"

# A key made in 2020 that expired after a year.
"${gpg[@]}" --faked-system-time 20200101T000000! --quick-gen-key "Old Key <old@example.org>" ed25519 sign,cert 1y
old=$(fpr old@example.org)
gpg --armor --export "$old" >"$out/expired.key.asc"

# A key revoked after it signed (the signature is made below, before the revocation is imported).
"${gpg[@]}" --quick-gen-key "Revoked Key <revoked@example.org>" ed25519 sign,cert never
revoked=$(fpr revoked@example.org)

# A key no committee knows.
"${gpg[@]}" --quick-gen-key "Stranger <stranger@example.org>" ed25519 sign,cert never
stranger=$(fpr stranger@example.org)
gpg --armor --export "$stranger" >"$out/unknown.key.asc"

# The detached signatures of the archive.
sign rsa --local-user "$rita" --digest-algo SHA512
sign ed25519 --local-user "$carlsub!" --digest-algo SHA512
sign ecdsa --local-user "$erin" --digest-algo SHA256
sign ecdsa-sha384 --local-user "$erin" --digest-algo SHA384
sign dsa --local-user "$dave" --digest-algo SHA256
sign expired --local-user "$old" --digest-algo SHA512 --faked-system-time 20200601T000000!
sign revoked --local-user "$revoked" --digest-algo SHA512
sign sha1 --local-user "$rita" --digest-algo SHA1 --allow-weak-digest-algos
sign unknown --local-user "$stranger" --digest-algo SHA512
sign text --local-user "$rita" --digest-algo SHA512 --textmode

# Revoke the revoked key, then publish it.
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/${revoked^^}.rev" | sed -n '/^-----BEGIN/,/^-----END/p' \
    | "${gpg[@]}" --import
gpg --armor --export "$revoked" >"$out/revoked.key.asc"

echo "rsa $rita"
echo "ed25519 $carl"
echo "ed25519-subkey $carlsub"
echo "ecdsa $erin"
echo "dsa $dave"
echo "expired $old"
echo "revoked $revoked"
echo "unknown $stranger"
