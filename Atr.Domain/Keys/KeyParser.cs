using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Atr.Domain.Common;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Domain.Keys;

/// <summary>
/// A subkey of a parsed key, as its latest valid binding signature describes it. It may sign only when the binding
/// grants the signing flag and embeds the subkey's own back-signature (primary-key binding, RFC 9580 §5.2.1), so
/// that nobody can attach another person's signing key to their own.
/// </summary>
public sealed record ParsedSubkey(string Fingerprint, DateTime Created, DateTime? Expires, DateTime? Revoked, bool CanSign, bool BackSigned)
{
    internal KeyMaterial Material { get; init; } = null!;
}

/// <summary>
/// A public key as Atr reads it: only what verified self-signatures say counts (a user id, an expiry or a
/// revocation that the key did not sign itself is ignored). <see cref="Armor"/> holds the key with its own
/// signatures only: third-party certifications are left out.
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

    internal KeyMaterial Material { get; init; } = null!;
}

/// <summary>
/// Decides what a key is from its own self-signatures and revocations, as GnuPG 2.2 does: a user id counts when its
/// latest self-certification verifies and no later revocation of it does; the key's flags and expiry come from its
/// latest valid self-signature (or, without key flags, from what its algorithm can do); a subkey counts with a valid
/// binding. Third-party certifications are never verified. MD5 self-signatures are refused, as GnuPG refuses them.
/// </summary>
public static class KeyParser
{
    /// <summary>The most text one request may bring.</summary>
    public const int MaxTextLength = KeysFile.MaxBytes;

    private const int SignDataFlag = 0x02;

    private const int CacheLimit = 4096;

    private static readonly ConcurrentDictionary<string, KeyCandidate?> Cache = new(StringComparer.Ordinal);

    /// <summary>Reads a stored key back (one armoured key, as Atr stores them); it is verified when first needed.</summary>
    /// <exception cref="DomainException">The armour holds no usable key.</exception>
    public static ParsedKey Read(string armor) =>
        Stored(armor) is { Reading: var reading } ? reading.Key ?? throw new DomainException(reading.Unusable!)
        : throw new DomainException("The stored armour holds no key");

