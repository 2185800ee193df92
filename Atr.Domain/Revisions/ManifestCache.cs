using Atr.Domain.Data;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Revisions;

/// <summary>
/// The manifests of the revisions read most recently, frozen. A committed revision never changes, so its manifest
/// can be shared: the check engine reads the same one for every task of a revision, and loading a 10,000-file
/// manifest per task would make a revision's checks cost the square of its size.
/// </summary>
public sealed class ManifestCache(IDbContextFactory<AtrDbContext> factory)
{
    /// <summary>How many revisions are kept: enough for the releases whose checks run at the same time.</summary>
    public const int Capacity = 16;

    private readonly Lock _lock = new();
    private readonly LinkedList<(string Revision, Manifest Manifest)> _recent = [];

    /// <summary>The files of the committed revision <paramref name="revisionName"/>; empty when there is no such revision.</summary>
    public async Task<Manifest> GetAsync(string revisionName, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            for (var node = _recent.First; node is not null; node = node.Next)
            {
                if (node.Value.Revision == revisionName)
                {
                    _recent.Remove(node);
                    _recent.AddFirst(node);
                    return node.Value.Manifest;
                }
            }
        }

        Manifest manifest;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            if (!await db.Revisions.AnyAsync(r => r.Name == revisionName, cancellationToken))
            {
                return Manifest.Empty.Freeze();
            }

            manifest = (await RevisionWriter.LoadManifestAsync(db, revisionName, cancellationToken)).Freeze();
        }

        lock (_lock)
        {
            if (_recent.All(r => r.Revision != revisionName))
            {
                _recent.AddFirst((revisionName, manifest));
                if (_recent.Count > Capacity)
                {
                    _recent.RemoveLast();
                }
            }
        }

        return manifest;
    }

    /// <summary>Drops the revisions of a deleted release: a new release of the same name will reuse their names.</summary>
    public void Forget(string releaseName)
    {
        lock (_lock)
        {
            for (var node = _recent.First; node is not null;)
            {
                var next = node.Next;
                if (node.Value.Revision.StartsWith(releaseName + " ", StringComparison.Ordinal))
                {
                    _recent.Remove(node);
                }

                node = next;
            }
        }
    }
}
