using System.Text.Json;
using Atr.Domain.Access;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

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

    /// <summary>
    /// The <c>after</c> value of the newest <paramref name="action"/>, read back as <typeparamref name="T"/>, with when
    /// and by whom it was recorded: how a job's last report is kept across restarts. Null when there is none.
    /// </summary>
    public static async Task<(DateTime Occurred, string Actor, T Value)?> LatestAsync<T>(this AtrDbContext db, string action, CancellationToken cancellationToken)
        where T : class
    {
        var latest = await db.AuditEvents.AsNoTracking()
            .Where(e => e.Action == action)
            .OrderByDescending(e => e.Id)
            .Select(e => new { e.Occurred, e.Actor, e.After })
            .FirstOrDefaultAsync(cancellationToken);
        return latest?.After is { } after && JsonSerializer.Deserialize<T>(after, Json) is { } value ? (latest.Occurred, latest.Actor, value) : null;
    }
}
