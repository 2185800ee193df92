using System.Security.Cryptography;
using Atr.Domain.Common;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Digests;

namespace Atr.Domain.Keys.OpenPgp;

/// <summary>OpenPGP hash algorithm ids (RFC 4880 §9.4, RFC 9580 §9.5).</summary>
internal static class PgpHashAlgorithm
{
    public const int Md5 = 1;
    public const int Sha1 = 2;
    public const int RipeMd160 = 3;
    public const int Sha256 = 8;
    public const int Sha384 = 9;
    public const int Sha512 = 10;
    public const int Sha224 = 11;
    public const int Sha3_256 = 12;
    public const int Sha3_512 = 14;

    public static string Name(int algorithm) => algorithm switch
    {
        Md5 => "MD5",
        Sha1 => "SHA-1",
        RipeMd160 => "RIPEMD-160",
        Sha256 => "SHA-256",
        Sha384 => "SHA-384",
        Sha512 => "SHA-512",
        Sha224 => "SHA-224",
        Sha3_256 => "SHA3-256",
        Sha3_512 => "SHA3-512",
        _ => $"hash algorithm {algorithm}",
    };

    /// <summary>Hashes broken for signatures: GnuPG refuses MD5 outright; Atr also refuses SHA-1 and RIPEMD-160 on release signatures.</summary>
    public static bool IsBroken(int algorithm) => algorithm is Md5 or Sha1 or RipeMd160;

    /// <summary>.NET's name for the hash, when .NET (OpenSSL) computes it.</summary>
    public static HashAlgorithmName? DotNetName(int algorithm) => algorithm switch
    {
        Md5 => HashAlgorithmName.MD5,
        Sha1 => HashAlgorithmName.SHA1,
        Sha256 => HashAlgorithmName.SHA256,
        Sha384 => HashAlgorithmName.SHA384,
        Sha512 => HashAlgorithmName.SHA512,
        Sha3_256 when SHA3_256.IsSupported => HashAlgorithmName.SHA3_256,
        Sha3_512 when SHA3_512.IsSupported => HashAlgorithmName.SHA3_512,
        _ => null,
    };
}

/// <summary>A hash being computed, fed in pieces.</summary>
internal interface IPgpHash : IDisposable
{
    int Algorithm { get; }

    void Append(ReadOnlySpan<byte> data);

    byte[] Finish();
}

/// <summary>Hashes by OpenPGP id: .NET's native hashing where it has the algorithm, BouncyCastle's for the others.</summary>
internal static class PgpHashes
{
    /// <exception cref="DomainException">Neither knows the algorithm.</exception>
    public static IPgpHash Create(int algorithm) =>
        PgpHashAlgorithm.DotNetName(algorithm) is { } name
            ? new Native(algorithm, IncrementalHash.CreateHash(name))
            : algorithm switch
            {
                PgpHashAlgorithm.RipeMd160 => new Managed(algorithm, new RipeMD160Digest()),
                PgpHashAlgorithm.Sha224 => new Managed(algorithm, new Sha224Digest()),
                PgpHashAlgorithm.Sha3_256 => new Managed(algorithm, new Sha3Digest(256)),
                PgpHashAlgorithm.Sha3_512 => new Managed(algorithm, new Sha3Digest(512)),
                _ => throw new DomainException($"The signature uses {PgpHashAlgorithm.Name(algorithm)}, which Atr cannot compute"),
            };

    /// <summary>A hash that continues from <paramref name="started"/> (which it then owns).</summary>
    public static IPgpHash Continue(int algorithm, IncrementalHash started) => new Native(algorithm, started);

    private sealed class Native(int algorithm, IncrementalHash hash) : IPgpHash
    {
        public int Algorithm => algorithm;

        public void Append(ReadOnlySpan<byte> data) => hash.AppendData(data);

        public byte[] Finish() => hash.GetHashAndReset();

        public void Dispose() => hash.Dispose();
    }

    private sealed class Managed(int algorithm, IDigest digest) : IPgpHash
    {
        public int Algorithm => algorithm;

        public void Append(ReadOnlySpan<byte> data) => digest.BlockUpdate(data);

        public byte[] Finish()
        {
            var result = new byte[digest.GetDigestSize()];
            digest.DoFinal(result, 0);
            return result;
        }

        public void Dispose()
        {
        }
    }
}
