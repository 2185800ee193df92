using Atr.Domain.Releases;
using Atr.Domain.Storage;

namespace Atr.Domain.Revisions;

/// <summary>A file received for an upload: where it goes in the release, and what the store holds for it.</summary>
public sealed record UploadedFile(string Path, StoredBlob Blob);

/// <summary>One revision in a release's history, with what it changed against its parent.</summary>
public sealed record RevisionHistoryEntry(
    string Number,
    string AsfUid,
    DateTime Created,
    ReleasePhase Phase,
    string? Description,
    int FileCount,
    int Added,
    int Removed,
    int Changed);

/// <summary>The files of one revision.</summary>
public sealed record RevisionFiles(string ProjectName, string Version, ReleasePhase ReleasePhase, string Number, IReadOnlyList<ManifestEntry> Files)
{
    public long TotalSize => Files.Sum(f => f.Size);
}

/// <summary>A file that differs between two revisions: its entry in each (null where it is absent).</summary>
public sealed record FileChange(string Path, ManifestEntry? Before, ManifestEntry? After);

/// <summary>The difference between two revisions of a release.</summary>
public sealed record RevisionComparison(string From, string To, IReadOnlyList<FileChange> Changes);
