using System.Text;
using System.Text.RegularExpressions;
using Atr.Domain.Common;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;

namespace Atr.Domain.Keys;

/// <summary>
/// A subkey of a parsed key, as its latest valid binding signature describes it. It may sign only when the binding
/// grants the signing flag and embeds the subkey's own back-signature (primary-key binding, RFC 9580 §5.2.1), so
/// that nobody can attach another person's signing key to their own.
/// </summary>
public sealed record ParsedSubkey(string Fingerprint, DateTime Created, DateTime? Expires, DateTime? Revoked, bool CanSign, bool BackSigned);

/// <summary>
/// A public key as Atr reads it: only what verified self-signatures say counts (a user id, an expiry or a
/// revocation that the key did not sign itself is ignored).
/// </summary>
public sealed record ParsedKey(
    string Fingerprint,
    int Algorithm,
    int Length,
    string? Curve,
    DateTime Created,
    DateTime? LatestSelfSignature,
    DateTime? Expires,
    DateTime? Revoked,
    bool CanSign,
    IReadOnlyList<string> UserIds,
    IReadOnlyList<ParsedSubkey> Subkeys,
    string Armor)
{
    /// <summary>The 16 hex digits signatures name their issuer by (the fingerprint's end, for v4 keys).</summary>
    public string KeyId => Fingerprint[^16..];
}

/// <summary>What one armoured block held: keys, or revocation certificates (signatures alone).</summary>
public sealed record KeyBlock(IReadOnlyList<ParsedKey> Keys, IReadOnlyList<PgpSignature> Revocations);

/// <summary>Reads ASCII-armoured OpenPGP public keys with BouncyCastle and verifies their self-signatures.</summary>
public static partial class KeyParser
{
    /// <summary>The most text one request may bring (a large committee's KEYS file is well under 1 MiB).</summary>
    public const int MaxTextLength = 4 << 20;

    private const int SignDataFlag = 0x02;

    [GeneratedRegex(@"-----BEGIN PGP PUBLIC KEY BLOCK-----.*?-----END PGP PUBLIC KEY BLOCK-----", RegexOptions.Singleline)]
    private static partial Regex Block();

    /// <summary>The armoured public key blocks of a text (one key, several, or a whole KEYS file with comments).</summary>
    public static IReadOnlyList<string> Blocks(string text)
    {
        if (text.Length > MaxTextLength)
        {
            throw new DomainException($"The text is {text.Length:N0} characters long; at most {MaxTextLength:N0} are accepted");
        }

        var blocks = Block().Matches(text).Select(m => m.Value).ToList();
        return blocks.Count > 0
            ? blocks
            : throw new DomainException("No ASCII-armoured public key was found: expected a \"-----BEGIN PGP PUBLIC KEY BLOCK-----\" line");
    }

