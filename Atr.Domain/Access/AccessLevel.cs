namespace Atr.Domain.Access;

/// <summary>What an actor may do for one committee; each level includes the ones before it.</summary>
public enum AccessLevel
{
    /// <summary>Anyone, signed in or not.</summary>
    Public,

    /// <summary>Any signed-in user.</summary>
    Committer,

    /// <summary>A committer of the committee (or one of its release managers).</summary>
    Participant,

    /// <summary>A member of the committee (PMC or PPMC).</summary>
    Member,

    /// <summary>An administrator of this Atr instance.</summary>
    Admin,
}

public static class AccessLevelExtensions
{
    public static string Describe(this AccessLevel level, string? committee) => level switch
    {
        AccessLevel.Public => "no sign-in",
        AccessLevel.Committer => "a signed-in user",
        AccessLevel.Participant => $"a committer of {committee}",
        AccessLevel.Member => $"a member of {committee}",
        _ => "an administrator",
    };
}
