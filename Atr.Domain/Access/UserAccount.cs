using Atr.Domain.Common;

namespace Atr.Domain.Access;

/// <summary>A person who has signed in to Atr (or was named by the demo data): id, name and email.</summary>
public sealed class UserAccount : IDescribedEntity
{
    public const int FullNameMaxLength = 200;
    public const int EmailMaxLength = 320;

    private UserAccount()
    {
    }

    public UserAccount(string id, string? fullName, string? email, DateTime now)
    {
        if (!Names.IsUserId(id))
        {
            throw new DomainException($"'{id}' is not a valid user id");
        }

        Id = id;
        FirstSeen = now;
        Update(fullName, email, now);
    }

    public string Id { get; private set; } = null!;

    public string? FullName { get; private set; }

    public string? Email { get; private set; }

    public DateTime FirstSeen { get; private set; }

    public DateTime LastSeen { get; private set; }

    public void Update(string? fullName, string? email, DateTime now)
    {
        FullName = Trim(fullName, FullNameMaxLength);
        Email = Trim(email, EmailMaxLength)?.ToLowerInvariant();
        LastSeen = now;
    }

    public string Describe() => $"user {Id}";

    private static string? Trim(string? value, int maxLength)
    {
        var trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed.Length > maxLength ? trimmed[..maxLength] : trimmed;
    }
}