    /// <summary>Parses one armoured block; throws <see cref="DomainException"/> saying what is wrong with it.</summary>
    public static KeyBlock Parse(string block)
    {
        var rings = new List<PgpPublicKeyRing>();
        var revocations = new List<PgpSignature>();
        try
        {
            using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.UTF8.GetBytes(block)));
            var factory = new PgpObjectFactory(input);
            while (factory.NextPgpObject() is { } next)
            {
                switch (next)
                {
                    case PgpPublicKeyRing ring:
                        rings.Add(ring);
                        break;
                    case PgpSignatureList signatures:
                        revocations.AddRange(Enumerable.Range(0, signatures.Count).Select(i => signatures[i])
                            .Where(s => s.SignatureType == PgpSignature.KeyRevocation));
                        break;
                    case PgpSecretKeyRing:
                        throw new DomainException("The block holds a secret key: never upload it anywhere, and upload only its public key");
                    default:
                        throw new DomainException($"The block holds {next.GetType().Name.Replace("Pgp", "", StringComparison.Ordinal)}, not a public key");
                }
            }
        }
        catch (Exception e) when (e is IOException or PgpException or ArgumentException or InvalidOperationException)
        {
            throw new DomainException($"The block is not a readable OpenPGP public key: {e.Message}");
        }

        if (rings.Count == 0 && revocations.Count == 0)
        {
            throw new DomainException("The block holds neither a public key nor a revocation certificate");
        }

        var keys = rings.Select(ring => Describe(ring, rings.Count == 1 ? block.Trim() + "\n" : Armor(ring))).ToList();
        return new KeyBlock(keys, revocations);
    }

    /// <summary>Reads a stored key back.</summary>
    public static ParsedKey Read(string armor) =>
        Parse(armor).Keys.SingleOrDefault() ?? throw new DomainException("The stored armour holds no key");

    /// <summary>
    /// The key with a revocation certificate added, when the certificate is the key's own valid revocation;
    /// otherwise null.
    /// </summary>
    public static ParsedKey? Revoke(ParsedKey key, PgpSignature revocation)
    {
        var ring = Ring(key.Armor);
        var primary = ring.GetPublicKey();
        if (revocation.KeyId != primary.KeyId || !VerifiesKey(revocation, primary))
        {
            return null;
        }

        var revoked = PgpPublicKeyRing.InsertPublicKey(ring, PgpPublicKey.AddCertification(primary, revocation));
        return Describe(revoked, Armor(revoked));
    }

    /// <summary>An algorithm as people name it, with its size or curve: "RSA 4096", "EdDSA Ed25519".</summary>
    public static string Describe(int algorithm, int length, string? curve)
    {
        var name = (PublicKeyAlgorithmTag)algorithm switch
        {
            PublicKeyAlgorithmTag.RsaGeneral or PublicKeyAlgorithmTag.RsaSign or PublicKeyAlgorithmTag.RsaEncrypt => "RSA",
            PublicKeyAlgorithmTag.Dsa => "DSA",
            PublicKeyAlgorithmTag.ElGamalEncrypt or PublicKeyAlgorithmTag.ElGamalGeneral => "ElGamal",
            PublicKeyAlgorithmTag.ECDsa => "ECDSA",
            PublicKeyAlgorithmTag.ECDH => "ECDH",
            PublicKeyAlgorithmTag.EdDsa_Legacy => "EdDSA",
            PublicKeyAlgorithmTag.Ed25519 => "Ed25519",
            PublicKeyAlgorithmTag.Ed448 => "Ed448",
            _ => $"algorithm {algorithm}",
        };
        return curve is null ? $"{name} {length}" : curve == name ? name : $"{name} {curve}";
    }

    /// <summary>The key's fingerprint as people compare it: upper case, in groups of four.</summary>
    public static string Display(string fingerprint) =>
        string.Join(' ', fingerprint.ToUpperInvariant().Chunk(4).Select(c => new string(c)));

    internal static PgpPublicKeyRing Ring(string armor)
    {
        using var input = PgpUtilities.GetDecoderStream(new MemoryStream(Encoding.UTF8.GetBytes(armor)));
        return new PgpObjectFactory(input).NextPgpObject() as PgpPublicKeyRing
            ?? throw new DomainException("The stored armour holds no key");
    }

    /// <summary>The key ring armoured again, with the given comment headers and no others.</summary>
    internal static string Armor(PgpPublicKeyRing ring, params IEnumerable<string> comments)
    {
        using var buffer = new MemoryStream();
        var builder = ArmoredOutputStream.Build();
        foreach (var comment in comments)
        {
            builder.AddComment(comment);
        }

        using (var armored = builder.Build(buffer))
        {
            ring.Encode(armored);
        }

        return Encoding.ASCII.GetString(buffer.ToArray()).ReplaceLineEndings("\n");
    }

    private static ParsedKey Describe(PgpPublicKeyRing ring, string armor)
    {
        var primary = ring.GetPublicKey();
        var userIds = new List<(string UserId, PgpSignature Signature)>();
        foreach (var userId in primary.GetUserIds().OfType<string>())
        {
            var latest = primary.GetSignaturesForId(userId)
                .Where(s => s.KeyId == primary.KeyId && s.IsCertification() && VerifiesUserId(s, userId, primary))
                .MaxBy(s => s.CreationTime);
            if (latest is not null)
            {
                userIds.Add((userId, latest));
            }
        }

        var direct = primary.GetSignaturesOfType(PgpSignature.DirectKey)
            .Where(s => s.KeyId == primary.KeyId && VerifiesKey(s, primary));
        var selfSignatures = userIds.Select(u => u.Signature).Concat(direct).ToList();
        var latestSelf = selfSignatures.MaxBy(s => s.CreationTime);
        var revoked = primary.GetSignaturesOfType(PgpSignature.KeyRevocation)
            .Where(s => s.KeyId == primary.KeyId && VerifiesKey(s, primary))
            .Select(s => (DateTime?)Utc(s.CreationTime)).Min();
        var flags = latestSelf?.GetHashedSubPackets()?.GetKeyFlags() ?? 0;

        var subkeys = ring.GetPublicKeys().Where(k => !k.IsMasterKey).Select(subkey =>
        {
            var binding = subkey.GetSignaturesOfType(PgpSignature.SubkeyBinding)
                .Where(s => s.KeyId == primary.KeyId && VerifiesSubkey(s, primary, subkey))
                .MaxBy(s => s.CreationTime);
            var subkeyRevoked = subkey.GetSignaturesOfType(PgpSignature.SubkeyRevocation)
                .Where(s => s.KeyId == primary.KeyId && VerifiesSubkey(s, primary, subkey))
                .Select(s => (DateTime?)Utc(s.CreationTime)).Min();
            if (binding is null)
            {
                return null;
            }

            var signs = ((binding.GetHashedSubPackets()?.GetKeyFlags() ?? 0) & SignDataFlag) != 0;
            var backSigned = BackSigned(binding, primary, subkey);
            return new ParsedSubkey(Hex(subkey.GetFingerprint()), Utc(subkey.CreationTime), Expiry(subkey, binding), subkeyRevoked,
                signs && backSigned, backSigned);
        }).OfType<ParsedSubkey>().ToList();

        var ordered = userIds.OrderByDescending(u => u.Signature.GetHashedSubPackets()?.IsPrimaryUserId() ?? false)
            .Select(u => u.UserId).ToList();
        var (length, curve) = Size(primary);
        return new ParsedKey(
            Hex(primary.GetFingerprint()),
            (int)primary.Algorithm,
            length,
            curve,
            Utc(primary.CreationTime),
            latestSelf is null ? null : Utc(latestSelf.CreationTime),
            latestSelf is null ? null : Expiry(primary, latestSelf),
            revoked,
            (flags & SignDataFlag) != 0,
            ordered,
            subkeys,
            armor);
    }

    private static (int Length, string? Curve) Size(PgpPublicKey key)
    {
        if (key.PublicKeyPacket.Key is ECPublicBcpgKey ec)
        {
            var curve = ec.CurveOid.Id switch
            {
                "1.3.6.1.4.1.11591.15.1" => "Ed25519",
                "1.3.6.1.4.1.3029.1.5.1" => "Curve25519",
                _ => PgpUtilities.GetCurveName(ec.CurveOid),
            };
            return (key.BitStrength, curve);
        }

        return key.Algorithm switch
        {
            PublicKeyAlgorithmTag.Ed25519 => (256, "Ed25519"),
            PublicKeyAlgorithmTag.Ed448 => (448, "Ed448"),
            _ => (key.BitStrength, null),
        };
    }

    private static DateTime? Expiry(PgpPublicKey key, PgpSignature signature)
    {
        var seconds = signature.GetHashedSubPackets()?.GetKeyExpirationTime() ?? 0;
        return seconds == 0 ? null : Utc(key.CreationTime).AddSeconds(seconds);
    }

    /// <summary>Whether a subkey binding embeds a valid primary-key binding signature made by the subkey.</summary>
    private static bool BackSigned(PgpSignature binding, PgpPublicKey primary, PgpPublicKey subkey)
    {
        // GnuPG puts the back-signature in the unhashed area: it is a signature itself, so that is safe.
        foreach (var area in new[] { binding.GetHashedSubPackets(), binding.GetUnhashedSubPackets() })
        {
            var embedded = area?.GetEmbeddedSignatures();
            for (var index = 0; embedded is not null && index < embedded.Count; index++)
            {
                var signature = embedded[index];
                if (signature.SignatureType == PgpSignature.PrimaryKeyBinding
                    && Verifies(signature, subkey, () => signature.VerifyCertification(primary, subkey)))
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static bool VerifiesUserId(PgpSignature signature, string userId, PgpPublicKey key) =>
        Verifies(signature, key, () => signature.VerifyCertification(userId, key));

    private static bool VerifiesKey(PgpSignature signature, PgpPublicKey key) =>
        Verifies(signature, key, () => signature.VerifyCertification(key));

    private static bool VerifiesSubkey(PgpSignature signature, PgpPublicKey primary, PgpPublicKey subkey) =>
        Verifies(signature, primary, () => signature.VerifyCertification(primary, subkey));

    private static bool Verifies(PgpSignature signature, PgpPublicKey key, Func<bool> verify)
    {
        try
        {
            signature.InitVerify(key);
            return verify();
        }
        catch (PgpException)
        {
            return false;
        }
    }

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);
}
