using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Revisions;

/// <summary>A revision just made: its number and what changed against the one before.</summary>
public sealed record RevisionCreated(string Number, string Description, ManifestDiff Changes, int FileCount);

/// <summary>
/// The one code path that adds a revision to an existing release (starting a release makes its empty first one). Reading the newest manifest, applying the change and
/// inserting the new revision happen in one transaction that holds the write lock (SQLite's BEGIN IMMEDIATE), so
/// two writers at the same moment make two consecutive revisions and the second contains the first one's files.
/// Where the lock is weaker (another database), the unique constraints refuse the second writer's number and the
/// whole change is applied again on top of the first one's revision.
/// </summary>
public sealed class RevisionWriter(IDbContextFactory<AtrDbContext> factory, ILogger<RevisionWriter> logger)
{
    /// <summary>How often a write that lost the race for the next number is tried again.</summary>
    public const int MaxAttempts = 10;

    /// <param name="change">
    /// Checks the release (access, phase) and changes the manifest of its newest revision in place; returns the
    /// description of the new revision. Throwing aborts the whole operation.
    /// </param>
    /// <param name="alongside">Further writes of the same unit of work, e.g. the checks the new revision needs.</param>
    public async Task<RevisionCreated> AddAsync(
        string releaseName,
        Actor actor,
        DateTime created,
        Func<Release, Manifest, string> change,
        CancellationToken cancellationToken,
        Func<AtrDbContext, Release, Revision, Manifest, CancellationToken, Task>? alongside = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            var release = await db.Releases
                .Include(r => r.Project).ThenInclude(p => p.Committee)
                .Include(r => r.Project).ThenInclude(p => p.ReleasePolicy)
                .SingleOrDefaultAsync(r => r.Name == releaseName, cancellationToken)
                ?? throw new NotFoundException($"Release {releaseName}");
            var before = await LoadManifestAsync(db, release, cancellationToken);
            var manifest = new Manifest(before.Files);
            var description = change(release, manifest);
            Revision revision;
            ManifestDiff changes;
            try
            {
                (revision, changes) = await InsertAsync(db, release, actor, created, description, before, manifest, cancellationToken);
            }
            catch (DuplicateException e) when (e.EntityType == typeof(Revision) && attempt < MaxAttempts)
            {
                logger.LogInformation("Revision number of {Release} was taken meanwhile; trying again", releaseName);
                continue;
            }

            if (alongside is not null)
            {
                await alongside(db, release, revision, manifest, cancellationToken);
            }

            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            return new RevisionCreated(revision.Number, description, changes, manifest.Count);
        }
    }

    /// <summary>
    /// Inserts the revision with <paramref name="manifest"/> as its files, and its audit event, into the caller's
    /// transaction; the revision's phase is the release's phase at this moment.
    /// </summary>
    internal static async Task<(Revision Revision, ManifestDiff Changes)> InsertAsync(
        AtrDbContext db, Release release, Actor actor, DateTime created, string description, Manifest before, Manifest manifest,
        CancellationToken cancellationToken)
    {
        var revision = new Revision(release, actor.UserId ?? Actor.SystemUserId, created, description);
        db.Revisions.Add(revision);
        await db.SaveChangesAsync(cancellationToken);
        await BulkInsert.InsertAsync(db, manifest.Files.Select(f => new RevisionFile(f.Path, f.Size, f.Sha256, f.Sha512)).ToList(),
            cancellationToken, new Dictionary<string, object?> { [nameof(RevisionFile.RevisionName)] = revision.Name });
        var changes = manifest.Compare(before);
        db.Audit(actor, created, "revision.create", nameof(Revision), revision.Name, release.Project.CommitteeName,
            after: new
            {
                number = revision.Number,
                description,
                added = changes.Added.Count,
                removed = changes.Removed.Count,
                changed = changes.Changed.Count,
                files = manifest.Count,
            });
        return (revision, changes);
    }

    /// <summary>The manifest of the release's newest revision (empty when it has none).</summary>
    internal static async Task<Manifest> LoadManifestAsync(AtrDbContext db, Release release, CancellationToken cancellationToken) =>
        release.LatestRevisionNumber is { } latest
            ? await LoadManifestAsync(db, Revision.MakeName(release.Name, latest), cancellationToken)
            : Manifest.Empty;

    internal static async Task<Manifest> LoadManifestAsync(AtrDbContext db, string revisionName, CancellationToken cancellationToken) =>
        new(await db.RevisionFiles.AsNoTracking()
            .Where(f => f.RevisionName == revisionName)
            .Select(f => new ManifestEntry(f.Path, f.Size, f.Sha256, f.Sha512))
            .ToListAsync(cancellationToken));
}
