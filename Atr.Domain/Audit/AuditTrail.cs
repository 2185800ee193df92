using System.Text.Json;
using Atr.Domain.Access;
using Atr.Domain.Data;

namespace Atr.Domain.Audit;

/// <summary>Adds audit events to the unit of work, so that they commit (or not) with the write they describe.</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// Records that <paramref name="actor"/> did <paramref name="action"/> (e.g. <c>release.start</c>) to an object.
    /// <paramref name="before"/> and <paramref name="after"/> are the relevant values, never secrets.
    /// </summary>
    public static void Audit(
        this AtrDbContext db,
        Actor actor,
        DateTime now,
        string action,
        string entityType,
        string entityKey,
        string? committee,
        object? before = null,
        object? after = null)
    {
        db.AuditEvents.Add(new AuditEvent(
            now,
            actor.UserId ?? "anonymous",
            action,
            entityType,
            entityKey,
            committee,
            before is null ? null : JsonSerializer.Serialize(before, Json),
            after is null ? null : JsonSerializer.Serialize(after, Json)));
    }
}
