namespace Atr.Domain.Checks.Archives;

public enum ArchiveMemberKind
{
    File,
    Directory,
    SymbolicLink,
    HardLink,
    Device,
    Fifo,
    Other,
}

/// <summary>One member as the archive names it (the name unchanged, for the safety rules to judge).</summary>
/// <param name="LinkTarget">For links: the target as written in the archive.</param>
public sealed record ArchiveMember(string Name, ArchiveMemberKind Kind, long Size, string? LinkTarget);

/// <summary>What a complete read found: members and uncompressed bytes.</summary>
public sealed record ArchiveTotals(int Members, long UncompressedBytes);

/// <summary>The archive cannot be read to its end: corrupt, truncated, a failed CRC, or a limit crossed.</summary>
public sealed class ArchiveException(string message, string? member = null) : Exception(message)
{
    /// <summary>The member being read when it happened, if any.</summary>
    public string? Member { get; } = member;
}
