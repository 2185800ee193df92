using Atr.Domain.Common;

namespace Atr.Domain.Keys;

/// <summary>An OpenPGP public key that release managers sign with.</summary>
public sealed class PublicSigningKey : IDescribedEntity
{
    public const int FingerprintMaxLength = 64;
    public const int UidMaxLength = 500;

    private PublicSigningKey()
    {
    }

    public PublicSigningKey(string fingerprint, int algorithm, int length, DateTime created, string asciiArmoredKey)
    {
        if (fingerprint.Length is < 40 or > FingerprintMaxLength || !fingerprint.All(char.IsAsciiHexDigitLower))
        {
            throw new DomainException($"'{fingerprint}' is not a fingerprint: expected 40 to {FingerprintMaxLength} lowercase hex digits");
        }

        Fingerprint = fingerprint;
        Algorithm = algorithm;
        Length = length;
        Created = created;
        AsciiArmoredKey = asciiArmoredKey;
    }

    /// <summary>Lowercase hex fingerprint of the primary key; the primary key of the table.</summary>
    public string Fingerprint { get; private set; } = null!;

    /// <summary>OpenPGP public-key algorithm id (1 RSA, 17 DSA, 18 ECDH, 19 ECDSA, 22 EdDSA, ...).</summary>
    public int Algorithm { get; private set; }

    /// <summary>Key size in bits (curve size for elliptic curves).</summary>
    public int Length { get; private set; }

    public DateTime Created { get; private set; }

    /// <summary>Time of the newest valid self-signature.</summary>
    public DateTime? LatestSelfSignature { get; set; }

    public DateTime? Expires { get; set; }

    /// <summary>When the key's own revocation took effect; once set, never cleared.</summary>
    public DateTime? Revoked { get; set; }

    /// <summary>The elliptic curve of an ECC key (Ed25519, NIST P-256, ...).</summary>
    public string? Curve { get; set; }

    public string? PrimaryDeclaredUid { get; set; }

    public List<string> SecondaryDeclaredUids { get; set; } = [];

    /// <summary>The user id of the key's owner, when it could be derived.</summary>
    public string? ApacheUid { get; set; }

    public string AsciiArmoredKey { get; set; } = null!;

    public List<KeyLink> CommitteeLinks { get; private set; } = [];

    public string Describe() => $"key {Fingerprint.ToUpperInvariant()}";
}
