using System.Security.Cryptography;
using Atr.Domain.Common;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Asn1.Oiw;
using Org.BouncyCastle.Asn1.Pkcs;
using Org.BouncyCastle.Asn1.TeleTrust;
using Org.BouncyCastle.Asn1.X9;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Signers;
using BigInteger = Org.BouncyCastle.Math.BigInteger;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>
/// The public-key half of verifying an OpenPGP signature: does the signature's value match a finished digest under
/// a key. RSA, DSA and ECDSA go to .NET (OpenSSL): BouncyCastle tests every RSA modulus for primality when it loads a
/// key, hundreds of milliseconds for a 4096-bit key, which a KEYS file of old keys pays once per key. BouncyCastle
/// verifies EdDSA, and whatever OpenSSL refuses (unusual sizes, hashes .NET cannot name).
/// </summary>
internal static class PublicKeyVerifier
{
    /// <summary>Whether the signature over <paramref name="digest"/> was made by <paramref name="key"/>.</summary>
    /// <exception cref="DomainException">The key and the signature cannot be verified together; the message says why.</exception>
    public static bool Verify(KeyMaterial key, SignaturePacket signature, byte[] digest)
    {
        try
        {
            return VerifyOrThrow(key, signature, digest);
        }
        catch (Exception e) when (e is not (DomainException or OutOfMemoryException))
        {
            // Malformed key material reaches BouncyCastle or OpenSSL as it is: whatever they throw means "cannot verify".
            throw new DomainException($"The key cannot verify the signature: {e.Message}", e);
        }
    }

    private static bool VerifyOrThrow(KeyMaterial key, SignaturePacket signature, byte[] digest)
    {
        if (signature.KeyAlgorithm != key.Algorithm
            && !(signature.KeyAlgorithm is KeyAlgorithm.Rsa or KeyAlgorithm.RsaSignOnly && key.Algorithm is KeyAlgorithm.Rsa or KeyAlgorithm.RsaSignOnly))
        {
            throw new DomainException($"The signature is made with algorithm {signature.KeyAlgorithm}, but its key is of algorithm {key.Algorithm}");
        }

        return key.Algorithm switch
        {
            KeyAlgorithm.Rsa or KeyAlgorithm.RsaSignOnly => Rsa(key, signature, digest),
            KeyAlgorithm.Dsa => Dsa(key, signature, digest),
            KeyAlgorithm.Ecdsa => Ecdsa(key, signature, digest),
            KeyAlgorithm.EdDsaLegacy or KeyAlgorithm.Ed25519 or KeyAlgorithm.Ed448 => EdDsa(key, signature, digest),
            _ => throw new DomainException($"Keys of algorithm {key.Algorithm} cannot make signatures that Atr verifies"),
        };
    }

    private static bool Rsa(KeyMaterial key, SignaturePacket signature, byte[] digest)
    {
        var modulus = Unsigned(key.Integers[0]);
        var value = LeftPad(Value(signature, 0), modulus.Length);
        if (PgpHashAlgorithm.DotNetName(signature.HashAlgorithm) is { } name && signature.HashAlgorithm is not (PgpHashAlgorithm.Sha3_256 or PgpHashAlgorithm.Sha3_512))
        {
            try
            {
                using var rsa = RSA.Create();
                rsa.ImportParameters(new RSAParameters { Modulus = modulus, Exponent = Unsigned(key.Integers[1]) });
                return rsa.VerifyHash(digest, value, name, RSASignaturePadding.Pkcs1);
            }
            catch (CryptographicException)
            {
                // OpenSSL refuses some keys (tiny or malformed moduli): BouncyCastle judges them below.
            }
        }

        var oid = signature.HashAlgorithm switch
        {
            PgpHashAlgorithm.Md5 => PkcsObjectIdentifiers.MD5,
            PgpHashAlgorithm.Sha1 => OiwObjectIdentifiers.IdSha1,
            PgpHashAlgorithm.RipeMd160 => TeleTrusTObjectIdentifiers.RipeMD160,
            PgpHashAlgorithm.Sha224 => NistObjectIdentifiers.IdSha224,
            PgpHashAlgorithm.Sha256 => NistObjectIdentifiers.IdSha256,
            PgpHashAlgorithm.Sha384 => NistObjectIdentifiers.IdSha384,
            PgpHashAlgorithm.Sha512 => NistObjectIdentifiers.IdSha512,
            PgpHashAlgorithm.Sha3_256 => NistObjectIdentifiers.IdSha3_256,
            PgpHashAlgorithm.Sha3_512 => NistObjectIdentifiers.IdSha3_512,
            _ => throw new DomainException($"An RSA signature over {PgpHashAlgorithm.Name(signature.HashAlgorithm)} cannot be verified"),
        };
        return Managed(new RsaDigestSigner(new FinishedDigest(digest), oid),
            () => new RsaKeyParameters(false, new BigInteger(1, modulus), new BigInteger(1, key.Integers[1])), value);
    }

