#!/usr/bin/env python3
"""OpenPGP packet surgery for make-wild.sh: the edits GnuPG will not make for us.

Not a general OpenPGP library. Each command reads packets GnuPG exported, changes or adds a few, and writes them
back; packets it does not touch keep their original bytes (header included). What it follows, by RFC 4880 section:
  4.2  packet headers: old format (tag < 16; 1, 2 or 4 length octets) and new format (1, 2 or 5 length octets,
       partial lengths only read);
  3.2  MPIs; 5.5.2 version 3 and 4 public keys; 5.5.3 unencrypted secret keys (how gpg exports a key that has no
       passphrase); 12.2 fingerprints and key ids;
  5.2  version 3 and 4 signatures, 5.2.4 what they hash (a version 3 signature hashes its class and time only,
       never its version octet, which is why version 2 and 3 packets with equal bodies verify alike);
  5.2.2 EMSA-PKCS1-v1_5 for RSA, and FIPS 186 DSA;
  6    ASCII armour and its CRC-24.
Run without arguments for the list of commands.
"""
import base64
import hashlib
import os
import secrets
import sys

# ---------------------------------------------------------------------------------------------------------------
# Packet framing (RFC 4880 4.2)


class Packet:
    def __init__(self, tag, body, fmt, raw=None):
        self.tag, self.body, self.fmt, self.raw = tag, body, fmt, raw

    def bytes(self):
        return self.raw if self.raw is not None else frame(self.tag, self.body, self.fmt)

    def with_body(self, body):
        """The same packet with another body, framed the same way (old or new format)."""
        return Packet(self.tag, body, self.fmt)


def read_packets(data):
    packets, pos = [], 0
    while pos < len(data):
        start, ctb = pos, data[pos]
        pos += 1
        if not ctb & 0x80:
            raise ValueError(f"no packet header at offset {start} (octet {ctb:#04x})")
        if ctb & 0x40:  # new format: the tag is the low six bits, lengths may come in partial chunks
            fmt, tag, body = "new", ctb & 0x3F, b""
            while True:
                first = data[pos]
                pos += 1
                partial = False
                if first < 192:
                    length = first
                elif first < 224:
                    length = ((first - 192) << 8) + data[pos] + 192
                    pos += 1
                elif first == 255:
                    length = int.from_bytes(data[pos:pos + 4], "big")
                    pos += 4
                else:
                    length, partial = 1 << (first & 0x1F), True
                body += data[pos:pos + length]
                pos += length
                if not partial:
                    break
        else:  # old format: tag in bits 5-2, length type in bits 1-0
            fmt, tag, length_type = "old", (ctb >> 2) & 0x0F, ctb & 0x03
            if length_type == 3:
                length = len(data) - pos
            else:
                octets = 1 << length_type
                length = int.from_bytes(data[pos:pos + octets], "big")
                pos += octets
            body = data[pos:pos + length]
            pos += length
        if pos > len(data):
            raise ValueError(f"packet at offset {start} runs past the end")
        packets.append(Packet(tag, body, fmt, data[start:pos]))
    return packets


def frame(tag, body, fmt="old", five_octet_length=False):
    n = len(body)
    if fmt == "old":
        if tag > 15:
            raise ValueError("old format headers hold tags 0 to 15 only")
        if n < 0x100:
            return bytes([0x80 | tag << 2]) + bytes([n]) + body
        if n < 0x10000:
            return bytes([0x80 | tag << 2 | 1]) + n.to_bytes(2, "big") + body
        return bytes([0x80 | tag << 2 | 2]) + n.to_bytes(4, "big") + body
    header = bytes([0xC0 | tag])
    if five_octet_length or n >= 8384:
        return header + b"\xff" + n.to_bytes(4, "big") + body
    if n < 192:
        return header + bytes([n]) + body
    n -= 192
    return header + bytes([(n >> 8) + 192, n & 0xFF]) + body


def join(packets):
    return b"".join(p.bytes() for p in packets)


TAG_SIGNATURE, TAG_SECRET_KEY, TAG_PUBLIC_KEY, TAG_MARKER, TAG_TRUST = 2, 5, 6, 10, 12
TAG_USER_ID, TAG_PUBLIC_SUBKEY, TAG_ATTRIBUTE = 13, 14, 17

