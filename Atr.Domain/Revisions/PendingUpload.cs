using Atr.Domain.Access;
using Atr.Domain.Data;
using Atr.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Revisions;

/// <summary>
/// One upload to a release in Compose, begun by <see cref="RevisionService.BeginUploadAsync"/> once the actor may
/// change the release: its files stream into the store, then <see cref="CommitAsync"/> makes the revision. Disposed
/// without a commit (refused, cancelled, failed), it removes the content it brought, so nothing of a refused upload is
/// kept.
/// </summary>
public sealed class PendingUpload : IAsyncDisposable
{
    private readonly RevisionService _revisions;
    private readonly ArtifactStore _store;
    private readonly IDbContextFactory<AtrDbContext> _factory;
    private readonly Actor _actor;
    private readonly string _via;
    private readonly long _maxBytes;
    private readonly List<(StoredBlob Blob, bool Brought)> _held = [];
    private bool _committed;

    internal PendingUpload(
        RevisionService revisions, ArtifactStore store, IDbContextFactory<AtrDbContext> factory, Actor actor,
        string projectName, string version, string via, long maxBytes)
    {
        _revisions = revisions;
        _store = store;
        _factory = factory;
        _actor = actor;
        ProjectName = projectName;
        Version = version;
        _via = via;
        _maxBytes = maxBytes;
    }

    public string ProjectName { get; }

    public string Version { get; }

    /// <summary>Stores one file's content; refuses it with a <see cref="Common.PayloadTooLargeException"/> past the upload limit.</summary>
    public async Task<StoredBlob> StoreAsync(Stream content, IProgress<long>? progress, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_committed, this);
        var stored = await _store.StoreHeldAsync(content, _maxBytes, progress, cancellationToken);
        _held.Add(stored);
        return stored.Blob;
    }

    /// <summary>Makes the revision that adds (or replaces) <paramref name="files"/>, whose content this upload stored.</summary>
    public async Task<RevisionCreated> CommitAsync(IReadOnlyList<UploadedFile> files, CancellationToken cancellationToken)
    {
        var created = await _revisions.UploadAsync(_actor, ProjectName, Version, files, _via, cancellationToken);
        _committed = true;
        return created;
    }

    public async ValueTask DisposeAsync()
    {
        if (_held.Count == 0)
        {
            return;
        }

        // A commit may have reached the database although it reported a failure: content a revision refers to stays.
        var referenced = new HashSet<string>(StringComparer.Ordinal);
        var brought = _held.Where(h => h.Brought).Select(h => h.Blob.Sha256).Distinct().ToList();
        if (!_committed && brought.Count > 0)
        {
            await using var db = await _factory.CreateDbContextAsync(CancellationToken.None);
            referenced.UnionWith(await db.RevisionFiles.AsNoTracking().Where(f => brought.Contains(f.Sha256)).Select(f => f.Sha256)
                .Distinct().ToListAsync(CancellationToken.None));
        }

        foreach (var (blob, wasBrought) in _held)
        {
            _store.Release(blob.Sha256, wasBrought, discard: !_committed, referenced.Contains(blob.Sha256));
        }

        _held.Clear();
    }
}
