#!/usr/bin/env bash
# Regenerates the "wild" OpenPGP fixtures: a KEYS file holding the odd things genuine Apache KEYS files hold, what
# GnuPG 2.2 makes of it, and detached signatures that come several to a file or in old packet versions (the files
# beside this script are its output; rerun it only to replace them, then update what the tests expect).
#   bash Atr.Tests/Fixtures/Wild/make-wild.sh
# Needs gpg (GnuPG 2.2), gpg1 (GnuPG 1.4) and python3. packets.py beside this script makes the packets GnuPG will
# not: version 2 and 3 certifications, a version 3 key, an unknown algorithm, unsigned and broken user ids.
# Every key is new on each run, so every fingerprint changes; the .txt, .expected and .md files record them.
set -euo pipefail
out=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
# One home for GnuPG 2.2, one for GnuPG 1.4 (its own keyring formats), and empty ones to import into. UTC and
# UTF-8 output, whoever runs this (checks of Latin-1 octets run grep with LC_ALL=C, to match octets).
export GNUPGHOME="$tmp/gnupg" TZ=UTC LC_ALL=C.UTF-8
gnupg1="$tmp/gnupg1" fresh="$tmp/fresh" stepwise="$tmp/stepwise" verifying="$tmp/verifying"
mkdir -m 700 "$GNUPGHOME" "$gnupg1" "$fresh" "$tmp/verbose" "$stepwise" "$verifying" "$tmp/blocks"
trap 'for h in "$GNUPGHOME" "$fresh" "$tmp/verbose" "$stepwise" "$verifying"; do GNUPGHOME=$h gpgconf --kill all; done; rm -rf "$tmp"' EXIT
gpg=(gpg --batch --quiet --pinentry-mode loopback --passphrase '')
# --emit-version: GnuPG 1.4 wrote "Version: GnuPG v1" into its armour, as in most old KEYS files.
gpg1=(gpg1 --homedir "$gnupg1" --batch --quiet --emit-version)
packets() { python3 "$out/packets.py" "$@"; }
fpr() { gpg --with-colons --list-keys "$1" | awk -F: '/^fpr/ {print tolower($10); exit}'; }
fpr1() { "${gpg1[@]}" --with-colons --fingerprint "$1" | awk -F: '/^fpr/ {print tolower($10); exit}'; }
created1() { "${gpg1[@]}" --with-colons --fixed-list-mode --list-keys "$1" | awk -F: '/^pub/ {print $6; exit}'; }
# gen1 [GPG1-OPTION...] -- PARAMETER...: a key made by GnuPG 1.4 from batch parameters. GnuPG 1.4 has no
# --faked-system-time; a Creation-Date parameter dates the key and its self-signatures.
gen1() {
    local options=()
    while [ "$1" != -- ]; do options+=("$1"); shift; done
    shift
    printf '%s\n' "$@" '%commit' | "${gpg1[@]}" "${options[@]}" --gen-key 2>/dev/null
}
# Secret keys leave gpg unencrypted (they have no passphrase), so that packets.py can sign with them.
secret() { "${gpg[@]}" --export-secret-keys "$1" >"$2"; }
secret1() { "${gpg1[@]}" --export-secret-keys "$1" >"$2"; }

# The KEYS file is put together one block at a time: each block is a listing, as its owner's gpg printed it, then
# its armour. The blocks are also kept apart, to import them one by one for the table in KEYS-wild.md.
keys="$out/KEYS-wild"
blocks=()
block() { # block NAME PROPERTY ARMOUR-FILE LISTING-FILE
    blocks+=("$1")
    printf '%s\n' "$2" >"$tmp/blocks/$1.what"
    cp "$3" "$tmp/blocks/$1.asc"
    { cat "$4"; cat "$3"; echo; } >>"$keys"
}
cat >"$keys" <<'EOF'
This file contains the PGP keys of various developers who sign Apache Widget releases.

Users:
    pgp < KEYS
or
    gpg --import KEYS

Developers:
    pgp -kxa <your name> and append it to this file.
or
    (gpg --list-sigs <your name> && gpg --armor --export <your name>) >> this file.

EOF

# (l) A plain Ed25519 key, nothing odd about it.
"${gpg[@]}" --quick-gen-key "Paula Plain <paula@example.org>" ed25519 sign,cert never
paula=$(fpr paula@example.org)
gpg --list-sigs --keyid-format long "$paula" >"$tmp/paula.txt"
gpg --armor --export "$paula" >"$tmp/paula.asc"
block plain "(l) a plain Ed25519 key" "$tmp/paula.asc" "$tmp/paula.txt"