# ---------------------------------------------------------------------------------------------------------------
# Armour (RFC 4880 6)


def crc24(data):
    crc = 0xB704CE
    for octet in data:
        crc ^= octet << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def armor(data, kind, headers=(), crc=True, eol="\n"):
    lines = [f"-----BEGIN PGP {kind}-----", *headers, ""]
    text = base64.b64encode(data).decode()
    lines += [text[i:i + 64] for i in range(0, len(text), 64)]
    if crc:
        lines.append("=" + base64.b64encode(crc24(data).to_bytes(3, "big")).decode())
    lines.append(f"-----END PGP {kind}-----")
    return (eol.join(lines) + eol).encode()


def dearmor(text):
    """The packets of every armour block in text, one after the other (checksums checked where present)."""
    out, body, state = b"", [], "outside"
    for line in text.decode("latin-1").splitlines():
        line = line.strip()
        if state == "outside" and line.startswith("-----BEGIN PGP "):
            state, body = "headers", []
        elif state == "headers":
            if not line:
                state = "body"
        elif state == "body":
            if line.startswith("-----END PGP "):
                data = base64.b64decode("".join(l for l in body if not l.startswith("=")))
                sums = [l for l in body if l.startswith("=")]
                if sums and int.from_bytes(base64.b64decode(sums[0][1:]), "big") != crc24(data):
                    raise ValueError("armour checksum mismatch")
                out += data
                state = "outside"
            else:
                body.append(line)
    return out


# ---------------------------------------------------------------------------------------------------------------
# Keys (RFC 4880 3.2, 5.5, 12.2)

PUBLIC_MPIS = {1: 2, 2: 2, 3: 2, 16: 3, 17: 4}  # RSA (n e), Elgamal (p g y), DSA (p q g y)
SECRET_MPIS = {1: 4, 2: 4, 3: 4, 16: 1, 17: 1}  # RSA (d p q u), Elgamal (x), DSA (x)


