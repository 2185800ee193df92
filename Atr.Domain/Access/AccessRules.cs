using Atr.Domain.Committees;

namespace Atr.Domain.Access;

/// <summary>The one place that says what level an actor has and refuses an action below it.</summary>
public static class AccessRules
{
    /// <summary>The actor's level for <paramref name="committee"/>, from the committee's lists as they are now.</summary>
    public static AccessLevel LevelIn(this Actor actor, Committee? committee)
    {
        if (actor.IsAdmin)
        {
            return AccessLevel.Admin;
        }

        if (actor.UserId is not { } user)
        {
            return AccessLevel.Public;
        }

        if (committee is null)
        {
            return AccessLevel.Committer;
        }

        if (committee.CommitteeMembers.Contains(user))
        {
            return AccessLevel.Member;
        }

        return committee.Committers.Contains(user) || committee.ReleaseManagers.Contains(user)
            ? AccessLevel.Participant
            : AccessLevel.Committer;
    }

    /// <summary>
    /// Whether the actor appears to hold <paramref name="level"/> for the committee, judged from the sets captured
    /// when the actor was resolved. For showing or hiding actions only: the domain checks again when the action runs.
    /// </summary>
    public static bool Holds(this Actor actor, AccessLevel level, string? committee) => level switch
    {
        AccessLevel.Public => true,
        _ when actor.IsAdmin => true,
        AccessLevel.Committer => actor.IsSignedIn,
        AccessLevel.Participant => committee is not null && (actor.ParticipantOf.Contains(committee) || actor.MemberOf.Contains(committee)),
        AccessLevel.Member => committee is not null && actor.MemberOf.Contains(committee),
        _ => false,
    };

    /// <summary>Throws <see cref="AccessDeniedException"/> unless the actor has <paramref name="required"/> for the committee.</summary>
    /// <param name="action">What is being done, completing "To ... you must be": "start a release of widget".</param>
    public static void Require(this Actor actor, AccessLevel required, Committee? committee, string action)
    {
        if (actor.LevelIn(committee) < required)
        {
            throw new AccessDeniedException(action, required, committee?.Name, actor);
        }
    }

    /// <summary>Throws unless the actor is signed in.</summary>
    public static string RequireSignedIn(this Actor actor, string action)
    {
        actor.Require(AccessLevel.Committer, null, action);
        return actor.UserId!;
    }

    /// <summary>Throws unless the actor is an administrator.</summary>
    public static void RequireAdmin(this Actor actor, string action) => actor.Require(AccessLevel.Admin, null, action);
}