# (a) A modern RSA key whose user id 300 other keys certified, as a key signed at many key signing parties is.
# The signers are Ed25519 keys (their certifications are small) and are not in the KEYS file, as usual.
{
    echo '%no-protection'
    for i in $(seq -w 1 300); do
        printf '%s\n' 'Key-Type: EdDSA' 'Key-Curve: ed25519' 'Key-Usage: cert' "Name-Real: Signer $i" \
            "Name-Email: signer$i@example.org" 'Expire-Date: 0' '%commit'
    done
} >"$tmp/signers.params"
"${gpg[@]}" --gen-key "$tmp/signers.params"
signers=()
for f in $(gpg --with-colons --list-keys Signer | awk -F: '/^pub/ {p = 1} p && /^fpr/ {print $10; p = 0}'); do
    signers+=(--local-user "$f!")
done
[ ${#signers[@]} -eq 600 ]
"${gpg[@]}" --quick-gen-key "Ursula Popular <ursula@example.org>" rsa3072 sign,cert never
ursula=$(fpr ursula@example.org)
# Exportable certifications (not --quick-lsign-key), one by each --local-user.
"${gpg[@]}" "${signers[@]}" --quick-sign-key "$ursula" >/dev/null
gpg --list-sigs --keyid-format long "$ursula" >"$tmp/ursula.txt"
gpg --armor --export "$ursula" >"$tmp/ursula.asc"
[ "$(gpg --export "$ursula" | gpg --list-packets | grep -c 'sigclass 0x10')" -eq 300 ]
block popular "(a) an RSA key with 300 third-party certifications" "$tmp/ursula.asc" "$tmp/ursula.txt"

# The GnuPG 1.4 keys of the 2000s: used below as signers, and put in the file further down.
# (j) DSA-1024 with an Elgamal encryption subkey, GnuPG's default of those years; its self-signatures use SHA-1
# (a 160-bit DSA key can use no other hash).
gen1 -- 'Key-Type: DSA' 'Key-Length: 1024' 'Subkey-Type: ELG-E' 'Subkey-Length: 2048' 'Name-Real: Dora Dsa' \
    'Name-Email: dora@example.org' 'Expire-Date: 0' 'Creation-Date: 20090101T000000'
dora=$(fpr1 dora@example.org)
[ "$("${gpg1[@]}" --export "$dora" | gpg --list-packets | grep -c 'digest algo 2,')" -eq 2 ]
# An RSA key made by GnuPG 1.4, which signs the version 3 certifications and signatures below.
gen1 -- 'Key-Type: RSA' 'Key-Length: 2048' 'Name-Real: Rhea Rsa' 'Name-Email: rhea@example.org' 'Expire-Date: 0' \
    'Creation-Date: 20100101T000000'
rhea=$(fpr1 rhea@example.org)
# (k) The RSA numbers of a PGP 2.x key: GnuPG 1.4 makes them, packets.py turns them into a version 3 key.
gen1 -- 'Key-Type: RSA' 'Key-Length: 1024' 'Name-Real: Percy Pgp' 'Name-Email: percy@example.org' 'Expire-Date: 0' \
    'Creation-Date: 19980101T000000'
percy=$(fpr1 percy@example.org)
secret1 "$dora" "$tmp/dora.sec"
secret1 "$rhea" "$tmp/rhea.sec"
secret1 "$percy" "$tmp/percy.sec"

# (b) A key certified with version 3 signatures, and one version 2 signature. GnuPG 1.4 will not make them:
# --force-v3-sigs covers data signatures only, and a certification by or of a version 4 key is always version 4
# (make_keysig_packet in its g10/sign.c). packets.py makes them with the secret keys instead, with the times and
# hashes of their day: by the PGP 2.x key (MD5, 1998's way), by the DSA key (SHA-1) and by the RSA key (SHA-1), then
# one more by the RSA key whose version octet becomes 2. A version 3 signature does not hash its version octet, so
# the version 2 one is as valid as it was (KEYS-wild.md has what GnuPG 2.2 says of each).
"${gpg[@]}" --faked-system-time 20090601T000000! --quick-gen-key "Bea Bridges <bea@example.org>" rsa2048 sign,cert never
bea=$(fpr bea@example.org)
gpg --export "$bea" >"$tmp/bea.gpg"
packets v3-cert "$tmp/bea.gpg" "$tmp/percy.sec" "$tmp/bea.gpg" MD5 "$(date -d 2009-07-01 +%s)" --signer-v3
packets v3-cert "$tmp/bea.gpg" "$tmp/dora.sec" "$tmp/bea.gpg" SHA1 "$(date -d 2009-08-01 +%s)"
packets v3-cert "$tmp/bea.gpg" "$tmp/rhea.sec" "$tmp/bea.gpg" SHA1 "$(date -d 2010-02-01 +%s)"
packets v3-cert "$tmp/bea.gpg" "$tmp/rhea.sec" "$tmp/bea.gpg" SHA256 "$(date -d 2011-02-01 +%s)"
packets set-sig-version "$tmp/bea.gpg" "$tmp/bea.gpg" 3 2
[ "$(gpg --list-packets "$tmp/bea.gpg" | grep -c 'version 3, created')" -eq 3 ]
[ "$(gpg --list-packets "$tmp/bea.gpg" | grep -c 'version 2, created')" -eq 1 ]
"${gpg[@]}" --import "$tmp/bea.gpg" 2>/dev/null
gpg --list-sigs --keyid-format long "$bea" >"$tmp/bea.txt"
packets armor "$tmp/bea.gpg" "$tmp/bea.asc" "PUBLIC KEY BLOCK"
block v3-certs "(b) version 3 certifications (MD5 by a version 3 key, SHA-1 by DSA and RSA keys) and a version 2 one" \
    "$tmp/bea.asc" "$tmp/bea.txt"

# (c) A key with a photo id: a user attribute packet holding a tiny JPEG (8x8 grey, made by packets.py).
packets jpeg "$tmp/photo.jpg"
"${gpg[@]}" --quick-gen-key "Pia Photo <pia@example.org>" ed25519 sign,cert never
pia=$(fpr pia@example.org)
printf '%s\n' addphoto "$tmp/photo.jpg" save \
    | "${gpg[@]}" --command-fd 0 --photo-viewer 'cat >/dev/null' --edit-key "$pia" >/dev/null
gpg --export "$pia" | gpg --list-packets | grep -q 'attribute packet: \[jpeg image of size 159\]'
gpg --list-sigs --keyid-format long "$pia" >"$tmp/pia.txt"
gpg --armor --export "$pia" >"$tmp/pia.asc"
block photo "(c) a photo id (user attribute packet with a JPEG)" "$tmp/pia.asc" "$tmp/pia.txt"

# (d) A key with a user id that has no self-signature at all, and one whose self-signature has a flipped octet in
# its signature MPI (its hash's left 16 bits still match; only the signature check fails).
"${gpg[@]}" --quick-gen-key "Dana Damaged <dana@example.org>" ed25519 sign,cert never
dana=$(fpr dana@example.org)
"${gpg[@]}" --quick-add-uid "$dana" "Dana Unsigned <dana@unsigned.example.org>"
"${gpg[@]}" --quick-add-uid "$dana" "Dana Broken <dana@broken.example.org>"
gpg --list-sigs --keyid-format long "$dana" >"$tmp/dana.txt"
gpg --export "$dana" >"$tmp/dana.gpg"
packets drop-uid-sigs "$tmp/dana.gpg" "$tmp/dana.gpg" "Dana Unsigned <dana@unsigned.example.org>"
packets flip-uid-sig "$tmp/dana.gpg" "$tmp/dana.gpg" "Dana Broken <dana@broken.example.org>"
packets armor "$tmp/dana.gpg" "$tmp/dana.asc" "PUBLIC KEY BLOCK"
block damaged-uids "(d) a user id without self-signature and one with a corrupted self-signature" \
    "$tmp/dana.asc" "$tmp/dana.txt"

# (e) A key from 2019 with a signing subkey that expired (2020 + 1 year), a signing subkey revoked in 2022, and an
# encryption subkey that is fine.
"${gpg[@]}" --faked-system-time 20190101T000000! --quick-gen-key "Sam Subkeys <sam@example.org>" ed25519 cert never
sam=$(fpr sam@example.org)
"${gpg[@]}" --faked-system-time 20200101T000000! --quick-add-key "$sam" ed25519 sign 1y
"${gpg[@]}" --faked-system-time 20210101T000000! --quick-add-key "$sam" ed25519 sign never
"${gpg[@]}" --faked-system-time 20210101T000000! --quick-add-key "$sam" cv25519 encr never
printf '%s\n' 'key 2' revkey y 1 'Lost the laptop' '' y save \
    | "${gpg[@]}" --faked-system-time 20220101T000000! --command-fd 0 --edit-key "$sam" >/dev/null 2>&1
gpg --export "$sam" | gpg --list-packets | grep -q 'sigclass 0x28'
gpg --list-sigs --keyid-format long "$sam" >"$tmp/sam.txt"
gpg --armor --export "$sam" >"$tmp/sam.asc"
block subkeys "(e) an expired signing subkey, a revoked signing subkey, a good encryption subkey" \
    "$tmp/sam.asc" "$tmp/sam.txt"

# (f) An RSA key with, between its packets: a marker packet (tag 10) after the primary key, a trust packet
# (tag 12) after the user id and at the end, a packet of unknown tag 60 (new format header), and a subkey of unknown
# public-key algorithm 100 (new format header with a 5-octet length) whose binding signature is valid.
"${gpg[@]}" --quick-gen-key "Fiona Future <fiona@example.org>" rsa2048 sign,cert never
fiona=$(fpr fiona@example.org)
gpg --list-sigs --keyid-format long "$fiona" >"$tmp/fiona.txt"
gpg --export "$fiona" >"$tmp/fiona.gpg"
secret "$fiona" "$tmp/fiona.sec"
packets wild-parts "$tmp/fiona.gpg" "$tmp/fiona.sec" "$tmp/fiona.gpg" "$(date +%s)"
[ "$(packets list "$tmp/fiona.gpg" | awk '{print $3}' | paste -sd ' ')" \
    = "tag=6 tag=10 tag=13 tag=12 tag=2 tag=60 tag=14 tag=2 tag=12" ]
packets armor "$tmp/fiona.gpg" "$tmp/fiona.asc" "PUBLIC KEY BLOCK"
block unknown-parts "(f) marker, trust and unknown tag 60 packets, a subkey of unknown algorithm 100" \
    "$tmp/fiona.asc" "$tmp/fiona.txt"

# (g) Three keys in one armour block.
trio=()
for name in One Two Three; do
    "${gpg[@]}" --quick-gen-key "Trio $name <trio.${name,,}@example.org>" ed25519 sign,cert never
    trio+=("$(fpr "trio.${name,,}@example.org")")
done
gpg --list-sigs --keyid-format long "${trio[@]}" >"$tmp/trio.txt"
gpg --armor --export "${trio[@]}" >"$tmp/trio.asc"
block three-keys "(g) three keys in one armour block" "$tmp/trio.asc" "$tmp/trio.txt"

# (h) The same key twice: as first published in 2021 (one user id, to expire in 2031), and again at the end of the
# file as republished in 2023 (a second user id, and newer self-signatures that take the expiry away).
"${gpg[@]}" --faked-system-time 20210101T000000! --quick-gen-key "Hugo Twice <hugo@example.org>" ed25519 sign,cert 10y
hugo=$(fpr hugo@example.org)
gpg --list-sigs --keyid-format long "$hugo" >"$tmp/hugo1.txt"
gpg --armor --export "$hugo" >"$tmp/hugo1.asc"
"${gpg[@]}" --faked-system-time 20230101T000000! --quick-add-uid "$hugo" "Hugo Twice <hugo@apache.org>"
"${gpg[@]}" --faked-system-time 20230201T000000! --quick-set-expire "$hugo" never
gpg --list-sigs --keyid-format long "$hugo" >"$tmp/hugo2.txt"
gpg --armor --export "$hugo" >"$tmp/hugo2.asc"
block twice-first "(h) a key, as first published (one user id, expires 2031)" "$tmp/hugo1.asc" "$tmp/hugo1.txt"

# (i) A revoked primary key, published after its owner imported the revocation certificate gpg made for it.
"${gpg[@]}" --faked-system-time 20200101T000000! --quick-gen-key "Rory Revoked <rory@example.org>" ed25519 sign,cert never
rory=$(fpr rory@example.org)
sed 's/^:-----BEGIN/-----BEGIN/' "$GNUPGHOME/openpgp-revocs.d/${rory^^}.rev" | sed -n '/^-----BEGIN/,/^-----END/p' \
    | "${gpg[@]}" --import
gpg --list-sigs --keyid-format long "$rory" >"$tmp/rory.txt"
gpg --armor --export "$rory" >"$tmp/rory.asc"
block revoked "(i) a revoked primary key" "$tmp/rory.asc" "$tmp/rory.txt"

# (j) The GnuPG 1.4 keys, listed the way GnuPG 1.4 listed them.
"${gpg1[@]}" --fingerprint --list-sigs "$dora" >"$tmp/dora.txt"
"${gpg1[@]}" --armor --export "$dora" >"$tmp/dora.asc"
block dsa-elgamal "(j) DSA-1024 + Elgamal-2048 made by GnuPG 1.4, SHA-1 self-signatures" "$tmp/dora.asc" "$tmp/dora.txt"
"${gpg1[@]}" --fingerprint --list-sigs "$rhea" >"$tmp/rhea.txt"
"${gpg1[@]}" --armor --export "$rhea" >"$tmp/rhea.asc"
block gpg1-rsa "(j) RSA-2048 made by GnuPG 1.4 (signer of the version 2 and 3 signatures)" "$tmp/rhea.asc" "$tmp/rhea.txt"
# An RSA key whose only self-signature uses MD5 (GnuPG 1.4 still makes them when asked).
gen1 --cert-digest-algo MD5 -- 'Key-Type: RSA' 'Key-Length: 1024' 'Name-Real: Mona Md5' \
    'Name-Email: mona@example.org' 'Expire-Date: 0' 'Creation-Date: 20050101T000000'
mona=$(fpr1 mona@example.org)
"${gpg1[@]}" --fingerprint --list-sigs "$mona" >"$tmp/mona.txt"
"${gpg1[@]}" --armor --export "$mona" >"$tmp/mona.asc"
[ "$(gpg --list-packets "$tmp/mona.asc" | grep -c 'digest algo 1,')" -eq 1 ]
block md5-only "(j) an RSA key whose only self-signature uses MD5 (GnuPG 1.4, --cert-digest-algo MD5)" \
    "$tmp/mona.asc" "$tmp/mona.txt"

# (k) A PGP 2.x style version 3 RSA key with a version 3 MD5 self-signature. The signature is valid: GnuPG 1.4
# checks it (with MD5 allowed) before the key goes in. PGP 2.6 wrote old format headers and its own Version line.
packets v3-key "$tmp/percy.sec" "$tmp/percy-v3.gpg" "Percy Pgp <percy@example.org>" "$(created1 "$percy")"
"${gpg1[@]}" --yes --delete-secret-and-public-key "$percy"
"${gpg1[@]}" --allow-weak-digest-algos --import "$tmp/percy-v3.gpg" 2>/dev/null
"${gpg1[@]}" --allow-weak-digest-algos --with-colons --check-sigs percy@example.org | grep -q '^sig:!:'
"${gpg1[@]}" --fingerprint --list-sigs percy@example.org >"$tmp/percy.txt"
packets armor "$tmp/percy-v3.gpg" "$tmp/percy.asc" "PUBLIC KEY BLOCK" --header "Version: 2.6.3i"
block v3-key "(k) a version 3 (PGP 2.x) RSA key with a valid version 3 MD5 self-signature" \
    "$tmp/percy.asc" "$tmp/percy.txt"

# (m) Latin-1: a key with a UTF-8 user id listed by a gpg whose terminal spoke ISO-8859-1 (so the listing between
# the blocks holds Latin-1 octets), and a GnuPG 1.4 key whose user id itself is Latin-1 octets (1.4 stores batch
# parameters as given, without converting them to UTF-8).
"${gpg[@]}" --utf8-strings --quick-gen-key "$(printf 'J\xc3\xb6rg M\xc3\xbcller <joerg@example.org>')" ed25519 sign,cert never
joerg=$(fpr joerg@example.org)
gpg --display-charset iso-8859-1 --list-sigs --keyid-format long "$joerg" >"$tmp/joerg.txt"
LC_ALL=C grep -q "$(printf 'J\xf6rg M\xfcller')" "$tmp/joerg.txt"
gpg --armor --export "$joerg" >"$tmp/joerg.asc"
block latin1-listing "(m) Latin-1 octets in the listing before the block (the key's user id is UTF-8)" \
    "$tmp/joerg.asc" "$tmp/joerg.txt"
gen1 --charset iso-8859-1 -- 'Key-Type: RSA' 'Key-Length: 1024' "$(printf 'Name-Real: Fran\xe7ois Lef\xe8vre')" \
    'Name-Email: francois@example.org' 'Expire-Date: 0' 'Creation-Date: 20060101T000000'
francois=$(fpr1 francois@example.org)
"${gpg1[@]}" --export "$francois" | LC_ALL=C grep -q "$(printf 'Fran\xe7ois Lef\xe8vre')"
"${gpg1[@]}" --fingerprint --list-sigs "$francois" >"$tmp/francois.txt"
"${gpg1[@]}" --armor --export "$francois" >"$tmp/francois.asc"
block latin1-uid "(m) a user id in Latin-1 octets, not UTF-8 (GnuPG 1.4)" "$tmp/francois.asc" "$tmp/francois.txt"

# (m) Armour oddities, each on a plain Ed25519 key: CRLF line ends (listing and armour, as pasted on Windows), a
# Comment header, and no CRC-24 line.
"${gpg[@]}" --quick-gen-key "Carl Crlf <carl@example.org>" ed25519 sign,cert never
carl=$(fpr carl@example.org)
gpg --list-sigs --keyid-format long "$carl" | sed 's/$/\r/' >"$tmp/carl.txt"
gpg --armor --export "$carl" | sed 's/$/\r/' >"$tmp/carl.asc"
block crlf "(m) CRLF line ends" "$tmp/carl.asc" "$tmp/carl.txt"
"${gpg[@]}" --quick-gen-key "Cora Comment <cora@example.org>" ed25519 sign,cert never
cora=$(fpr cora@example.org)
gpg --list-sigs --keyid-format long "$cora" >"$tmp/cora.txt"
gpg --armor --comment "Cora's release signing key" --export "$cora" >"$tmp/cora.asc"
grep -q '^Comment: ' "$tmp/cora.asc"
block comment "(m) a Comment: armour header" "$tmp/cora.asc" "$tmp/cora.txt"
"${gpg[@]}" --quick-gen-key "Nico Nocrc <nico@example.org>" ed25519 sign,cert never
nico=$(fpr nico@example.org)
gpg --list-sigs --keyid-format long "$nico" >"$tmp/nico.txt"
gpg --armor --export "$nico" | sed '/^=[A-Za-z0-9+\/]\{4\}$/d' >"$tmp/nico.asc"
! grep -q '^=' "$tmp/nico.asc"
block no-crc "(m) armour without its CRC-24 line" "$tmp/nico.asc" "$tmp/nico.txt"

block twice-again "(h) the same key again, republished (a second user id, a newer self-signature without expiry)" \
    "$tmp/hugo2.asc" "$tmp/hugo2.txt"

# What GnuPG 2.2 makes of the whole file: its messages (plain, and with -v, which tells which user ids and
# subkeys it dropped), the keys it took, and their details. Paths of the throw-away home read $GNUPGHOME; the
# lines -v prints about starting gpg-agent (and how long it waited) are left out.
scrub() { sed "s|$1|\$GNUPGHOME|g" | grep -v -e 'gpg-agent' -e 'agent to come up' -e 'connection to agent' || true; }
GNUPGHOME=$fresh gpg --batch --import "$keys" 2>&1 | scrub "$fresh" >"$out/KEYS-wild.gpg-import.txt"
GNUPGHOME=$tmp/verbose gpg --batch -v --import "$keys" 2>&1 | scrub "$tmp/verbose" >"$out/KEYS-wild.gpg-import-verbose.txt"
GNUPGHOME=$fresh gpg --with-colons --list-keys 2>/dev/null >"$out/KEYS-wild.gpg-colons.txt"
GNUPGHOME=$fresh gpg --with-colons --check-sigs 2>/dev/null >"$out/KEYS-wild.gpg-check-sigs.txt"
awk -F: '/^pub/ {p = 1} p && /^fpr/ {print tolower($10); p = 0}' "$out/KEYS-wild.gpg-colons.txt" >"$out/KEYS-wild.expected"

# GnuPG 1.4, which still reads version 3 keys and (when allowed) MD5, takes the file as proof that packets.py signs
# correctly: the five signatures on block 3's user id (one of them by the version 3 key) must all check.
mkdir -m 700 "$tmp/gnupg1-check"
gpg1 --homedir "$tmp/gnupg1-check" --batch --allow-weak-digest-algos --import "$keys" >/dev/null 2>&1 || true
[ "$(gpg1 --homedir "$tmp/gnupg1-check" --batch --allow-weak-digest-algos --check-sigs "$bea" 2>/dev/null \
    | grep -c '^sig!')" -eq 5 ]

# KEYS-wild.md: each block imported on its own with -v, in order, into one home, to tell what GnuPG said about
# which (without the lines that say nothing of the block: its listing of the key, trust database chatter, and the
# counts, but for the count of skipped PGP-2 keys, all it says of a version 3 key).
{
    echo "# KEYS-wild"
    echo
    echo "Made by make-wild.sh with $(gpg --version | head -1) and $(gpg1 --version | head -1). The blocks, in"
    echo "the order of the file (letters as in the script); the fingerprints are those of the primary keys in the"
    echo "block (32 hex digits: a version 3 key's MD5 fingerprint), and GnuPG's messages are those of"
    echo "\`gpg -v --import\` for that block alone, after the blocks before it. KEYS-wild.expected lists the"
    echo "$(wc -l <"$out/KEYS-wild.expected") primary keys GnuPG 2.2 took from the whole file; KEYS-wild.gpg-import.txt and"
    echo "KEYS-wild.gpg-import-verbose.txt are its messages for the whole file, KEYS-wild.gpg-colons.txt and"
    echo "KEYS-wild.gpg-check-sigs.txt what it then listed (--with-colons --list-keys, --check-sigs)."
    echo
    echo "| # | block | what it exercises | fingerprint | gpg 2.2 said |"
    echo "| --- | --- | --- | --- | --- |"
    n=0
    for name in "${blocks[@]}"; do
        n=$((n + 1))
        packets dearmor "$tmp/blocks/$name.asc" "$tmp/blocks/$name.gpg"
        fprs=$(packets fingerprints "$tmp/blocks/$name.gpg" | sed 's/.*/`&`/' | paste -sd ' ')
        said=$(GNUPGHOME=$stepwise gpg --batch -v --import "$tmp/blocks/$name.asc" 2>&1 | scrub "$stepwise" \
            | grep -v -e '^gpg: pub ' -e 'keybox .* created' -e 'trustdb' -e 'trust model' -e 'keys processed' \
                -e 'no ultimately trusted keys' -e 'Total number processed' -e '^gpg: *[a-zA-Z /]*: *[0-9]*$' \
            | sed 's/^gpg: *//; s/|/\\|/g' | paste -sd ';' | sed 's/;/; /g')
        echo "| $n | $name | $(cat "$tmp/blocks/$name.what") | $fprs | ${said:-(nothing)} |"
    done
    echo
    echo "Block 3's certifications, as GnuPG 2.2 checked them after importing the whole file (\`!\` good, \`?\` no"
    echo "key to check it with: the version 3 key of block 14 was refused). GnuPG 1.4 with"
    echo "--allow-weak-digest-algos, which keeps version 3 keys, finds all five good (make-wild.sh checks it):"
    echo
    echo "| signer key id | signature version | hash | made | gpg --check-sigs |"
    echo "| --- | --- | --- | --- | --- |"
    gpg --list-packets "$tmp/bea.gpg" | awk '
        /^:signature packet:/ {keyid = $NF}
        /^\tversion [0-9]+, created/ {version = $2 + 0; created = $4 + 0}
        /^\tdigest algo/ {print keyid, version, created, $3 + 0}' \
        | while read -r keyid version created hash; do
            check=$(GNUPGHOME=$fresh gpg --with-colons --check-sigs "$bea" 2>/dev/null \
                | awk -F: -v k="$keyid" -v t="$created" '$1 == "sig" && $5 == k && $6 == t {print $2}')
            case $hash in 1) hash=MD5 ;; 2) hash=SHA-1 ;; 8) hash=SHA-256 ;; 10) hash=SHA-512 ;; esac
            echo "| $keyid | $version | $hash | $(date -u -d "@$created" +%F) | \`$check\` |"
        done
} >"$out/KEYS-wild.md"

