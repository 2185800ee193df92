using Atr.Domain.Revisions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Atr.Domain.Data.Interceptors;

/// <summary>
/// Before insert, each new revision follows the newest one of its release: Seq = highest Seq + 1 (first is 1),
/// Number = Seq as five digits, ParentName = the previous revision, Name = "{release} {number}". Two writers can
/// read the same highest Seq; the unique indexes on (release, seq) and (release, number) make the second insert
/// fail, and <see cref="RevisionWriter"/> retries it.
/// </summary>
internal sealed class RevisionNumberingInterceptor : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        var context = eventData.Context!;
        var added = context.ChangeTracker.Entries<Revision>().Where(e => e.State == EntityState.Added).ToList();
        var highest = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var entry in added)
        {
            var releaseName = entry.Entity.ReleaseName;
            if (!highest.TryGetValue(releaseName, out var previous))
            {
                previous = await context.Set<Revision>()
                    .Where(r => r.ReleaseName == releaseName)
                    .MaxAsync(r => (int?)r.Seq, cancellationToken) ?? 0;
            }

            var seq = previous + 1;
            var number = Revision.FormatNumber(seq);
            entry.Property(r => r.Seq).CurrentValue = seq;
            entry.Property(r => r.Number).CurrentValue = number;
            entry.Property(r => r.ParentName).CurrentValue =
                previous == 0 ? null : Revision.MakeName(releaseName, Revision.FormatNumber(previous));
            entry.Property(r => r.Name).CurrentValue = Revision.MakeName(releaseName, number);
            highest[releaseName] = seq;
        }

        return result;
    }
}
