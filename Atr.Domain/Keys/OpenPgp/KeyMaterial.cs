using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Atr.Domain.Common;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>OpenPGP public-key algorithm ids (RFC 4880 §9.1, RFC 9580 §9.1).</summary>
internal static class KeyAlgorithm
{
    public const int Rsa = 1;
    public const int RsaEncryptOnly = 2;
    public const int RsaSignOnly = 3;
    public const int ElGamalEncryptOnly = 16;
    public const int Dsa = 17;
    public const int Ecdh = 18;
    public const int Ecdsa = 19;
    public const int ElGamal = 20;
    public const int EdDsaLegacy = 22;
    public const int X25519 = 25;
    public const int X448 = 26;
    public const int Ed25519 = 27;
    public const int Ed448 = 28;

    /// <summary>Whether the algorithm can make signatures at all (what a key without key flags may do, as GnuPG assumes).</summary>
    public static bool CanSign(int algorithm) =>
        algorithm is Rsa or RsaSignOnly or Dsa or Ecdsa or EdDsaLegacy or Ed25519 or Ed448;
}

/// <summary>
/// A public key or subkey packet (RFC 4880 §5.5.2, RFC 9580 §5.5.2): version, creation, algorithm and key material,
/// with its fingerprint and key id. Version 2 and 3 keys (PGP 2.x) are read, so that they can be named and refused.
/// </summary>
internal sealed class KeyMaterial
{
    private KeyMaterial(ReadOnlyMemory<byte> body, int version, DateTime created, int validDays, int algorithm)
    {
        Body = body;
        Version = version;
        Created = created;
        ValidDays = validDays;
        Algorithm = algorithm;
    }

    /// <summary>The packet body as it was read: what self-signatures hash.</summary>
    public ReadOnlyMemory<byte> Body { get; }

    public int Version { get; }

    public DateTime Created { get; }

    /// <summary>A version 3 key's own validity period in days (0: none).</summary>
    public int ValidDays { get; }

    public int Algorithm { get; }

    /// <summary>The integers of RSA (n, e), DSA (p, q, g, y) and ElGamal (p, g, y) keys.</summary>
    public IReadOnlyList<byte[]> Integers { get; private set; } = [];

    /// <summary>The curve of an elliptic-curve key, as a dotted OID.</summary>
    public string? CurveOid { get; private set; }

    /// <summary>The public point of an elliptic-curve key as encoded (0x04 X Y, or 0x40 and the Ed25519 key), or the raw key of RFC 9580's Ed25519/Ed448.</summary>
    public byte[]? Point { get; private set; }

    public byte[] Fingerprint { get; private set; } = [];

    public ulong KeyId { get; private set; }

    public string FingerprintHex => Convert.ToHexStringLower(Fingerprint);

    /// <summary>Modulus or prime size in bits, or the curve's size.</summary>
    public int Bits { get; private set; }

    /// <summary>The curve as people name it ("Ed25519", "NIST P-256"), or null for keys without one.</summary>
    public string? Curve => CurveOid is null ? Algorithm switch { KeyAlgorithm.Ed25519 => "Ed25519", KeyAlgorithm.Ed448 => "Ed448", _ => null }
        : Curves.TryGetValue(CurveOid, out var known) ? known.Name : CurveOid;

    /// <exception cref="DomainException">The packet is not a public key Atr can read.</exception>
    public static KeyMaterial Parse(ReadOnlyMemory<byte> body)
    {
        var reader = new PacketReader(body.Span, "public key packet");
        var version = reader.Byte();
        var created = DateTime.UnixEpoch.AddSeconds(reader.UInt32());
        var validDays = version is 2 or 3 ? reader.UInt16() : 0;
        var algorithm = reader.Byte();
        if (version is 5 or 6)
        {
            reader.UInt32();
        }
        else if (version is not (2 or 3 or 4))
        {
            throw new DomainException($"The key is of packet version {version}, which OpenPGP does not define");
        }

        var key = new KeyMaterial(body, version, created, validDays, algorithm);
        switch (algorithm)
        {
            case KeyAlgorithm.Rsa or KeyAlgorithm.RsaEncryptOnly or KeyAlgorithm.RsaSignOnly:
                key.Integers = [reader.Mpi(), reader.Mpi()];
                key.Bits = BitLength(key.Integers[0]);
                break;
            case KeyAlgorithm.Dsa:
                key.Integers = [reader.Mpi(), reader.Mpi(), reader.Mpi(), reader.Mpi()];
                key.Bits = BitLength(key.Integers[0]);
                break;
            case KeyAlgorithm.ElGamalEncryptOnly or KeyAlgorithm.ElGamal:
                key.Integers = [reader.Mpi(), reader.Mpi(), reader.Mpi()];
                key.Bits = BitLength(key.Integers[0]);
                break;
            case KeyAlgorithm.Ecdsa or KeyAlgorithm.EdDsaLegacy or KeyAlgorithm.Ecdh:
                var oidLength = reader.Byte();
                key.CurveOid = Oid(reader.Bytes(oidLength));
                key.Point = reader.Mpi();
                key.Bits = Curves.TryGetValue(key.CurveOid, out var curve) ? curve.Bits : key.Point.Length * 4;
                break;
            case KeyAlgorithm.Ed25519 or KeyAlgorithm.X25519:
                key.Point = reader.Bytes(32).ToArray();
                key.Bits = 256;
                break;
            case KeyAlgorithm.Ed448:
                key.Point = reader.Bytes(57).ToArray();
                key.Bits = 448;
                break;
            case KeyAlgorithm.X448:
                key.Point = reader.Bytes(56).ToArray();
                key.Bits = 448;
                break;
        }

        key.ComputeFingerprint();
        return key;
    }