# Signatures over one small release archive, made as make-signatures.sh makes it (the same octets).
sigs="$out/signatures"
mkdir -p "$sigs"
archive=apache-widget-1.0.0-src.tar.gz
mkdir -p "$tmp/src/apache-widget-1.0.0"
printf 'Apache Widget 1.0.0\n\nA widget for the signature tests.\n' >"$tmp/src/apache-widget-1.0.0/README"
printf 'Licensed under the Apache License, Version 2.0.\n' >"$tmp/src/apache-widget-1.0.0/LICENSE"
tar -C "$tmp/src" --sort=name --mtime='2026-01-01 00:00:00' --owner=0 --group=0 --numeric-owner --mode='u=rwX,go=rX' \
    -cf - apache-widget-1.0.0 | gzip -n >"$sigs/$archive"
printf 'Not the release archive.\n' >"$tmp/other"

# Three signers of different algorithms, and one nobody was told about.
"${gpg[@]}" --quick-gen-key "Alma Rsa <alma@example.org>" rsa2048 sign,cert never
"${gpg[@]}" --quick-gen-key "Bert Ed <bert@example.org>" ed25519 sign,cert never
"${gpg[@]}" --quick-gen-key "Cleo Nist <cleo@example.org>" nistp256 sign,cert never
"${gpg[@]}" --quick-gen-key "Otto Outsider <otto@example.org>" ed25519 sign,cert never
alma=$(fpr alma@example.org) bert=$(fpr bert@example.org) cleo=$(fpr cleo@example.org) otto=$(fpr otto@example.org)
gpg --armor --export "$alma" "$bert" "$cleo" >"$sigs/multi-keys.asc"
gpg --armor --export "$otto" >"$sigs/outsider.key.asc"
detach() { "${gpg[@]}" --armor --detach-sign --yes --digest-algo SHA512 "$@"; }