    private static bool Dsa(KeyMaterial key, SignaturePacket signature, byte[] digest)
    {
        var (p, q, g, y) = (Unsigned(key.Integers[0]), Unsigned(key.Integers[1]), Unsigned(key.Integers[2]), Unsigned(key.Integers[3]));
        var (r, s) = (Value(signature, 0), Value(signature, 1));
        try
        {
            using var dsa = DSA.Create();
            dsa.ImportParameters(new DSAParameters { P = p, Q = q, G = LeftPad(g, p.Length), Y = LeftPad(y, p.Length) });
            byte[] value = [.. LeftPad(r, q.Length), .. LeftPad(s, q.Length)];
            return dsa.VerifySignature(digest, value, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            var parameters = new DsaParameters(new BigInteger(1, p), new BigInteger(1, q), new BigInteger(1, g));
            return Managed(new DsaDigestSigner(new DsaSigner(), new FinishedDigest(digest), PlainDsaEncoding.Instance),
                () => new DsaPublicKeyParameters(new BigInteger(1, y), parameters), [.. LeftPad(r, q.Length), .. LeftPad(s, q.Length)]);
        }
    }

    private static bool Ecdsa(KeyMaterial key, SignaturePacket signature, byte[] digest)
    {
        var point = key.Point!;
        if (point.Length < 3 || point[0] != 0x04 || point.Length % 2 == 0)
        {
            throw new DomainException("The ECDSA key's point is not in the uncompressed form OpenPGP uses");
        }

        var size = (point.Length - 1) / 2;
        byte[] value = [.. LeftPad(Value(signature, 0), size), .. LeftPad(Value(signature, 1), size)];
        try
        {
            using var ecdsa = ECDsa.Create(new ECParameters
            {
                Curve = ECCurve.CreateFromValue(key.CurveOid!),
                Q = new ECPoint { X = point[1..(size + 1)], Y = point[(size + 1)..] },
            });
            return ecdsa.VerifyHash(digest, value);
        }
        catch (Exception e) when (e is CryptographicException or PlatformNotSupportedException)
        {
            var curve = ECNamedCurveTable.GetByOid(new DerObjectIdentifier(key.CurveOid!))
                ?? throw new DomainException($"The key's curve {key.Curve} is not one Atr knows");
            var domain = new ECDomainParameters(curve);
            return Managed(new DsaDigestSigner(new ECDsaSigner(), new FinishedDigest(digest), PlainDsaEncoding.Instance),
                () => new ECPublicKeyParameters(domain.Curve.DecodePoint(point), domain), value);
        }
    }

    private static bool EdDsa(KeyMaterial key, SignaturePacket signature, byte[] digest)
    {
        // EdDSA in OpenPGP signs the digest itself as its message.
        var point = key.Point!;
        if (key.Algorithm == KeyAlgorithm.Ed448)
        {
            return Managed(new Ed448Signer([]), () => new Ed448PublicKeyParameters(point), Value(signature, 0), message: digest);
        }

        if (key.Curve != "Ed25519")
        {
            throw new DomainException($"An EdDSA key on {key.Curve} cannot be verified");
        }

        var raw = key.Algorithm == KeyAlgorithm.Ed25519 ? point : point is [0x40, .. var rest] && rest.Length == 32 ? rest
            : throw new DomainException("The Ed25519 key's point is not in the form OpenPGP uses");
        var value = key.Algorithm == KeyAlgorithm.Ed25519 ? Value(signature, 0) : [.. LeftPad(Value(signature, 0), 32), .. LeftPad(Value(signature, 1), 32)];
        return Managed(new Ed25519Signer(), () => new Ed25519PublicKeyParameters(raw), value, message: digest);
    }

    /// <summary>Verifies with BouncyCastle; <paramref name="message"/> is what an EdDSA signer reads (digest signers have theirs).</summary>
    private static bool Managed(ISigner signer, Func<ICipherParameters> parameters, byte[] value, byte[]? message = null)
    {
        try
        {
            signer.Init(false, parameters());
        }
        catch (ArgumentException e)
        {
            throw new DomainException($"The key is not valid: {e.Message}", e);
        }

        if (message is not null)
        {
            signer.BlockUpdate(message);
        }

        return signer.VerifySignature(value);
    }

    private static byte[] Value(SignaturePacket signature, int index) =>
        index < signature.Values.Count ? signature.Values[index] : throw new DomainException("The signature lacks its value");

    private static byte[] Unsigned(byte[] integer)
    {
        var start = integer.AsSpan().IndexOfAnyExcept((byte)0);
        return start <= 0 ? integer : integer[start..];
    }

    private static byte[] LeftPad(byte[] value, int length)
    {
        var trimmed = Unsigned(value);
        if (trimmed.Length >= length)
        {
            return trimmed;
        }

        var padded = new byte[length];
        trimmed.CopyTo(padded, length - trimmed.Length);
        return padded;
    }

    /// <summary>A digest already computed: what a BouncyCastle signer reads when it finishes its hash.</summary>
    private sealed class FinishedDigest(byte[] value) : IDigest
    {
        public string AlgorithmName => "finished";

        public int GetDigestSize() => value.Length;

        public int GetByteLength() => throw new NotSupportedException("A finished digest has no block size");

        public void Update(byte input) => throw new InvalidOperationException("The digest is already finished");

        public void BlockUpdate(byte[] input, int inOff, int inLen) => throw new InvalidOperationException("The digest is already finished");

        public void BlockUpdate(ReadOnlySpan<byte> input) => throw new InvalidOperationException("The digest is already finished");

        public int DoFinal(byte[] output, int outOff) => DoFinal(output.AsSpan(outOff));

        public int DoFinal(Span<byte> output)
        {
            value.CopyTo(output);
            return value.Length;
        }

        public void Reset()
        {
        }
    }
}
