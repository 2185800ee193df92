using Atr.Domain.Access;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Revisions;

/// <summary>
/// Changes to a release being composed (upload, delete, move, restore), each making exactly one new revision, and
/// the reads that review revisions. Drafts, candidates and previews are visible to the committee's committers;
/// published releases to everyone.
/// </summary>
public sealed class RevisionService(
    IDbContextFactory<AtrDbContext> factory,
    RevisionWriter writer,
    CheckPlanner planner,
    IDomainEventPublisher events,
    ArtifactStore store,
    AtrDomainSettings settings,
    TimeProvider time)
{
    /// <summary>
    /// Begins an upload to a release in Compose. Access and phase are checked here, before any content is read, and
    /// again when the revision is made.
    /// </summary>
    /// <param name="via">How the files come, for the description: "the web interface", "the API".</param>
    public async Task<PendingUpload> BeginUploadAsync(Actor actor, string projectName, string version, string via, CancellationToken cancellationToken)
    {
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            RequireCompose(actor, await FindAsync(db, projectName, version, cancellationToken), $"upload files to {projectName} {version}");
        }

        return new PendingUpload(this, store, factory, actor, projectName, version, via, settings.MaxUploadBytes);
    }

    /// <summary>Adds (or replaces) the uploaded files in one new revision.</summary>
    /// <param name="via">How the files came, for the description: "the web interface", "the API".</param>
    public Task<RevisionCreated> UploadAsync(
        Actor actor, string projectName, string version, IReadOnlyList<UploadedFile> files, string via, CancellationToken cancellationToken)
    {
        if (files.Count == 0)
        {
            throw new DomainException("An upload needs at least one file");
        }

        foreach (var file in files)
        {
            Storage.ReleasePath.Validate(file.Path);
        }

        if (files.GroupBy(f => f.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new DomainException($"Two files of the upload have the same path '{twice.Key}'");
        }

        return ChangeAsync(actor, projectName, version, "upload files to", manifest =>
        {
            var replaced = files.Count(f => manifest.Put(new ManifestEntry(f.Path, f.Blob.Size, f.Blob.Sha256, f.Blob.Sha512)));
            var described = $"Upload of {Count(files.Count, "file")} through {via}";
            return replaced == 0 ? described : $"{described} ({replaced} replaced)";
        }, cancellationToken);
    }

    /// <summary>Deletes files or folders (with everything in them) in one new revision.</summary>
    public Task<RevisionCreated> DeleteAsync(Actor actor, string projectName, string version, IReadOnlyList<string> paths, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            throw new DomainException("Choose at least one file or folder to delete");
        }

        return ChangeAsync(actor, projectName, version, "delete files of", manifest =>
        {
            var removed = paths.Sum(path => manifest.Delete(path).Count);
            return paths.Count == 1 ? $"Deleted {paths[0]}" : $"Deleted {Count(removed, "file")}";
        }, cancellationToken);
    }

    /// <summary>
    /// Removes one file in a new revision with the given description, unless the file changed since the caller read
    /// it (its content hash differs, or it is gone): then nothing changes and the message says so.
    /// </summary>
    internal Task<RevisionCreated> RemoveAsync(
        Actor actor, string projectName, string version, ManifestEntry file, string description, CancellationToken cancellationToken) =>
        ChangeAsync(actor, projectName, version, "delete files of", manifest =>
        {
            if (manifest.Find(file.Path)?.Sha256 != file.Sha256)
            {
                throw new DomainException($"{file.Path} changed in {projectName} {version} meanwhile; it was left as it is");
            }

            manifest.Delete(file.Path);
            return description;
        }, cancellationToken);

    /// <summary>Moves (renames) a file or a folder in one new revision.</summary>
    public Task<RevisionCreated> MoveAsync(Actor actor, string projectName, string version, string from, string to, CancellationToken cancellationToken) =>
        ChangeAsync(actor, projectName, version, "move files of", manifest =>
        {
            var moved = manifest.Move(from, to);
            return moved == 1 && manifest.ContainsFile(to) ? $"Moved {from} to {to}" : $"Moved {from} to {to} ({Count(moved, "file")})";
        }, cancellationToken);

    /// <summary>Makes the files of an earlier revision the newest revision again.</summary>
    public async Task<RevisionCreated> RestoreAsync(Actor actor, string projectName, string version, string number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await FindAsync(db, projectName, version, cancellationToken);
        var revisionName = Revision.MakeName(release.Name, number);
        if (!await db.Revisions.AnyAsync(r => r.Name == revisionName, cancellationToken))
        {
            throw new NotFoundException($"Revision {number} of {projectName} {version}");
        }

        var earlier = await RevisionWriter.LoadManifestAsync(db, revisionName, cancellationToken);
        return await ChangeAsync(actor, projectName, version, "restore a revision of", manifest =>
        {
            manifest.ReplaceWith(earlier.Files);
            return $"Restored revision {number}";
        }, cancellationToken);
    }

    /// <summary>The files of a revision (<paramref name="number"/> "latest" for the newest).</summary>
    public async Task<RevisionFiles> FilesAsync(Actor actor, string projectName, string version, string number, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await FindAsync(db, projectName, version, cancellationToken);
        RequireReview(actor, release);
        var resolved = await ResolveNumberAsync(db, release, number, cancellationToken);
        var manifest = await RevisionWriter.LoadManifestAsync(db, Revision.MakeName(release.Name, resolved), cancellationToken);
        return new RevisionFiles(projectName, version, release.Phase, resolved, manifest.Files.ToList());
    }

    /// <summary>Every revision of the release, newest first, with what each changed against its parent.</summary>
    public async Task<IReadOnlyList<RevisionHistoryEntry>> HistoryAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await FindAsync(db, projectName, version, cancellationToken);
        RequireReview(actor, release);
        var revisions = await db.Revisions.AsNoTracking()
            .Where(r => r.ReleaseName == release.Name)
            .OrderBy(r => r.Seq)
            .Select(r => new { r.Name, r.Number, r.AsfUid, r.Created, r.Phase, r.Description })
            .ToListAsync(cancellationToken);
        var files = (await db.RevisionFiles.AsNoTracking()
                .Where(f => f.RevisionName.StartsWith(release.Name + " "))
                .Select(f => new { f.RevisionName, Entry = new ManifestEntry(f.Path, f.Size, f.Sha256, f.Sha512) })
                .ToListAsync(cancellationToken))
            .ToLookup(f => f.RevisionName, f => f.Entry);

        var history = new List<RevisionHistoryEntry>();
        var parent = Manifest.Empty;
        foreach (var revision in revisions)
        {
            var manifest = new Manifest(files[revision.Name]);
            var diff = manifest.Compare(parent);
            history.Add(new RevisionHistoryEntry(revision.Number, revision.AsfUid, revision.Created, revision.Phase, revision.Description,
                manifest.Count, diff.Added.Count, diff.Removed.Count, diff.Changed.Count));
            parent = manifest;
        }

        history.Reverse();
        return history;
    }

    /// <summary>What differs between two revisions of the release, by path.</summary>
    public async Task<RevisionComparison> CompareAsync(
        Actor actor, string projectName, string version, string from, string to, CancellationToken cancellationToken)
    {
        var before = await FilesAsync(actor, projectName, version, from, cancellationToken);
        var after = await FilesAsync(actor, projectName, version, to, cancellationToken);
        var older = new Manifest(before.Files);
        var newer = new Manifest(after.Files);
        var diff = newer.Compare(older);
        var changes = diff.Added.Select(p => new FileChange(p, null, newer.Find(p)))
            .Concat(diff.Removed.Select(p => new FileChange(p, older.Find(p), null)))
            .Concat(diff.Changed.Select(p => new FileChange(p, older.Find(p), newer.Find(p))))
            .OrderBy(c => c.Path, StringComparer.Ordinal)
            .ToList();
        return new RevisionComparison(before.Number, after.Number, changes);
    }

    /// <summary>One file of a revision, after the same access check as its listing.</summary>
    public async Task<ManifestEntry> FileAsync(
        Actor actor, string projectName, string version, string number, string path, CancellationToken cancellationToken)
    {
        Storage.ReleasePath.ValidateExisting(path);
        var files = await FilesAsync(actor, projectName, version, number, cancellationToken);
        return files.Files.FirstOrDefault(f => f.Path == path)
            ?? throw new NotFoundException($"The file {path} in revision {files.Number} of {projectName} {version}");
    }

    private Task<RevisionCreated> ChangeAsync(
        Actor actor, string projectName, string version, string action, Func<Manifest, string> change, CancellationToken cancellationToken) =>
        ChangeAsync(actor, projectName, version, action, (_, manifest) => change(manifest), cancellationToken);

    private async Task<RevisionCreated> ChangeAsync(
        Actor actor, string projectName, string version, string action, Func<Release, Manifest, string> change, CancellationToken cancellationToken)
    {
        string releaseName;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            releaseName = (await FindAsync(db, projectName, version, cancellationToken)).Name;
        }

        var now = time.GetUtcNow().UtcDateTime;
        IReadOnlyList<BackgroundTask> planned = [];
        var created = await writer.AddAsync(releaseName, actor, now, (release, manifest) =>
        {
            // Checked again inside the write transaction: the phase may have moved on since the page was shown.
            RequireCompose(actor, release, $"{action} {projectName} {version}");
            return change(release, manifest);
        }, cancellationToken, alongside: async (db, release, revision, manifest, token) =>
            planned = await planner.PlanAsync(db, release, revision.Number, manifest, actor, now, reuse: true, token));

        var queued = planned.Where(t => t.Status == BackgroundTaskStatus.Queued).Select(t => t.Id).ToList();
        events.Publish(new ChecksPlanned(projectName, version, created.Number, queued, planned.Count - queued.Count));
        return created;
    }

    private static async Task<Release> FindAsync(AtrDbContext db, string projectName, string version, CancellationToken cancellationToken) =>
        await db.Releases.AsNoTracking().Include(r => r.Project).ThenInclude(p => p.Committee)
            .SingleOrDefaultAsync(r => r.ProjectName == projectName && r.Version == version, cancellationToken)
        ?? throw new NotFoundException($"Release {projectName} {version}");

    /// <summary>Only the committee's committers change a release, and only while it is in Compose.</summary>
    private static void RequireCompose(Actor actor, Release release, string action)
    {
        actor.Require(AccessLevel.Participant, release.Project.Committee, action);
        if (release.Phase != ReleasePhase.ReleaseCandidateDraft)
        {
            throw new DomainException(
                $"{release.ProjectName} {release.Version} is in the {release.Phase.StepName()} phase; only a release in Compose accepts changes");
        }
    }

    /// <summary>Published releases are public; the files of any other phase only for the committee's committers.</summary>
    private static void RequireReview(Actor actor, Release release)
    {
        if (release.Phase != ReleasePhase.Release)
        {
            actor.Require(AccessLevel.Participant, release.Project.Committee, $"review the files of {release.ProjectName} {release.Version}");
        }
    }

    private static async Task<string> ResolveNumberAsync(AtrDbContext db, Release release, string number, CancellationToken cancellationToken)
    {
        if (number == "latest")
        {
            return release.LatestRevisionNumber ?? throw new NotFoundException($"A revision of {release.ProjectName} {release.Version}");
        }

        var name = Revision.MakeName(release.Name, number);
        return await db.Revisions.AnyAsync(r => r.Name == name, cancellationToken)
            ? number
            : throw new NotFoundException($"Revision {number} of {release.ProjectName} {release.Version}");
    }

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