# One armour block, three signature packets, one per --local-user.
detach -u "$alma!" -u "$bert!" -u "$cleo!" --output "$sigs/multi3.asc" "$sigs/$archive"
# Two signatures, the second by a key not in multi-keys.asc.
detach -u "$alma!" -u "$otto!" --output "$sigs/multi-unknown.asc" "$sigs/$archive"
# Two signatures in one block: Alma's over the archive, Bert's over other content, so one of them is bad.
detach -u "$alma!" --output "$tmp/good.asc" "$sigs/$archive"
detach -u "$bert!" --output "$tmp/bad.asc" "$tmp/other"
cat <(packets dearmor "$tmp/good.asc" /dev/stdout) <(packets dearmor "$tmp/bad.asc" /dev/stdout) >"$tmp/bad.gpg"
packets armor "$tmp/bad.gpg" "$sigs/multi-bad.asc" SIGNATURE
# Two armour blocks in one file, as `cat alma.asc bert.asc > archive.asc` makes.
detach -u "$bert!" --output "$tmp/bert.asc" "$sigs/$archive"
cat "$tmp/good.asc" "$tmp/bert.asc" >"$sigs/concatenated.asc"
# Version 3 data signatures by GnuPG 1.4's RSA and DSA keys, and the RSA one again with its version octet set to 2.
"${gpg1[@]}" --yes --force-v3-sigs -u "$rhea" --armor --detach-sign --output "$sigs/v3-rsa.asc" "$sigs/$archive"
"${gpg1[@]}" --yes --force-v3-sigs -u "$dora" --armor --detach-sign --output "$sigs/v3-dsa.asc" "$sigs/$archive"
gpg --list-packets "$sigs/v3-rsa.asc" | grep -q 'version 3, created'
gpg --list-packets "$sigs/v3-dsa.asc" | grep -q 'version 3, created'
packets dearmor "$sigs/v3-rsa.asc" "$tmp/v2.gpg"
packets set-sig-version "$tmp/v2.gpg" "$tmp/v2.gpg" 3 2
packets armor "$tmp/v2.gpg" "$sigs/v2-rsa.asc" SIGNATURE --header "Version: GnuPG v1"
"${gpg1[@]}" --armor --export "$rhea" >"$sigs/v3-rsa.key.asc"
"${gpg1[@]}" --armor --export "$dora" >"$sigs/v3-dsa.key.asc"

# What GnuPG 2.2 says of each, with multi-keys.asc and the two version 3 signers' keys imported (not the outsider).
GNUPGHOME=$verifying gpg --batch --quiet --import "$sigs/multi-keys.asc" "$sigs/v3-rsa.key.asc" "$sigs/v3-dsa.key.asc"
{
    echo "# gpg --verify SIGNATURE $archive, by $(gpg --version | head -1), in a home holding the keys of"
    echo "# multi-keys.asc, v3-rsa.key.asc and v3-dsa.key.asc (not outsider.key.asc). Then its --status-fd lines."
    for s in multi3 multi-unknown multi-bad concatenated v3-rsa v3-dsa v2-rsa; do
        set +e
        GNUPGHOME=$verifying gpg --batch --status-fd 3 --verify "$sigs/$s.asc" "$sigs/$archive" \
            2>"$tmp/verify.err" 3>"$tmp/verify.status"
        rc=$?
        set -e
        echo
        echo "== $s.asc: exit code $rc"
        scrub "$verifying" <"$tmp/verify.err"
        echo "-- status"
        cat "$tmp/verify.status"
    done
} >"$sigs/gpg-verify.txt"

ls -l "$out" "$sigs"
