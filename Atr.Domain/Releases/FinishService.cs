using System.Text.RegularExpressions;
using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Releases;

/// <summary>A rename that removing release-candidate markers would make.</summary>
public sealed record Rename(string From, string To);

/// <summary>
/// The Finish phase: committee members arrange a passed candidate's files for publication. Each operation makes one
/// new revision and runs no checks: the bytes are the ones the committee voted on, only their names change. Folders
/// exist only through the files in them, so a folder never stays behind empty.
/// </summary>
public sealed partial class FinishService(IDbContextFactory<AtrDbContext> factory, RevisionWriter writer, TimeProvider time)
{
    /// <summary>The files that belong to an artifact and travel with it.</summary>
    public static readonly IReadOnlyList<string> MetadataSuffixes = [".asc", ".sha256", ".sha512"];

    /// <summary>
    /// Moves files and folders into <paramref name="targetFolder"/> ("" for the top). A file takes its signature and
    /// checksum files with it, and a signature or checksum file its artifact and the artifact's other such files.
    /// Items already there are left alone; any name that would collide refuses the whole move.
    /// </summary>
    public Task<RevisionCreated> MoveAsync(
        Actor actor, string projectName, string version, IReadOnlyList<string> paths, string targetFolder, CancellationToken cancellationToken)
    {
        if (paths.Count == 0)
        {
            throw new DomainException("Choose at least one file or folder to move");
        }

        var folder = targetFolder.Trim().Trim('/');
        if (folder.Length > 0)
        {
            ReleasePath.Validate(folder);
        }

        var where = folder.Length == 0 ? "the top folder" : folder;
        return ChangeAsync(actor, projectName, version, "move files of", manifest =>
        {
            var moved = 0;
            foreach (var item in WithCompanions(manifest, paths))
            {
                if (ReleasePath.Folder(item) == folder)
                {
                    continue;
                }

                if (folder == item || folder.StartsWith(item + "/", StringComparison.Ordinal))
                {
                    throw new DomainException($"'{item}' cannot be moved into itself");
                }

                moved += manifest.Move(item, ReleasePath.Combine(folder, ReleasePath.FileName(item)));
            }

            return moved == 0
                ? throw new DomainException($"Everything chosen is already in {where}")
                : $"Moved {moved} {(moved == 1 ? "file" : "files")} to {where}";
        }, cancellationToken);
    }

