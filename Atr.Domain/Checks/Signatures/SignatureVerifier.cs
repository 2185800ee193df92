using System.Security.Cryptography;
using Org.BouncyCastle.Asn1;
using Org.BouncyCastle.Asn1.Nist;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto;
using Org.BouncyCastle.Crypto.Signers;

namespace Atr.Domain.Checks.Signatures;

/// <summary>
/// Verifies one detached OpenPGP signature over content fed to it in pieces. Version 3 and 4 signatures by RSA,
/// DSA, ECDSA and EdDSA keys over SHA-256, SHA-384 or SHA-512 are hashed with .NET's hashing (native, several times
/// faster than BouncyCastle's managed digests), and can start from a hash that has already read the content; the
/// signature packet's trailer is then appended and BouncyCastle's public-key operation checks the finished digest,
/// as its own verification does after hashing. Every other signature is verified by BouncyCastle alone.
/// </summary>
internal abstract class SignatureVerifier : IDisposable
{
    /// <summary>Whether the verifier still needs the content (false when it began from a hash of all of it).</summary>
    public abstract bool NeedsContent { get; }

    public abstract void Append(ReadOnlySpan<byte> content);

    public abstract bool Verify();

    public virtual void Dispose()
    {
    }

    /// <summary>
    /// A verifier for the signature by the key; <paramref name="hashed"/> gives, when it can, a hash that has read the
    /// whole content with the algorithm asked for (the caller owns it). Throws <see cref="PgpException"/> when the
    /// key cannot verify the signature at all.
    /// </summary>
    public static SignatureVerifier For(PgpSignature signature, PgpPublicKey key, Func<HashAlgorithmName, IncrementalHash?> hashed)
    {
        if (signature.Version is 3 or 4 && NativeHash(signature.HashAlgorithm) is { } hash && signature.KeyAlgorithm == key.Algorithm
            && key.Algorithm is PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.Dsa
                or PublicKeyAlgorithmTag.ECDsa or PublicKeyAlgorithmTag.EdDsa_Legacy)
        {
            var (name, oid) = hash;
            var content = hashed(name);
            return new Native(signature, key, content ?? IncrementalHash.CreateHash(name), oid, content is null);
        }

        signature.InitVerify(key);
        return new BouncyCastle(signature);
    }

    private static (HashAlgorithmName Name, DerObjectIdentifier Oid)? NativeHash(HashAlgorithmTag tag) => tag switch
    {
        HashAlgorithmTag.Sha256 => (HashAlgorithmName.SHA256, NistObjectIdentifiers.IdSha256),
        HashAlgorithmTag.Sha384 => (HashAlgorithmName.SHA384, NistObjectIdentifiers.IdSha384),
        HashAlgorithmTag.Sha512 => (HashAlgorithmName.SHA512, NistObjectIdentifiers.IdSha512),
        _ => null,
    };

    private sealed class BouncyCastle(PgpSignature signature) : SignatureVerifier
    {
        public override bool NeedsContent => true;

        public override void Append(ReadOnlySpan<byte> content) => signature.Update(content);

        public override bool Verify() => signature.Verify();
    }

    private sealed class Native(PgpSignature signature, PgpPublicKey key, IncrementalHash hash, DerObjectIdentifier oid, bool needsContent)
        : SignatureVerifier
    {
        public override bool NeedsContent => needsContent;

        public override void Append(ReadOnlySpan<byte> content) => hash.AppendData(content);

        public override bool Verify()
        {
            hash.AppendData(signature.GetSignatureTrailer());
            var digest = hash.GetHashAndReset();
            var parameters = key.GetKey();
            var finished = new FinishedDigest(digest);
            ISigner signer = key.Algorithm switch
            {
                PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign => new RsaDigestSigner(finished, oid),
                PublicKeyAlgorithmTag.Dsa => new DsaDigestSigner(new DsaSigner(), finished),
                PublicKeyAlgorithmTag.ECDsa => new DsaDigestSigner(new ECDsaSigner(), finished),
                _ => parameters switch
                {
                    // EdDSA in OpenPGP signs the digest itself as its message.
                    Org.BouncyCastle.Crypto.Parameters.Ed25519PublicKeyParameters => new Ed25519Signer(),
                    Org.BouncyCastle.Crypto.Parameters.Ed448PublicKeyParameters => new Ed448Signer([]),
                    _ => throw new PgpException($"An EdDSA signature needs an Ed25519 or Ed448 key, not {parameters.GetType().Name}"),
                },
            };
            try
            {
                signer.Init(false, parameters);
            }
            catch (ArgumentException e)
            {
                throw new PgpException($"invalid key: {e.Message}", e);
            }

            if (signer is Ed25519Signer or Ed448Signer)
            {
                signer.BlockUpdate(digest);
            }

            return signer.VerifySignature(signature.GetSignature());
        }

        public override void Dispose()
        {
            hash.Dispose();
            base.Dispose();
        }
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