def mpi(value):
    return value.bit_length().to_bytes(2, "big") + value.to_bytes((value.bit_length() + 7) // 8, "big")


def read_mpis(buf, pos, count):
    values = []
    for _ in range(count):
        bits = int.from_bytes(buf[pos:pos + 2], "big")
        size = (bits + 7) // 8
        values.append(int.from_bytes(buf[pos + 2:pos + 2 + size], "big"))
        pos += 2 + size
    return values, pos


class Key:
    """A version 3 or 4 key (RSA or DSA to sign with), with its secret numbers when read from an unencrypted secret
    key packet."""

    def __init__(self, body, secret=False):
        self.version = body[0]
        self.created = int.from_bytes(body[1:5], "big")
        pos = 7 if self.version < 4 else 5  # a version 3 key has two octets of validity days before the algorithm
        self.algo = body[pos]
        self.secret = None
        if self.algo not in PUBLIC_MPIS:  # an algorithm we cannot sign with (ECC, say): only its fingerprint
            assert not secret and self.version >= 4
            self.public, self.public_body = None, body
            return
        self.public, end = read_mpis(body, pos + 1, PUBLIC_MPIS[self.algo])
        self.public_body = body[:end]
        if secret:
            if body[end] != 0:
                raise ValueError("the secret key is protected; export it without a passphrase")
            self.secret, _ = read_mpis(body, end + 1, SECRET_MPIS[self.algo])

    def hash_prefix(self):
        """What every signature over this key hashes first: 0x99, a two-octet length, the public key body."""
        return b"\x99" + len(self.public_body).to_bytes(2, "big") + self.public_body

    def fingerprint(self):
        if self.version < 4:  # MD5 over the MPI bodies of n and e, without their bit counts
            n, e = self.public
            return hashlib.md5(mpi(n)[2:] + mpi(e)[2:]).digest()
        return hashlib.sha1(self.hash_prefix()).digest()

    def keyid(self):
        if self.version < 4:
            return (self.public[0] & (2**64 - 1)).to_bytes(8, "big")  # the low 64 bits of the modulus
        return self.fingerprint()[-8:]


HASHES = {"MD5": (1, "md5"), "SHA1": (2, "sha1"), "SHA256": (8, "sha256"), "SHA512": (10, "sha512")}
# The ASN.1 DigestInfo prefixes of EMSA-PKCS1-v1_5 (RFC 4880 5.2.2).
DIGEST_INFO = {
    1: bytes.fromhex("3020300c06082a864886f70d020505000410"),
    2: bytes.fromhex("3021300906052b0e03021a05000414"),
    8: bytes.fromhex("3031300d060960864801650304020105000420"),
    10: bytes.fromhex("3051300d060960864801650304020305000440"),
}


def sign_digest(key, hash_algo, digest):
    """The signature MPIs over digest, checked against the public key before they are returned."""
    if key.algo in (1, 3):
        n, e = key.public
        d = key.secret[0]
        size = (n.bit_length() + 7) // 8
        t = DIGEST_INFO[hash_algo] + digest
        encoded = int.from_bytes(b"\x00\x01" + b"\xff" * (size - len(t) - 3) + b"\x00" + t, "big")
        s = pow(encoded, d, n)
        assert pow(s, e, n) == encoded
        return mpi(s)
    if key.algo == 17:
        p, q, g, y = key.public
        x = key.secret[0]
        z = int.from_bytes(digest[:(q.bit_length() + 7) // 8], "big")  # the leftmost bits of the hash, as many as q has
        while True:
            k = secrets.randbelow(q - 1) + 1
            r = pow(g, k, p) % q
            s = pow(k, -1, q) * (z + x * r) % q
            if r and s:
                break
        w = pow(s, -1, q)
        assert pow(g, z * w % q, p) * pow(y, r * w % q, p) % p % q == r
        return mpi(r) + mpi(s)
    raise ValueError(f"cannot sign with public-key algorithm {key.algo}")


def subpacket(kind, data):
    assert len(data) + 1 < 192
    return bytes([len(data) + 1, kind]) + data


def v4_signature(key, sigclass, hash_name, hashed_data, created, extra_hashed=b""):
    """A version 4 signature by key over hashed_data, with creation time and issuer subpackets."""
    hash_algo, hash_lib = HASHES[hash_name]
    hashed_sub = subpacket(2, created.to_bytes(4, "big")) + subpacket(33, b"\x04" + key.fingerprint()) + extra_hashed
    unhashed_sub = subpacket(16, key.keyid())
    head = bytes([4, sigclass, key.algo, hash_algo]) + len(hashed_sub).to_bytes(2, "big") + hashed_sub
    digest = hashlib.new(hash_lib, hashed_data + head + b"\x04\xff" + len(head).to_bytes(4, "big")).digest()
    return head + len(unhashed_sub).to_bytes(2, "big") + unhashed_sub + digest[:2] + sign_digest(key, hash_algo, digest)


def v3_signature(key, sigclass, hash_name, hashed_data, created):
    """A version 3 signature: it hashes the data, then its class and its creation time, nothing else."""
    hash_algo, hash_lib = HASHES[hash_name]
    digest = hashlib.new(hash_lib, hashed_data + bytes([sigclass]) + created.to_bytes(4, "big")).digest()
    return (bytes([3, 5, sigclass]) + created.to_bytes(4, "big") + key.keyid() + bytes([key.algo, hash_algo])
            + digest[:2] + sign_digest(key, hash_algo, digest))


def secret_key(path):
    """The primary key of an unencrypted secret key export (binary)."""
    first = read_packets(open(path, "rb").read())[0]
    assert first.tag == TAG_SECRET_KEY, "expected a secret key export"
    return Key(first.body, secret=True)


def uid_index(packets, uid):
    for i, p in enumerate(packets):
        if p.tag == TAG_USER_ID and p.body == os.fsencode(uid):
            return i
    raise ValueError(f"no user id {uid!r}")


# ---------------------------------------------------------------------------------------------------------------
# Commands


def cmd_armor(src, dst, kind, *options):
    """armor IN OUT KIND [--header 'Name: value']... [--no-crc] [--crlf]: binary packets to one armour block."""
    headers, crc, eol, it = [], True, "\n", iter(options)
    for option in it:
        if option == "--header":
            headers.append(next(it))
        elif option == "--no-crc":
            crc = False
        elif option == "--crlf":
            eol = "\r\n"
        else:
            raise ValueError(f"unknown option {option}")
    open(dst, "wb").write(armor(open(src, "rb").read(), kind, headers, crc, eol))


def cmd_dearmor(src, dst):
    """dearmor IN OUT: the packets of every armour block in IN, as binary."""
    open(dst, "wb").write(dearmor(open(src, "rb").read()))


def cmd_list(src):
    """list IN: one line per packet of a binary file: offset, header format, tag, body length."""
    data, offset = open(src, "rb").read(), 0
    for p in read_packets(data):
        print(f"{offset:6} {p.fmt} tag={p.tag:<2} len={len(p.body)}")
        offset += len(p.bytes())


def cmd_fingerprints(src):
    """fingerprints IN: the fingerprint of every primary key in a binary file, lower case hex (32 digits for a
    version 3 key, 40 for a version 4 one), whether or not GnuPG would accept the key."""
    for p in read_packets(open(src, "rb").read()):
        if p.tag == TAG_PUBLIC_KEY:
            print(Key(p.body).fingerprint().hex())


def cmd_drop_uid_sigs(src, dst, uid):
    """drop-uid-sigs IN OUT UID: remove every signature that follows the user id UID, leaving it unsigned."""
    packets = read_packets(open(src, "rb").read())
    i = uid_index(packets, uid) + 1
    while i < len(packets) and packets[i].tag == TAG_SIGNATURE:
        del packets[i]
    open(dst, "wb").write(join(packets))


def cmd_flip_uid_sig(src, dst, uid):
    """flip-uid-sig IN OUT UID: invert one octet in the middle of the first MPI of UID's first signature."""
    packets = read_packets(open(src, "rb").read())
    i = uid_index(packets, uid) + 1
    body = bytearray(packets[i].body)
    assert packets[i].tag == TAG_SIGNATURE and body[0] == 4
    hashed = int.from_bytes(body[4:6], "big")
    unhashed = int.from_bytes(body[6 + hashed:8 + hashed], "big")
    first_mpi = 8 + hashed + unhashed + 2  # after the two octets of the hash's left 16 bits
    size = (int.from_bytes(body[first_mpi:first_mpi + 2], "big") + 7) // 8
    body[first_mpi + 2 + size // 2] ^= 0xFF  # the left 16 bits still match, so only the real check can fail
    packets[i] = packets[i].with_body(bytes(body))
    open(dst, "wb").write(join(packets))


def cmd_wild_parts(src, seckey, dst, created):
    """wild-parts IN SECKEY OUT TIME: put a marker, trust packets, a packet of unknown tag 60 and a subkey of
    unknown public-key algorithm 100 (bound by a valid signature of the primary key in SECKEY) into the key IN."""
    created = int(created)
    primary = secret_key(seckey)
    packets = read_packets(open(src, "rb").read())
    assert packets[0].tag == TAG_PUBLIC_KEY and packets[0].body == primary.public_body
    # Key material nobody knows how to read: it does not even look like an MPI (its first two octets would claim
    # 65,535 bits), so a reader that is not told the algorithm's layout must not try to guess it.
    odd_body = bytes([4]) + created.to_bytes(4, "big") + bytes([100]) + b"\xff\xff" + bytes(range(30))
    binding = v4_signature(primary, 0x18, "SHA256",
                           primary.hash_prefix() + b"\x99" + len(odd_body).to_bytes(2, "big") + odd_body, created,
                           extra_hashed=subpacket(27, b"\x0c"))
    marker = Packet(TAG_MARKER, b"PGP", "old")
    trust = Packet(TAG_TRUST, b"\x00\x00", "old")
    unknown = Packet(60, b"an experimental packet no implementation knows", "new")
    subkey = Packet(TAG_PUBLIC_SUBKEY, odd_body, "new")
    subkey.raw = frame(TAG_PUBLIC_SUBKEY, odd_body, "new", five_octet_length=True)  # the rare 5-octet length
    out = [packets[0], marker, packets[1], trust, *packets[2:], unknown, subkey,
           Packet(TAG_SIGNATURE, binding, "new"), trust]
    open(dst, "wb").write(join(out))


def cmd_v3_key(seckey, dst, uid, created):
    """v3-key SECKEY OUT UID TIME: a PGP 2.x style version 3 key from the RSA numbers of SECKEY, with user id UID
    and a version 3 MD5 self-signature (class 0x10, as PGP 2.6 made them) that is mathematically valid."""
    created = int(created)
    rsa = secret_key(seckey)
    assert rsa.algo == 1
    n, e = rsa.public
    body = bytes([3]) + created.to_bytes(4, "big") + b"\x00\x00" + bytes([1]) + mpi(n) + mpi(e)
    v3 = Key(body)
    v3.secret = rsa.secret
    # A version 3 certification hashes the key like a version 4 one, then the bare user id (no 0xB4 and length).
    selfsig = v3_signature(v3, 0x10, "MD5", v3.hash_prefix() + os.fsencode(uid), created)
    open(dst, "wb").write(frame(TAG_PUBLIC_KEY, body) + frame(TAG_USER_ID, os.fsencode(uid))
                          + frame(TAG_SIGNATURE, selfsig))


def cmd_v3_cert(src, seckey, dst, hash_name, created, *options):
    """v3-cert IN SECKEY OUT HASH TIME [--signer-v3]: add a version 3 certification (class 0x10) of the first
    user id of the key IN, made by the primary key in SECKEY (as the version 3 key v3-key makes of it with
    --signer-v3), after that user id's other signatures."""
    signer = secret_key(seckey)
    if "--signer-v3" in options:
        signer.version = 3  # the same RSA numbers, known by the key id of a version 3 key
    packets = read_packets(open(src, "rb").read())
    target = Key(packets[0].body)
    i = next(i for i, p in enumerate(packets) if p.tag == TAG_USER_ID)
    cert = v3_signature(signer, 0x10, hash_name, target.hash_prefix() + packets[i].body, int(created))
    i += 1
    while i < len(packets) and packets[i].tag == TAG_SIGNATURE:
        i += 1
    packets.insert(i, Packet(TAG_SIGNATURE, cert, "old"))
    open(dst, "wb").write(join(packets))


def cmd_set_sig_version(src, dst, old, new):
    """set-sig-version IN OUT OLD NEW: change the version octet of the last signature of version OLD to NEW."""
    packets = read_packets(open(src, "rb").read())
    i = max(i for i, p in enumerate(packets) if p.tag == TAG_SIGNATURE and p.body[0] == int(old))
    packets[i] = packets[i].with_body(bytes([int(new)]) + packets[i].body[1:])
    open(dst, "wb").write(join(packets))


def cmd_jpeg(dst):
    """jpeg OUT: the smallest baseline JPEG we could write by hand: 8x8 pixels, one grey channel, all mid-grey."""
    def segment(marker, payload):
        return bytes([0xFF, marker]) + (len(payload) + 2).to_bytes(2, "big") + payload
    image = (b"\xff\xd8"  # start of image
             + segment(0xE0, b"JFIF\x00\x01\x01\x00\x00\x01\x00\x01\x00\x00")  # JFIF 1.1, 1:1, no thumbnail
             + segment(0xDB, b"\x00" + b"\x01" * 64)  # quantisation table 0, all ones
             + segment(0xC0, b"\x08\x00\x08\x00\x08\x01\x01\x11\x00")  # 8 bit, 8x8, one component
             # Huffman tables (DC 0 and AC 0), each with one code of one bit for symbol 0: "no difference" and
             # "end of block".
             + segment(0xC4, b"\x00\x01" + bytes(15) + b"\x00")
             + segment(0xC4, b"\x10\x01" + bytes(15) + b"\x00")
             + segment(0xDA, b"\x01\x01\x00\x00\x3f\x00")  # scan of component 1 with tables 0, coefficients 0-63
             + b"\x3f"  # the single block: DC code 0, EOB code 0, padded with one bits
             + b"\xff\xd9")  # end of image
    open(dst, "wb").write(image)


COMMANDS = {
    "armor": cmd_armor, "dearmor": cmd_dearmor, "list": cmd_list, "fingerprints": cmd_fingerprints, "drop-uid-sigs": cmd_drop_uid_sigs,
    "flip-uid-sig": cmd_flip_uid_sig, "wild-parts": cmd_wild_parts, "v3-key": cmd_v3_key, "v3-cert": cmd_v3_cert,
    "set-sig-version": cmd_set_sig_version, "jpeg": cmd_jpeg,
}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        print(__doc__.strip() + "\n\nCommands:", file=sys.stderr)
        for command in COMMANDS.values():
            print("  " + command.__doc__.splitlines()[0], file=sys.stderr)
        sys.exit(2)
    COMMANDS[sys.argv[1]](*sys.argv[2:])
