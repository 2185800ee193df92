using System.Security.Cryptography;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Domain.Checks.Signatures;

/// <summary>
/// Verifies one detached OpenPGP signature (version 2, 3 or 4) over content fed to it in pieces, hashing natively where
/// .NET has the hash. It can start from a hash that has already read the whole content (the offline command keeps the
/// SHA-256 and SHA-512 of every signed file), so the artifact is not read again. The signature packet's own trailer is
/// appended as written, then the public-key operation checks the finished digest.
/// </summary>
internal sealed class SignatureVerifier : IDisposable
{
    private readonly SignaturePacket _signature;
    private readonly KeyMaterial _key;
    private readonly IPgpHash _hash;

    private SignatureVerifier(SignaturePacket signature, KeyMaterial key, IPgpHash hash, bool needsContent)
    {
        _signature = signature;
        _key = key;
        _hash = hash;
        NeedsContent = needsContent;
    }

    /// <summary>Whether the verifier still needs the content (false when it began from a hash of all of it).</summary>
    public bool NeedsContent { get; }

    /// <summary>
    /// A verifier for the signature by the key; <paramref name="hashed"/> gives, when it can, a hash that has read the
    /// whole content with the algorithm asked for (the verifier then owns it).
    /// </summary>
    /// <exception cref="Common.DomainException">The signature's hash is one Atr cannot compute.</exception>
    public static SignatureVerifier For(SignaturePacket signature, KeyMaterial key, Func<HashAlgorithmName, IncrementalHash?> hashed)
    {
        if (PgpHashAlgorithm.DotNetName(signature.HashAlgorithm) is { } name && hashed(name) is { } started)
        {
            return new SignatureVerifier(signature, key, PgpHashes.Continue(signature.HashAlgorithm, started), needsContent: false);
        }

        return new SignatureVerifier(signature, key, PgpHashes.Create(signature.HashAlgorithm), needsContent: true);
    }

    public void Append(ReadOnlySpan<byte> content) => _hash.Append(content);

    /// <exception cref="Common.DomainException">The key cannot verify the signature at all (an algorithm it does not have, a malformed value).</exception>
    public bool Verify()
    {
        _hash.Append(_signature.Trailer);
        return Verification.Verify(_signature, _key, _hash.Finish());
    }

    public void Dispose() => _hash.Dispose();
}
