using Atr.Domain.Data;
using Atr.Domain.Committees;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Publishing;

/// <summary>
/// The public download area as users browse it, <c>/downloads/</c>: the committees' areas (each with its KEYS file),
/// the folders of their published releases, and each release's files with their size, SHA-512, signature and checksum.
/// Only completed publications are shown or served; a folder is a listing, a file is what was published.
/// </summary>
public sealed class PublishedDownloads(IDbContextFactory<AtrDbContext> factory, AtrDomainSettings settings)
{
    private const string KeysFile = "KEYS";

    /// <summary>The folder published files live in (<c>state/downloads</c>).</summary>
    public string Directory { get; } = System.IO.Path.Combine(settings.StateDirectory, "downloads");

    /// <summary>
    /// What a folder of the download area holds ("" for the top, "widget", "widget/widget-1.2.0"), or null when no
    /// published release or committee area has it.
    /// </summary>
    public async Task<DownloadListing?> ListAsync(string folder, CancellationToken cancellationToken)
    {
        folder = folder.Trim('/');
        if (folder.Length > 0 && !IsValid(folder))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var publications = await CompletedAsync(db, cancellationToken);
        if (publications.FirstOrDefault(p => Within(folder, p.Folder)) is { } release)
        {
            return await ReleaseListingAsync(db, release, folder, cancellationToken);
        }

        var areas = await db.Committees.AsNoTracking()
            .Select(c => new { c.Name, c.IsPodling })
            .ToListAsync(cancellationToken);
        var keysHere = areas.Any(a => Committee.DownloadAreaOf(a.Name, a.IsPodling) == folder);
        var below = publications.Where(p => Within(p.Folder, folder) && p.Folder != folder).ToList();
        var areaFolders = areas.Select(a => Committee.DownloadAreaOf(a.Name, a.IsPodling)).Where(a => Within(a, folder) && a != folder).ToList();
        if (!keysHere && below.Count == 0 && areaFolders.Count == 0)
        {
            return null;
        }

        var sizes = await SizesAsync(db, below.Select(p => p.RevisionName).ToList(), cancellationToken);
        var folders = below
            .GroupBy(p => Child(folder, p.Folder), StringComparer.Ordinal)
            .Select(g => g.Count() == 1 && g.Single().Folder == Path(folder, g.Key)
                ? Folder(g.Key, folder, g.Single().Completed, sizes.GetValueOrDefault(g.Single().RevisionName), g.Single().Title)
                : Folder(g.Key, folder, g.Max(p => p.Completed), null, g.Count() == 1 ? "1 published release" : $"{g.Count():N0} published releases"))
            .Concat(areaFolders.Select(a => Child(folder, a)).Distinct(StringComparer.Ordinal)
                .Where(name => below.All(p => Child(folder, p.Folder) != name))
                .Select(name => Folder(name, folder, null, null, "No release published yet")))
            .OrderBy(e => e.Name, StringComparer.Ordinal);
        DownloadEntry[] keys = keysHere ? [new DownloadEntry(KeysFile, Path(folder, KeysFile), DownloadEntryKind.Keys, null, null, null, null, null, "The committee's signing keys, to verify its releases with")] : [];
        return new DownloadListing(folder, [.. keys, .. folders], null);
    }

