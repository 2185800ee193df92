namespace Atr.Domain.Common;

/// <summary>One page of a longer list, with the length of the whole list.</summary>
public sealed record Page<T>(IReadOnlyList<T> Items, int TotalCount);

/// <summary>Which page to read: zero-based index and size (1 to <see cref="MaxSize"/>).</summary>
public sealed record PageRequest(int Index, int Size)
{
    public const int MaxSize = 500;

    public int Skip => Math.Max(Index, 0) * Take;

    public int Take => Math.Clamp(Size, 1, MaxSize);
}
