using System.Data.Common;
using Atr.Domain.Audit;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Atr.Domain.Data.Interceptors;

/// <summary>
/// Appends audit events to the audit file once the database has committed them: after a save outside any
/// transaction, or when the transaction around one or more saves commits. Events of a save that failed or of a
/// transaction rolled back are dropped. The events waiting are kept on the context; this interceptor is a
/// stateless singleton.
/// </summary>
internal sealed class AuditFileInterceptor(AuditFileWriter writer) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    public ValueTask<InterceptionResult<int>> SavingChangesAsync(
        DbContextEventData eventData,
        InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AtrDbContext db)
        {
            db.AuditEventsInFlight.AddRange(db.ChangeTracker.Entries<AuditEvent>()
                .Where(e => e.State == EntityState.Added)
                .Select(e => e.Entity));
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AtrDbContext db && db.Database.CurrentTransaction is null)
        {
            Flush(db);
        }

        return ValueTask.FromResult(result);
    }

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AtrDbContext db)
        {
            db.AuditEventsInFlight.RemoveAll(e => db.Entry(e).State == EntityState.Added);
        }

        return Task.CompletedTask;
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AtrDbContext db)
        {
            Flush(db);
        }

        return Task.CompletedTask;
    }

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (eventData.Context is AtrDbContext db)
        {
            db.AuditEventsInFlight.Clear();
        }

        return Task.CompletedTask;
    }

    private void Flush(AtrDbContext db)
    {
        if (db.AuditEventsInFlight.Count > 0)
        {
            writer.Append(db.AuditEventsInFlight.ToList());
            db.AuditEventsInFlight.Clear();
        }
    }
}
