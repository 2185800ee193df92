using DiffPlex;
using DiffPlex.Model;

namespace Atr.Domain.Revisions;

public enum DiffLineKind
{
    Context,
    Deleted,
    Inserted,
}

/// <summary>One line of a hunk, with its number in the older text (deleted and context lines) and the newer one.</summary>
public sealed record DiffLine(DiffLineKind Kind, int? OldNumber, int? NewNumber, string Text);

/// <summary>A run of changes with up to <see cref="LineDiff.ContextLines"/> unchanged lines around it; starts are 1-based.</summary>
public sealed record DiffHunk(int OldStart, int OldCount, int NewStart, int NewCount, IReadOnlyList<DiffLine> Lines);

/// <summary>The line differences of two texts.</summary>
/// <param name="Hunks">The hunks, holding at most the number of lines asked for; <paramref name="TotalLines"/> counts them all.</param>
/// <param name="Whole">
/// True when the texts differ in so many lines that the changed part is given as one replacement (every line of it
/// deleted, then every line inserted): exact, but not the shortest diff, which would cost too much to find.
/// </param>
public sealed record LineDiffResult(IReadOnlyList<DiffHunk> Hunks, int Deleted, int Inserted, bool Whole, int TotalLines)
{
    public bool Identical => TotalLines == 0;

    /// <summary>The lines of the diff left out of <see cref="Hunks"/>.</summary>
    public int LeftOut => TotalLines - Hunks.Sum(h => h.Lines.Count);

    /// <summary>Writes the diff (the lines it holds) in the unified format of <c>diff -u</c>.</summary>
    public async Task WriteUnifiedAsync(TextWriter writer, string oldName, string newName, CancellationToken cancellationToken)
    {
        await writer.WriteLineAsync($"--- {oldName}".AsMemory(), cancellationToken);
        await writer.WriteLineAsync($"+++ {newName}".AsMemory(), cancellationToken);
        foreach (var hunk in Hunks)
        {
            await writer.WriteLineAsync($"@@ -{Range(hunk.OldStart, hunk.OldCount)} +{Range(hunk.NewStart, hunk.NewCount)} @@".AsMemory(), cancellationToken);
            foreach (var line in hunk.Lines)
            {
                var marker = line.Kind switch { DiffLineKind.Deleted => '-', DiffLineKind.Inserted => '+', _ => ' ' };
                await writer.WriteLineAsync($"{marker}{line.Text}".AsMemory(), cancellationToken);
            }
        }
    }

    private static string Range(int start, int count) => count == 1 ? $"{start}" : $"{(count == 0 ? start - 1 : start)},{count}";
}

/// <summary>
/// Line diffs with bounded cost. The shortest diff (Myers, through DiffPlex) costs about (lines of both texts) ×
/// (changed lines): seconds for two unrelated 30,000-line files. So the changed middle (after the common first and
/// last lines) is first measured by a cheap lower bound, the lines one text has that the other lacks; past
/// <see cref="MaxWork"/>, or when the exact diff takes longer than its time limit, that middle is given as one replacement.
/// </summary>
public static class LineDiff
{
    public const int ContextLines = 3;

    /// <summary>The most (lines × changes) the exact diff may cost: about 0.2 s on one core.</summary>
    public const long MaxWork = 100_000_000;

    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(1);

    /// <param name="maxLines">The most lines the hunks hold (context lines included); the rest are only counted.</param>
    public static async Task<LineDiffResult> ComputeAsync(string oldText, string newText, int maxLines, CancellationToken cancellationToken)
    {
        var older = TextLines.Split(oldText);
        var newer = TextLines.Split(newText);
        var prefix = 0;
        while (prefix < older.Length && prefix < newer.Length && older[prefix] == newer[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < older.Length - prefix && suffix < newer.Length - prefix && older[^(suffix + 1)] == newer[^(suffix + 1)])
        {
            suffix++;
        }

        var whole = new DiffBlock(prefix, older.Length - prefix - suffix, prefix, newer.Length - prefix - suffix);
        if (whole.DeleteCountA == 0 && whole.InsertCountB == 0)
        {
            return new LineDiffResult([], 0, 0, false, 0);
        }

        var work = (long)(whole.DeleteCountA + whole.InsertCountB) * Unmatched(older.AsSpan(prefix, whole.DeleteCountA), newer.AsSpan(prefix, whole.InsertCountB));
        if (work > MaxWork)
        {
            return Build(older, newer, [whole], isWhole: true, maxLines);
        }

        var exact = Task.Run(() => Differ.Instance.CreateDiffs(oldText, newText, false, false, TextLines.Instance), cancellationToken);
        try
        {
            var result = await exact.WaitAsync(TimeLimit, cancellationToken);
            return Build(result.PiecesOld, result.PiecesNew, [.. result.DiffBlocks], isWhole: false, maxLines);
        }
        catch (TimeoutException)
        {
            return Build(older, newer, [whole], isWhole: true, maxLines);
        }
    }

    /// <summary>How many lines of either text have no equal line left in the other (counted with multiplicity).</summary>
    private static int Unmatched(ReadOnlySpan<string> older, ReadOnlySpan<string> newer)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var line in older)
        {
            counts[line] = counts.GetValueOrDefault(line) + 1;
        }

