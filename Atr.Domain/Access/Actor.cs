namespace Atr.Domain.Access;

/// <summary>
/// Who is acting: a signed-in user (from the web sign-in or a personal access token), nobody (anonymous), or Atr
/// itself. The committee sets describe the user for display; the domain decides access from the committee's own
/// lists at the time of the action, so a change of membership applies at once.
/// </summary>
public sealed record Actor
{
    /// <summary>The user id that Atr itself acts as (scheduled work, the operator's command line).</summary>
    public const string SystemUserId = "system";

    public static readonly Actor Anonymous = new();

    public static readonly Actor System = new() { UserId = SystemUserId, FullName = "Atr", IsAdmin = true, IsSystem = true };

    public string? UserId { get; init; }

    public string? FullName { get; init; }

    public string? Email { get; init; }

    /// <summary>Named in <c>Atr:Admins</c>.</summary>
    public bool IsAdmin { get; init; }

    /// <summary>Atr acting on its own behalf, not a person.</summary>
    public bool IsSystem { get; init; }

    public IReadOnlySet<string> MemberOf { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> ParticipantOf { get; init; } = new HashSet<string>();

    public IReadOnlySet<string> ReleaseManagerOf { get; init; } = new HashSet<string>();

    public bool IsSignedIn => UserId is not null;

    /// <summary>Every committee the actor has a role in, by name.</summary>
    public IReadOnlyList<string> Committees => MemberOf.Union(ParticipantOf).Union(ReleaseManagerOf).Order(StringComparer.Ordinal).ToList();

    /// <summary>For messages: "carl", or "an anonymous visitor".</summary>
    public string Name => UserId ?? "an anonymous visitor";

    /// <summary>The actor's roles in one committee: <c>member</c>, <c>committer</c>, <c>release-manager</c>.</summary>
    public IReadOnlyList<string> RolesIn(string committee)
    {
        var roles = new List<string>();
        if (MemberOf.Contains(committee))
        {
            roles.Add("member");
        }

        if (ParticipantOf.Contains(committee))
        {
            roles.Add("committer");
        }

        if (ReleaseManagerOf.Contains(committee))
        {
            roles.Add("release-manager");
        }

        return roles;
    }
}
