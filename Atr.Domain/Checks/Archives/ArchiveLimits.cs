namespace Atr.Domain.Checks.Archives;

/// <summary>
/// How far an archive is read before it counts as a bomb or as hostile (<c>Atr:Limits:Archives</c>). Reading stops
/// at the first limit crossed, after at most one more buffer of data.
/// </summary>
public sealed record ArchiveLimits
{
    /// <summary>Total uncompressed bytes of every member (2 GiB).</summary>
    public long MaxUncompressedBytes { get; init; } = 2L << 30;

    /// <summary>Uncompressed bytes per compressed byte (200), enforced once past <see cref="RatioFloorBytes"/>.</summary>
    public int MaxCompressionRatio { get; init; } = 200;

    /// <summary>Below this many uncompressed bytes (100 MiB) any ratio is accepted: small files compress well.</summary>
    public long RatioFloorBytes { get; init; } = 100L << 20;

    public int MaxMembers { get; init; } = 100_000;

    public int MaxPathLength { get; init; } = 1024;

    /// <summary>Folders a member's name may nest (256): only pathological archives come near it; CPython's own test archive nests 41.</summary>
    public int MaxPathDepth { get; init; } = 256;
}
