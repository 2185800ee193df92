using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Storage;

public sealed record SweepResult(int BlobsDeleted, long BytesFreed, int TemporaryFilesDeleted);

/// <summary>
/// Removes stored content that no revision refers to any more (after a draft was deleted, or an upload was never
/// committed) and temporary files left by interrupted uploads. Anything younger than the grace period is kept, so
/// that an upload in progress never loses its content before its revision is written.
/// </summary>
public sealed class StorageSweeper(IDbContextFactory<AtrDbContext> factory, ArtifactStore store, TimeProvider time, ILogger<StorageSweeper> logger)
{
    public static readonly TimeSpan GracePeriod = TimeSpan.FromDays(1);

    public async Task<SweepResult> SweepAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now - GracePeriod;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var referenced = (await db.RevisionFiles.AsNoTracking().Select(f => f.Sha256).Distinct().ToListAsync(cancellationToken))
            .ToHashSet(StringComparer.Ordinal);

        var deleted = 0;
        long freed = 0;
        foreach (var (sha256, written) in store.List().ToList())
        {
            if (written >= cutoff || referenced.Contains(sha256))
            {
                continue;
            }

            freed += new FileInfo(store.PathOf(sha256)).Length;
            store.Delete(sha256);
            deleted++;
        }

        var temporary = 0;
        foreach (var path in store.StaleTemporaryFiles(cutoff).ToList())
        {
            File.Delete(path);
            temporary++;
        }

        var result = new SweepResult(deleted, freed, temporary);
        if (deleted + temporary > 0)
        {
            db.Audit(Actor.System, now, "storage.sweep", "Storage", "blobs", null, after: result);
            await db.SaveChangesAsync(cancellationToken);
            logger.LogInformation("Storage sweep removed {Blobs} unreferenced blob(s) ({Bytes} bytes) and {Temporary} temporary file(s)",
                deleted, freed, temporary);
        }

        return result;
    }
}
