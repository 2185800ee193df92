namespace Atr.Domain.Audit;

/// <summary>A record of one write: who did what to which object, and the object before and after.</summary>
public sealed class AuditEvent
{
    public const int ActionMaxLength = 100;
    public const int EntityMaxLength = 300;

    private AuditEvent()
    {
    }

    public AuditEvent(
        DateTime occurred,
        string actor,
        string action,
        string entityType,
        string entityKey,
        string? committeeName,
        string? before,
        string? after)
    {
        Occurred = occurred;
        Actor = actor;
        Action = action;
        EntityType = entityType;
        EntityKey = entityKey;
        CommitteeName = committeeName;
        Before = before;
        After = after;
    }

    public long Id { get; private set; }

    public DateTime Occurred { get; private set; }

    /// <summary>User id of the actor, or <c>system</c>.</summary>
    public string Actor { get; private set; } = null!;

    /// <summary>What was done, e.g. <c>release.start</c>.</summary>
    public string Action { get; private set; } = null!;

    public string EntityType { get; private set; } = null!;

    public string EntityKey { get; private set; } = null!;

    /// <summary>The committee the object belongs to, when it belongs to one.</summary>
    public string? CommitteeName { get; private set; }

    /// <summary>JSON of the object before the write; null for a creation.</summary>
    public string? Before { get; private set; }

    /// <summary>JSON of the object after the write; null for a deletion.</summary>
    public string? After { get; private set; }
}