        var unmatched = 0;
        foreach (var line in newer)
        {
            if (counts.GetValueOrDefault(line) is > 0 and var left)
            {
                counts[line] = left - 1;
            }
            else
            {
                unmatched++;
            }
        }

        return unmatched + counts.Values.Sum();
    }

    /// <summary>
    /// Hunks from the changed blocks (blocks closer than twice the context share a hunk), holding at most
    /// <paramref name="maxLines"/> lines; past them, lines are counted, not kept.
    /// </summary>
    private static LineDiffResult Build(IReadOnlyList<string> older, IReadOnlyList<string> newer, IReadOnlyList<DiffBlock> blocks, bool isWhole, int maxLines)
    {
        var hunks = new List<DiffHunk>();
        var deleted = 0;
        var inserted = 0;
        var total = 0;
        void Add(List<DiffLine> lines, DiffLineKind kind, int? oldNumber, int? newNumber, string text)
        {
            if (total++ < maxLines)
            {
                lines.Add(new DiffLine(kind, oldNumber, newNumber, text));
            }
        }

        for (var first = 0; first < blocks.Count;)
        {
            var last = first;
            while (last + 1 < blocks.Count
                && blocks[last + 1].DeleteStartA - (blocks[last].DeleteStartA + blocks[last].DeleteCountA) <= 2 * ContextLines)
            {
                last++;
            }

            var oldStart = Math.Max(0, blocks[first].DeleteStartA - ContextLines);
            var newStart = Math.Max(0, blocks[first].InsertStartB - ContextLines);
            var oldAt = oldStart;
            var newAt = newStart;
            var lines = new List<DiffLine>();
            for (var index = first; index <= last; index++)
            {
                var block = blocks[index];
                for (; oldAt < block.DeleteStartA; oldAt++, newAt++)
                {
                    Add(lines, DiffLineKind.Context, oldAt + 1, newAt + 1, older[oldAt]);
                }

                for (var i = 0; i < block.DeleteCountA; i++, oldAt++)
                {
                    Add(lines, DiffLineKind.Deleted, oldAt + 1, null, older[oldAt]);
                }

                for (var i = 0; i < block.InsertCountB; i++, newAt++)
                {
                    Add(lines, DiffLineKind.Inserted, null, newAt + 1, newer[newAt]);
                }

                deleted += block.DeleteCountA;
                inserted += block.InsertCountB;
            }

            for (var end = Math.Min(older.Count, oldAt + ContextLines); oldAt < end && newAt < newer.Count; oldAt++, newAt++)
            {
                Add(lines, DiffLineKind.Context, oldAt + 1, newAt + 1, older[oldAt]);
            }

            if (lines.Count > 0)
            {
                hunks.Add(new DiffHunk(oldStart + 1, oldAt - oldStart, newStart + 1, newAt - newStart, lines));
            }

            first = last + 1;
        }

        return new LineDiffResult(hunks, deleted, inserted, isWhole, total);
    }

    /// <summary>A text's lines as <c>diff</c> counts them: split at '\n', a final line break ending the last line, not starting another.</summary>
    private sealed class TextLines : IChunker
    {
        public static readonly TextLines Instance = new();

        public IReadOnlyList<string> Chunk(string text) => Split(text);

        public static string[] Split(string text)
        {
            if (text.Length == 0)
            {
                return [];
            }

            var lines = text.Split('\n');
            return text[^1] == '\n' ? lines[..^1] : lines;
        }
    }
}