    /// <summary>The key of a stored armour, or null when it holds none; each distinct armour is read and verified once per process.</summary>
    public static KeyCandidate? Stored(string armor)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(armor)));
        if (Cache.TryGetValue(hash, out var candidate))
        {
            return candidate;
        }

        try
        {
            candidate = KeysFile.Read(Encoding.UTF8.GetBytes(armor)).Keys is [var first, ..] ? first : null;
        }
        catch (DomainException)
        {
            candidate = null;
        }

        if (Cache.Count >= CacheLimit)
        {
            Cache.Clear();
        }

        return Cache[hash] = candidate;
    }

    /// <summary>
    /// The key with a revocation certificate added, when the certificate is the key's own valid revocation;
    /// otherwise null.
    /// </summary>
    internal static ParsedKey? Revoke(ParsedKey key, SignaturePacket revocation)
    {
        if (revocation.Type != SignatureType.KeyRevocation || !revocation.MayBeBy(key.Material)
            || !Verification.Certifies(revocation, key.Material, key.Material, null))
        {
            return null;
        }

        var packets = Packets.Read(OpenPgp.Armor.Decode(OpenPgp.Armor.Blocks(Encoding.ASCII.GetBytes(key.Armor))[0]));
        using var joined = new MemoryStream();
        joined.Write(packets[0].Raw.Span);
        joined.Write(revocation.Raw.Span);
        foreach (var packet in packets.Skip(1))
        {
            joined.Write(packet.Raw.Span);
        }

        return KeysFile.Read(Encoding.ASCII.GetBytes(OpenPgp.Armor.Encode(joined.ToArray()))).Keys[0].Reading.Key;
    }

    /// <summary>An algorithm as people name it, with its size or curve: "RSA 4096", "EdDSA Ed25519".</summary>
    public static string Describe(int algorithm, int length, string? curve)
    {
        var name = algorithm switch
        {
            KeyAlgorithm.Rsa or KeyAlgorithm.RsaSignOnly or KeyAlgorithm.RsaEncryptOnly => "RSA",
            KeyAlgorithm.Dsa => "DSA",
            KeyAlgorithm.ElGamalEncryptOnly or KeyAlgorithm.ElGamal => "ElGamal",
            KeyAlgorithm.Ecdsa => "ECDSA",
            KeyAlgorithm.Ecdh => "ECDH",
            KeyAlgorithm.EdDsaLegacy => "EdDSA",
            KeyAlgorithm.Ed25519 => "Ed25519",
            KeyAlgorithm.Ed448 => "Ed448",
            _ => $"algorithm {algorithm}",
        };
        return curve is null ? $"{name} {length}" : curve == name ? name : $"{name} {curve}";
    }

    /// <summary>The key's fingerprint as people compare it: upper case, in groups of four.</summary>
    public static string Display(string fingerprint) =>
        string.Join(' ', fingerprint.ToUpperInvariant().Chunk(4).Select(c => new string(c)));

    /// <summary>The stored armour again, with the given comment headers and no others.</summary>
    internal static string Rearmor(string armor, params IEnumerable<string> comments) =>
        OpenPgp.Armor.Encode(OpenPgp.Armor.Decode(OpenPgp.Armor.Blocks(Encoding.ASCII.GetBytes(armor))[0]), comments);

    internal static KeyReading Judge(KeyCandidate candidate)
    {
        try
        {
            return JudgeOrThrow(candidate);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // No key, however malformed, stops the others: it gets its own outcome instead.
            return new KeyReading(null, $"error: the key cannot be read: {e.Message}");
        }
    }

    private static KeyReading JudgeOrThrow(KeyCandidate candidate)
    {
        if (candidate.Primary is not { } primary)
        {
            return new KeyReading(null, $"error: {candidate.Error}");
        }

        if (primary.Version is not 4)
        {
            return new KeyReading(null, primary.Version is 2 or 3
                ? $"unusable: a version {primary.Version} key (PGP 2.x), which GnuPG 2.2 no longer accepts either"
                : $"unusable: a version {primary.Version} key, which GnuPG 2.2 does not read");
        }

        bool Valid(SignaturePacket signature, Component? component) =>
            signature.UnknownCritical is null && signature.HashAlgorithm != PgpHashAlgorithm.Md5 && signature.MayBeBy(primary)
            && Verification.Certifies(signature, primary, primary, component);

        var kept = new List<ReadOnlyMemory<byte>> { candidate.PrimaryRaw };
        var direct = candidate.Direct.Where(s => s.Type is SignatureType.DirectKey or SignatureType.KeyRevocation && Valid(s, null)).ToList();
        kept.AddRange(direct.Select(s => s.Raw));
        var revoked = direct.Where(s => s.Type == SignatureType.KeyRevocation).Select(s => (DateTime?)s.Created).Min();

        var userIds = new List<(string UserId, SignaturePacket Latest)>();
        var selfSignatures = direct.Where(s => s.Type == SignatureType.DirectKey).ToList();
        var anyCertified = false;
        var subkeys = new List<ParsedSubkey>();
        foreach (var component in candidate.Components)
        {
            if (component.Tag == PacketTag.PublicSubkey)
            {
                if (Subkey(primary, component, Valid, kept) is { } subkey)
                {
                    subkeys.Add(subkey);
                }

                continue;
            }

            var certifications = component.Signatures.Where(s => SignatureType.IsCertification(s.Type) && Valid(s, component)).ToList();
            if (certifications.Count == 0)
            {
                continue;
            }

            anyCertified = true;
            var revocations = component.Signatures.Where(s => s.Type == SignatureType.CertificationRevocation && Valid(s, component)).ToList();
            kept.Add(component.Raw);
            kept.AddRange(certifications.Concat(revocations).Select(s => s.Raw));
            var latest = certifications.MaxBy(s => s.Created)!;
            if (revocations.Count > 0 && revocations.Max(r => r.Created) >= latest.Created)
            {
                continue;
            }

            selfSignatures.Add(latest);
            if (component.Tag == PacketTag.UserId)
            {
                userIds.Add((Text(component.Body.Span), latest));
            }
        }

        if (userIds.Count == 0)
        {
            return new KeyReading(null, anyCertified
                ? "unusable: every user id of the key is revoked"
                : "unusable: no user id with a valid self-signature");
        }

        var latestSelf = selfSignatures.MaxBy(s => s.Created)!;
        var flags = latestSelf.KeyFlags ?? (KeyAlgorithm.CanSign(primary.Algorithm) ? SignDataFlag : 0);
        var ordered = userIds.OrderByDescending(u => u.Latest.PrimaryUserId).ThenBy(u => u.Latest.Created).Select(u => u.UserId).ToList();
        var armor = OpenPgp.Armor.Encode(Concat(kept));
        return new KeyReading(new ParsedKey(
            primary.FingerprintHex,
            primary.Algorithm,
            primary.Bits,
            primary.Curve,
            Utc(primary.Created),
            Utc(latestSelf.Created),
            Expiry(primary, latestSelf),
            revoked is { } when ? Utc(when) : null,
            (flags & SignDataFlag) != 0,
            ordered,
            subkeys,
            armor) { Material = primary }, null);
    }

    private static ParsedSubkey? Subkey(KeyMaterial primary, Component component, Func<SignaturePacket, Component?, bool> valid, List<ReadOnlyMemory<byte>> kept)
    {
        if (component.Subkey is not { Version: 4 } subkey)
        {
            return null;
        }

        var bindings = component.Signatures.Where(s => s.Type == SignatureType.SubkeyBinding && valid(s, component)).ToList();
        if (bindings.Count == 0)
        {
            return null;
        }

        var revocations = component.Signatures.Where(s => s.Type == SignatureType.SubkeyRevocation && valid(s, component)).ToList();
        kept.Add(component.Raw);
        kept.AddRange(bindings.Concat(revocations).Select(s => s.Raw));
        var binding = bindings.MaxBy(s => s.Created)!;
        var signs = ((binding.KeyFlags ?? (KeyAlgorithm.CanSign(subkey.Algorithm) ? SignDataFlag : 0)) & SignDataFlag) != 0;
        var backSigned = signs && BackSigned(binding, primary, subkey);
        var revoked = revocations.Count == 0 ? (DateTime?)null : Utc(revocations.Min(r => r.Created));
        return new ParsedSubkey(subkey.FingerprintHex, Utc(subkey.Created), Expiry(subkey, binding), revoked, signs && backSigned, backSigned)
        {
            Material = subkey,
        };
    }

    /// <summary>Whether a subkey binding embeds a valid primary-key binding signature made by the subkey.</summary>
    private static bool BackSigned(SignaturePacket binding, KeyMaterial primary, KeyMaterial subkey)
    {
        // GnuPG puts the back-signature in the unhashed area: it is a signature itself, so that is safe.
        foreach (var body in binding.Embedded)
        {
            try
            {
                var embedded = SignaturePacket.ParseEmbedded(body);
                if (embedded.Type == SignatureType.PrimaryKeyBinding && embedded.HashAlgorithm != PgpHashAlgorithm.Md5
                    && Verification.Certifies(embedded, subkey, primary, new Component(new Packet(PacketTag.PublicSubkey, subkey.Body, default), subkey, null)))
                {
                    return true;
                }
            }
            catch (DomainException)
            {
                // An unreadable embedded signature is no back-signature.
            }
        }

        return false;
    }

    private static DateTime? Expiry(KeyMaterial key, SignaturePacket signature)
    {
        if (key.ValidDays > 0)
        {
            return Utc(key.Created).AddDays(key.ValidDays);
        }

        var seconds = signature.KeyExpirationSeconds ?? 0;
        return seconds == 0 ? null : Utc(key.Created).AddSeconds(seconds);
    }

    /// <summary>A user id as UTF-8 (RFC 4880 says so), or as Latin-1 when its bytes are not UTF-8, as keys from the 1990s often are.</summary>
    private static string Text(ReadOnlySpan<byte> userId)
    {
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(userId);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(userId);
        }
    }

    private static byte[] Concat(List<ReadOnlyMemory<byte>> parts)
    {
        var bytes = new byte[parts.Sum(p => p.Length)];
        var at = 0;
        foreach (var part in parts)
        {
            part.Span.CopyTo(bytes.AsSpan(at));
            at += part.Length;
        }

        return bytes;
    }

    private static DateTime Utc(DateTime time) => DateTime.SpecifyKind(time, DateTimeKind.Utc);
}
