using Atr.Domain.Common;

namespace Atr.Domain.Access;

/// <summary>A token a user made to call the API. Only a hash of the token is stored.</summary>
public sealed class PersonalAccessToken : IDescribedEntity
{
    public const int LabelMaxLength = 100;
    public const int TokenHashLength = 64;

    private PersonalAccessToken()
    {
    }

    public PersonalAccessToken(string asfUid, string tokenHash, DateTime created, DateTime expires, string? label)
    {
        if (label?.Length > LabelMaxLength)
        {
            throw new DomainException($"A token label must be at most {LabelMaxLength} characters");
        }

        if (expires <= created)
        {
            throw new DomainException("A token must expire after it is created");
        }

        AsfUid = asfUid;
        TokenHash = tokenHash;
        Created = created;
        Expires = expires;
        Label = label;
    }

    public int Id { get; private set; }

    public string AsfUid { get; private set; } = null!;

    /// <summary>Lowercase hex hash of the token's plaintext.</summary>
    public string TokenHash { get; private set; } = null!;

    public DateTime Created { get; private set; }

    public DateTime Expires { get; private set; }

    public DateTime? LastUsed { get; set; }

    public string? Label { get; private set; }

    /// <summary>When the owner (or an administrator) revoked the token; a revoked token never works again.</summary>
    public DateTime? Revoked { get; private set; }

    public bool IsUsableAt(DateTime now) => Revoked is null && now < Expires;

    public void Revoke(DateTime now)
    {
        if (Revoked is not null)
        {
            throw new DomainException($"{Describe()} was already revoked");
        }

        Revoked = now;
    }

    public string Describe() => Label is null ? "this token" : $"token '{Label}'";
}
