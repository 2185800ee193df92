using Atr.Domain.Committees;
using Atr.Domain.Common;

namespace Atr.Domain.Keys;

/// <summary>A signing key a committee accepts for its releases.</summary>
public sealed class KeyLink : IDescribedEntity
{
    private KeyLink()
    {
    }

    public KeyLink(string committeeName, string keyFingerprint)
    {
        CommitteeName = committeeName;
        KeyFingerprint = keyFingerprint;
    }

    public string CommitteeName { get; private set; } = null!;

    public Committee Committee { get; private set; } = null!;

    public string KeyFingerprint { get; private set; } = null!;

    public PublicSigningKey Key { get; private set; } = null!;

    public string Describe() => $"link of key {KeyFingerprint.ToUpperInvariant()} to committee {CommitteeName}";
}
