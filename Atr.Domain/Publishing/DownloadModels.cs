namespace Atr.Domain.Publishing;

/// <summary>A folder of the download area: what is in it and, inside a release's folder, which release it is.</summary>
/// <param name="Folder">Below <c>/downloads/</c>, without slashes at either end; "" for the top.</param>
public sealed record DownloadListing(string Folder, IReadOnlyList<DownloadEntry> Entries, DownloadRelease? Release);

/// <summary>What a row is: in a release, folders come before files; in a committee's area, its KEYS first.</summary>
public enum DownloadEntryKind
{
    Folder,
    Keys,
    File,
}

/// <summary>
/// One row of a listing. A file's signature and checksum (paths below <c>/downloads/</c>) are shown with it, not
/// on rows of their own.
/// </summary>
/// <param name="Path">Below <c>/downloads/</c>, without slashes at either end.</param>
/// <param name="Size">A file's size, or the total of a release folder's files.</param>
public sealed record DownloadEntry(
    string Name, string Path, DownloadEntryKind Kind, long? Size, DateTime? Modified, string? Sha512, string? Signature, string? Checksum,
    string? Description);

/// <param name="Folder">The release's folder below <c>/downloads/</c>.</param>
/// <param name="Keys">The committee's KEYS file below <c>/downloads/</c>.</param>
public sealed record DownloadRelease(string Project, string Version, string Title, string Folder, string Keys, DateTime Published);

/// <summary>A published file on disk, with what HTTP caching needs: its hash makes the entity tag.</summary>
public sealed record PublishedFile(string FullPath, long Size, string Sha512, DateTime Published);