    /// <summary>The renames that removing release-candidate markers (<c>-rc1</c>, <c>RC2/</c>, ...) would make now.</summary>
    public async Task<IReadOnlyList<Rename>> CandidateMarkerRenamesAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
        actor.Require(AccessLevel.Member, release.Project.Committee, $"finish {projectName} {version}");
        return Renames(await RevisionWriter.LoadManifestAsync(db, release, cancellationToken));
    }

    /// <summary>Removes release-candidate markers from every path; refused when two files would end up with one name.</summary>
    public Task<RevisionCreated> RemoveCandidateMarkersAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken) =>
        ChangeAsync(actor, projectName, version, "rename files of", manifest =>
        {
            var renames = Renames(manifest);
            if (renames.Count == 0)
            {
                throw new DomainException("No path has a release-candidate marker");
            }

            var renamed = renames.Select(r => r.From).ToHashSet(StringComparer.Ordinal);
            var result = new Manifest(manifest.Files.Where(f => !renamed.Contains(f.Path)));
            foreach (var rename in renames)
            {
                if (result.ContainsFile(rename.To))
                {
                    throw new DomainException($"Renaming {rename.From} to {rename.To} would replace another file; move one of them first");
                }

                result.Put(manifest.Find(rename.From)! with { Path = ReleasePath.Validate(rename.To) });
            }

            manifest.ReplaceWith(result.Files);
            return $"Removed release-candidate markers from {renames.Count} {(renames.Count == 1 ? "path" : "paths")}";
        }, cancellationToken);

    /// <summary>Makes an earlier revision of the Finish phase the newest again.</summary>
    public async Task<RevisionCreated> RestoreAsync(Actor actor, string projectName, string version, string number, CancellationToken cancellationToken)
    {
        Manifest earlier;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
            actor.Require(AccessLevel.Member, release.Project.Committee, $"restore a revision of {projectName} {version}");
            var name = Revision.MakeName(release.Name, number);
            var phase = await db.Revisions.Where(r => r.Name == name).Select(r => (ReleasePhase?)r.Phase).SingleOrDefaultAsync(cancellationToken)
                ?? throw new NotFoundException($"Revision {number} of {projectName} {version}");
            if (phase != ReleasePhase.ReleasePreview)
            {
                throw new DomainException($"Revision {number} was made in {phase.StepName()}; only revisions made in Finish can be restored here");
            }

            earlier = await RevisionWriter.LoadManifestAsync(db, name, cancellationToken);
        }

        return await ChangeAsync(actor, projectName, version, "restore a revision of", manifest =>
        {
            manifest.ReplaceWith(earlier.Files);
            return $"Restored revision {number}";
        }, cancellationToken);
    }

    /// <summary>The path with its candidate markers removed: whole segments like <c>RC1</c> dropped, suffixes like <c>-rc1</c> cut.</summary>
    public static string WithoutCandidateMarkers(string path)
    {
        var segments = path.Split('/').Where(s => !WholeMarker().IsMatch(s)).Select(s => SuffixMarker().Replace(s, ""));
        return string.Join('/', segments);
    }

    private static List<Rename> Renames(Manifest manifest) =>
        manifest.Files.Select(f => new Rename(f.Path, WithoutCandidateMarkers(f.Path)))
            .Where(r => r.To != r.From)
            .OrderBy(r => r.From, StringComparer.Ordinal)
            .ToList();

    /// <summary>The chosen items plus each file's companions, without items inside another chosen folder.</summary>
    private static List<string> WithCompanions(Manifest manifest, IReadOnlyList<string> paths)
    {
        var items = new List<string>();
        foreach (var path in paths.Select(p => ReleasePath.ValidateExisting(p.Trim('/'))))
        {
            if (manifest.ContainsFolder(path))
            {
                items.Add(path);
                continue;
            }

            if (!manifest.ContainsFile(path))
            {
                throw new DomainException($"There is no file or folder '{path}'");
            }

            var artifact = MetadataSuffixes.FirstOrDefault(s => path.EndsWith(s, StringComparison.Ordinal)) is { } suffix
                && manifest.ContainsFile(path[..^suffix.Length])
                ? path[..^suffix.Length]
                : path;
            items.Add(artifact);
            items.AddRange(MetadataSuffixes.Select(s => artifact + s).Where(manifest.ContainsFile));
        }

        var distinct = items.Distinct(StringComparer.Ordinal).ToList();
        return distinct.Where(item => !distinct.Any(other => other != item && item.StartsWith(other + "/", StringComparison.Ordinal))).ToList();
    }

    private async Task<RevisionCreated> ChangeAsync(
        Actor actor, string projectName, string version, string action, Func<Manifest, string> change, CancellationToken cancellationToken)
    {
        string releaseName;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            releaseName = (await db.FindReleaseAsync(projectName, version, cancellationToken)).Name;
            if (await db.Publications.AnyAsync(p => p.ReleaseName == releaseName && p.Completed == null, cancellationToken))
            {
                throw new DomainException($"{projectName} {version} is being published; its files stay as they are until the announcement completes")
                { RuleKind = "phase" };
            }
        }

        return await writer.AddAsync(releaseName, actor, time.GetUtcNow().UtcDateTime, (release, manifest) =>
        {
            actor.Require(AccessLevel.Member, release.Project.Committee, $"{action} {projectName} {version}");
            if (release.Phase != ReleasePhase.ReleasePreview)
            {
                throw new DomainException(
                    $"{projectName} {version} is in the {release.Phase.StepName()} phase; files are arranged for publication in Finish")
                { RuleKind = "phase" };
            }

            return change(manifest);
        }, cancellationToken);
    }


    [GeneratedRegex(@"^(?:Candidate|candidate|RC|Rc|rc)[.-]?[0-9]+$")]
    private static partial Regex WholeMarker();

    [GeneratedRegex(@"(?<=[0-9A-Za-z])[-._](?:Candidate|candidate|RC|Rc|rc)[.-]?[0-9]+(?=$|[-._])")]
    private static partial Regex SuffixMarker();
}