    /// <summary>A published file ("widget/widget-1.2.0/x.tar.gz"), or null when no completed publication has it.</summary>
    public async Task<PublishedFile?> FileAsync(string path, CancellationToken cancellationToken)
    {
        if (!IsValid(path))
        {
            return null;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var publications = await CompletedAsync(db, cancellationToken);
        if (publications.FirstOrDefault(p => path.StartsWith(p.Folder + "/", StringComparison.Ordinal)) is not { } release)
        {
            return null;
        }

        var relative = path[(release.Folder.Length + 1)..];
        var entry = await db.RevisionFiles.AsNoTracking()
            .Where(f => f.RevisionName == release.RevisionName && f.Path == relative)
            .Select(f => new { f.Size, f.Sha512 })
            .SingleOrDefaultAsync(cancellationToken);
        var file = System.IO.Path.Combine(Directory, path);
        return entry is null || ReleasePath.IsControlFile(relative) || !File.Exists(file)
            ? null
            : new PublishedFile(file, entry.Size, entry.Sha512, release.Completed);
    }

    private static async Task<DownloadListing?> ReleaseListingAsync(AtrDbContext db, Shown release, string folder, CancellationToken cancellationToken)
    {
        var prefix = folder == release.Folder ? "" : folder[(release.Folder.Length + 1)..] + "/";
        var files = await RevisionWriter.LoadManifestAsync(db, release.RevisionName, cancellationToken);
        var here = files.Files.Where(f => f.Path.StartsWith(prefix, StringComparison.Ordinal) && !ReleasePath.IsControlFile(f.Path)).ToList();
        if (here.Count == 0 && prefix.Length > 0)
        {
            return null;
        }

        var paths = here.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        var entries = new List<DownloadEntry>();
        foreach (var group in here.Where(f => f.Path.IndexOf('/', prefix.Length) >= 0).GroupBy(f => f.Path[prefix.Length..f.Path.IndexOf('/', prefix.Length)], StringComparer.Ordinal))
        {
            entries.Add(Folder(group.Key, folder, release.Completed, new FolderSize(group.Count(), group.Sum(f => f.Size)), null));
        }

        foreach (var file in here.Where(f => f.Path.IndexOf('/', prefix.Length) < 0))
        {
            if (FinishService.MetadataSuffixes.Any(s => file.Path.EndsWith(s, StringComparison.Ordinal) && paths.Contains(file.Path[..^s.Length])))
            {
                continue;
            }

            string? Companion(string suffix) => paths.Contains(file.Path + suffix) ? Path(folder, file.Path[prefix.Length..] + suffix) : null;
            entries.Add(new DownloadEntry(file.Path[prefix.Length..], Path(folder, file.Path[prefix.Length..]), DownloadEntryKind.File, file.Size,
                release.Completed, file.Sha512, Companion(".asc"), Companion(".sha512") ?? Companion(".sha256"), null));
        }

        var keys = Path(Committee.DownloadAreaOf(release.Committee, release.Podling), KeysFile);
        return new DownloadListing(folder, [.. entries.OrderBy(e => e.Kind).ThenBy(e => e.Name, StringComparer.Ordinal)],
            new DownloadRelease(release.Project, release.Version, release.Title, release.Folder, keys, release.Completed));
    }

    private static async Task<List<Shown>> CompletedAsync(AtrDbContext db, CancellationToken cancellationToken)
    {
        var rows = await db.Publications.AsNoTracking()
            .Where(p => p.Completed != null)
            .Select(p => new
            {
                p.DownloadFolder,
                p.ReleaseName,
                p.RevisionNumber,
                Completed = p.Completed!.Value,
                p.Release.ProjectName,
                p.Release.Version,
                ProjectTitle = p.Release.Project.FullName,
                Committee = p.Release.Project.CommitteeName,
                Podling = p.Release.Project.Committee != null && p.Release.Project.Committee.IsPodling,
            })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new Shown(r.DownloadFolder, Revision.MakeName(r.ReleaseName, r.RevisionNumber), r.Completed, r.ProjectName, r.Version,
            $"{r.ProjectTitle ?? r.ProjectName} {r.Version}", r.Committee ?? r.ProjectName, r.Podling))];
    }

    /// <summary>Each revision's file count and total size, the signatures and checksums included.</summary>
    private static async Task<Dictionary<string, FolderSize>> SizesAsync(AtrDbContext db, List<string> revisions, CancellationToken cancellationToken) =>
        (await db.RevisionFiles.AsNoTracking()
            .Where(f => revisions.Contains(f.RevisionName) && !f.Path.StartsWith(ReleasePath.ControlFolder + "/"))
            .GroupBy(f => f.RevisionName)
            .Select(g => new { g.Key, Count = g.Count(), Size = g.Sum(f => f.Size) })
            .ToListAsync(cancellationToken))
        .ToDictionary(g => g.Key, g => new FolderSize(g.Count, g.Size), StringComparer.Ordinal);

    private static DownloadEntry Folder(string name, string parent, DateTime? modified, FolderSize? size, string? description) =>
        new(name, Path(parent, name), DownloadEntryKind.Folder, size?.Bytes, modified, null, null, null,
            size is { } s ? $"{s.Files:N0} file{(s.Files == 1 ? "" : "s")}" + (description is null ? "" : $": {description}") : description);

    private static bool IsValid(string path)
    {
        try
        {
            ReleasePath.ValidateExisting(path);
            return true;
        }
        catch (InvalidPathException)
        {
            return false;
        }
    }

    /// <summary>Whether <paramref name="path"/> is <paramref name="folder"/> or below it.</summary>
    private static bool Within(string path, string folder) =>
        folder.Length == 0 || path == folder || path.StartsWith(folder + "/", StringComparison.Ordinal);

    /// <summary>The name of the folder below <paramref name="parent"/> that <paramref name="path"/> is in.</summary>
    private static string Child(string parent, string path)
    {
        var rest = parent.Length == 0 ? path : path[(parent.Length + 1)..];
        return rest.Split('/')[0];
    }

    private static string Path(string folder, string name) => folder.Length == 0 ? name : $"{folder}/{name}";

    private sealed record FolderSize(int Files, long Bytes);

    /// <summary>A completed publication, as the download area shows it.</summary>
    private sealed record Shown(
        string Folder, string RevisionName, DateTime Completed, string Project, string Version, string Title, string Committee, bool Podling);
}
