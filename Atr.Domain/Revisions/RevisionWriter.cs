using Atr.Domain.Common;
using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Revisions;

/// <summary>The one code path that adds a revision to a release.</summary>
public sealed class RevisionWriter(IDbContextFactory<AtrDbContext> factory, ILogger<RevisionWriter> logger)
{
    /// <summary>How often a write that lost the race for the next number is tried again.</summary>
    public const int MaxAttempts = 10;

    /// <summary>
    /// Adds a revision with the given manifest to the release and returns its number. When another writer took the
    /// same number first, the unique constraint refuses this one and the write is tried again with the next number.
    /// </summary>
    public async Task<string> AddAsync(
        string releaseName,
        string asfUid,
        DateTime created,
        string? description,
        IReadOnlyList<ManifestEntry> files,
        CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var release = await db.Releases.SingleOrDefaultAsync(r => r.Name == releaseName, cancellationToken)
                ?? throw new NotFoundException($"Release {releaseName}");
            var revision = new Revision(release, asfUid, created, description);
            revision.Files.AddRange(files.Select(f => new RevisionFile(f.Path, f.Size, f.Sha256, f.Sha512)));
            db.Revisions.Add(revision);
            try
            {
                await db.SaveChangesAsync(cancellationToken);
                return revision.Number;
            }
            catch (DuplicateException e) when (e.EntityType == typeof(Revision) && attempt < MaxAttempts)
            {
                logger.LogInformation("Revision number {Number} of {Release} was taken meanwhile; trying again", revision.Number, releaseName);
            }
        }
    }
}