    /// <summary>What a signature over this key hashes first: its body with the prefix of its version (RFC 9580 §5.2.4).</summary>
    public void HashInto(IPgpHash hash)
    {
        Span<byte> prefix = stackalloc byte[5];
        if (Version is 5 or 6)
        {
            prefix[0] = (byte)(Version == 6 ? 0x9B : 0x9A);
            BinaryPrimitives.WriteInt32BigEndian(prefix[1..], Body.Length);
            hash.Append(prefix);
        }
        else
        {
            prefix[0] = 0x99;
            BinaryPrimitives.WriteUInt16BigEndian(prefix[1..], (ushort)Body.Length);
            hash.Append(prefix[..3]);
        }

        hash.Append(Body.Span);
    }

    private void ComputeFingerprint()
    {
        if (Version is 2 or 3)
        {
            // PGP 2.x: MD5 of the RSA integers, by definition; the key id is the modulus's low 64 bits.
#pragma warning disable CA5351
            Fingerprint = Integers.Count == 2 ? MD5.HashData([.. Integers[0], .. Integers[1]]) : new byte[16];
#pragma warning restore CA5351
            KeyId = Integers.Count == 2 && Integers[0].Length >= 8 ? BinaryPrimitives.ReadUInt64BigEndian(Integers[0].AsSpan(^8)) : 0;
            return;
        }

        using var hash = PgpHashes.Create(Version == 4 ? PgpHashAlgorithm.Sha1 : PgpHashAlgorithm.Sha256);
        HashInto(hash);
        Fingerprint = hash.Finish();
        KeyId = Version == 4
            ? BinaryPrimitives.ReadUInt64BigEndian(Fingerprint.AsSpan(^8))
            : BinaryPrimitives.ReadUInt64BigEndian(Fingerprint.AsSpan(0, 8));
    }

    private static int BitLength(byte[] integer)
    {
        var leading = integer.AsSpan().IndexOfAnyExcept((byte)0);
        return leading < 0 ? 0 : ((integer.Length - leading) * 8) - System.Numerics.BitOperations.LeadingZeroCount((uint)integer[leading]) + 24;
    }

    /// <summary>A DER object identifier's content as dotted text.</summary>
    private static string Oid(ReadOnlySpan<byte> der)
    {
        if (der.IsEmpty)
        {
            throw new DomainException("The key names no curve");
        }

        var text = new StringBuilder().Append(der[0] / 40).Append('.').Append(der[0] % 40);
        ulong value = 0;
        foreach (var b in der[1..])
        {
            value = (value << 7) | (uint)(b & 0x7F);
            if ((b & 0x80) == 0)
            {
                text.Append('.').Append(value);
                value = 0;
            }
        }

        return text.ToString();
    }

    /// <summary>The curves OpenPGP uses: their names and sizes.</summary>
    internal static readonly Dictionary<string, (string Name, int Bits)> Curves = new(StringComparer.Ordinal)
    {
        ["1.2.840.10045.3.1.7"] = ("NIST P-256", 256),
        ["1.3.132.0.34"] = ("NIST P-384", 384),
        ["1.3.132.0.35"] = ("NIST P-521", 521),
        ["1.3.36.3.3.2.8.1.1.7"] = ("brainpoolP256r1", 256),
        ["1.3.36.3.3.2.8.1.1.11"] = ("brainpoolP384r1", 384),
        ["1.3.36.3.3.2.8.1.1.13"] = ("brainpoolP512r1", 512),
        ["1.3.132.0.10"] = ("secp256k1", 256),
        ["1.3.6.1.4.1.11591.15.1"] = ("Ed25519", 256),
        ["1.3.101.112"] = ("Ed25519", 256),
        ["1.3.101.113"] = ("Ed448", 448),
        ["1.3.6.1.4.1.3029.1.5.1"] = ("Curve25519", 256),
        ["1.3.101.110"] = ("Curve25519", 256),
        ["1.3.101.111"] = ("X448", 448),
    };
}
