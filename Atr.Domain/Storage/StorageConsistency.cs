using System.Security.Cryptography;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Storage;

public enum StorageProblemKind
{
    /// <summary>A revision's manifest names content that is not in the store: its file cannot be served or checked.</summary>
    Missing,

    /// <summary>Stored content no longer hashes to its name: tampering or disk corruption.</summary>
    Corrupt,

    /// <summary>Content no revision refers to: collected by the nightly sweep once a day old.</summary>
    Orphaned,

    /// <summary>A temporary file that no upload holds, left by a crash or a cut connection: removed at the next start.</summary>
    Leftover,
}

/// <param name="Sha256">The content's SHA-256; for a <see cref="StorageProblemKind.Leftover"/>, the temporary file's name.</param>
/// <param name="Where">A file that refers to the content (release, revision and path), when one does.</param>
public sealed record StorageProblem(StorageProblemKind Kind, string Sha256, string Detail, string? Where);

/// <summary>What one consistency check of the artifact store found. <see cref="Problems"/> keeps the first few of each kind.</summary>
public sealed record StorageReport(
    DateTime Started,
    DateTime Finished,
    string Actor,
    int BlobsChecked,
    long BytesChecked,
    int Missing,
    int Corrupt,
    int Orphaned,
    long OrphanedBytes,
    IReadOnlyList<StorageProblem> Problems,
    int Leftovers = 0,
    long LeftoverBytes = 0)
{
    /// <summary>Whether every referenced file is present and intact (orphans are collectable, not a fault).</summary>
    public bool Healthy => Missing == 0 && Corrupt == 0;
}

/// <summary>A consistency check of the store has finished.</summary>
public sealed record StorageChecked(StorageReport Report) : DomainEvent;

/// <summary>A consistency check of the store stopped before its end, with why.</summary>
public sealed record StorageCheckFailed(string Error) : DomainEvent;

/// <summary>
/// Checks the artifact store against the revisions (administrators; nightly as the system): every file a manifest
/// names must be stored, and every stored blob must still hash to its name. Unreferenced blobs are counted as
/// collectable, and temporary files that no upload holds as leftovers. The report is kept in the audit trail, so that the dashboard shows the latest one after a restart.
/// </summary>
public sealed class StorageConsistency(
    IDbContextFactory<AtrDbContext> factory, ArtifactStore store, TimeProvider time, IDomainEventPublisher events, ILogger<StorageConsistency> logger)
{
    public const string AuditAction = "storage.check";

    /// <summary>How many problems of each kind a report lists; the counts are always complete.</summary>
    public const int ProblemsKeptPerKind = 50;

    public async Task<StorageReport> CheckAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("check the artifact store");
        var started = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var referenced = (await db.RevisionFiles.AsNoTracking()
                .Select(f => new { f.Sha256, f.RevisionName, f.Path })
                .ToListAsync(cancellationToken))
            .GroupBy(f => f.Sha256, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => $"{g.First().RevisionName} {g.First().Path}", StringComparer.Ordinal);

        var problems = new List<StorageProblem>();
        var counts = new Dictionary<StorageProblemKind, int>();
        void Found(StorageProblem problem)
        {
            counts[problem.Kind] = counts.GetValueOrDefault(problem.Kind) + 1;
            if (counts[problem.Kind] <= ProblemsKeptPerKind)
            {
                problems.Add(problem);
            }
        }

        foreach (var (sha256, where) in referenced.Where(r => !store.Exists(r.Key)))
        {
            Found(new StorageProblem(StorageProblemKind.Missing, sha256, "The manifest names content that is not stored", where));
        }

        var blobs = 0;
        long bytes = 0;
        long orphanedBytes = 0;
        foreach (var (sha256, _) in store.List().ToList())
        {
            cancellationToken.ThrowIfCancellationRequested();
            long length;
            string actual;
            try
            {
                length = new FileInfo(store.PathOf(sha256)).Length;
                actual = await HashAsync(store.PathOf(sha256), cancellationToken);
            }
            catch (FileNotFoundException)
            {
                // The nightly sweep removed it meanwhile: it was unreferenced, and is no longer stored.
                continue;
            }

            blobs++;
            bytes += length;
            referenced.TryGetValue(sha256, out var where);
            if (!string.Equals(actual, sha256, StringComparison.Ordinal))
            {
                Found(new StorageProblem(StorageProblemKind.Corrupt, sha256, $"The content now hashes to {actual}", where));
            }
            else if (where is null)
            {
                orphanedBytes += length;
                Found(new StorageProblem(StorageProblemKind.Orphaned, sha256, $"{length:N0} bytes that no revision refers to", null));
            }
        }

        long leftoverBytes = 0;
        foreach (var leftover in store.LeftoverTemporaryFiles())
        {
            leftoverBytes += leftover.Length;
            Found(new StorageProblem(StorageProblemKind.Leftover, leftover.Name,
                $"A temporary file of {leftover.Length:N0} bytes that no upload holds, last written {leftover.LastWriteTimeUtc:yyyy-MM-dd HH:mm} UTC", null));
        }

        var report = new StorageReport(started, time.GetUtcNow().UtcDateTime, actor.UserId ?? Actor.SystemUserId, blobs, bytes,
            counts.GetValueOrDefault(StorageProblemKind.Missing), counts.GetValueOrDefault(StorageProblemKind.Corrupt),
            counts.GetValueOrDefault(StorageProblemKind.Orphaned), orphanedBytes, problems,
            counts.GetValueOrDefault(StorageProblemKind.Leftover), leftoverBytes);
        db.Audit(actor, report.Finished, AuditAction, "Storage", "blobs", null, after: report);
        await db.SaveChangesAsync(cancellationToken);
        if (!report.Healthy)
        {
            logger.LogError("Storage check: {Missing} missing and {Corrupt} corrupt blob(s) among {Blobs}", report.Missing, report.Corrupt, blobs);
        }

        events.Publish(new StorageChecked(report));
        return report;
    }

    /// <summary>The newest report, or null when the store was never checked (administrators).</summary>
    public async Task<StorageReport?> LatestAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("read the storage check");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return (await db.LatestAsync<StorageReport>(AuditAction, cancellationToken))?.Value;
    }

    private static async Task<string> HashAsync(string path, CancellationToken cancellationToken)
    {
        await using var content = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.Asynchronous | FileOptions.SequentialScan);
        return Convert.ToHexStringLower(await SHA256.HashDataAsync(content, cancellationToken));
    }
}
