using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Audit;

public sealed record AuditEntry(
    long Id,
    DateTime Occurred,
    string Actor,
    string Action,
    string EntityType,
    string EntityKey,
    string? CommitteeName,
    string? Before,
    string? After);

/// <summary>A search of the audit trail; every filter is optional. Text filters match the start of the value.</summary>
public sealed record AuditQuery(PageRequest Page, string? Actor = null, string? Action = null, string? Committee = null, DateTime? From = null, DateTime? To = null);

/// <summary>Reads the audit trail (administrators only).</summary>
public sealed class AuditService(IDbContextFactory<AtrDbContext> factory)
{
    public async Task<Page<AuditEntry>> SearchAsync(Actor actor, AuditQuery query, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("read the audit trail");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var events = db.AuditEvents.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var who = query.Actor.Trim();
            events = events.Where(e => e.Actor == who);
        }

        if (!string.IsNullOrWhiteSpace(query.Action))
        {
            var action = query.Action.Trim();
            events = events.Where(e => e.Action.StartsWith(action));
        }

        if (!string.IsNullOrWhiteSpace(query.Committee))
        {
            var committee = query.Committee.Trim();
            events = events.Where(e => e.CommitteeName == committee);
        }

        if (query.From is { } from)
        {
            events = events.Where(e => e.Occurred >= from);
        }

        if (query.To is { } to)
        {
            events = events.Where(e => e.Occurred < to);
        }

        var total = await events.CountAsync(cancellationToken);
        var items = await events
            .OrderByDescending(e => e.Occurred)
            .ThenByDescending(e => e.Id)
            .Skip(query.Page.Skip)
            .Take(query.Page.Take)
            .Select(e => new AuditEntry(e.Id, e.Occurred, e.Actor, e.Action, e.EntityType, e.EntityKey, e.CommitteeName, e.Before, e.After))
            .ToListAsync(cancellationToken);
        return new Page<AuditEntry>(items, total);
    }

    /// <summary>The distinct actions recorded so far, for the page's filter.</summary>
    public async Task<IReadOnlyList<string>> ActionsAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("read the audit trail");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.AuditEvents.AsNoTracking().Select(e => e.Action).Distinct().OrderBy(a => a).ToListAsync(cancellationToken);
    }
}
