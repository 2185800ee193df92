using System.Diagnostics;
using Atr.Domain.Revisions;

namespace Atr.Tests.Domain.Revisions;

/// <summary>Line diffs judged against GNU diff's unified output, and their bounds on large unrelated texts.</summary>
public sealed class LineDiffTests
{
    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    public static TheoryData<string, string> Pairs() => new()
    {
        { Lines(1, 20), Lines(1, 20).Replace("line 7\n", "line seven\n", StringComparison.Ordinal) },
        { Lines(1, 40), Lines(1, 40).Replace("line 3\n", "", StringComparison.Ordinal).Replace("line 30\n", "line 30\nextra\n", StringComparison.Ordinal) },
        { Lines(1, 30), Lines(1, 30).Replace("line 10\n", "ten\n", StringComparison.Ordinal).Replace("line 16\n", "sixteen\n", StringComparison.Ordinal) },
        { Lines(1, 30), Lines(1, 30).Replace("line 10\n", "ten\n", StringComparison.Ordinal).Replace("line 18\n", "eighteen\n", StringComparison.Ordinal) },
        { "", Lines(1, 5) },
        { Lines(1, 5), "" },
        { Lines(1, 2000), Lines(1, 2000).Replace("line 1000\n", "", StringComparison.Ordinal) + "tail\n" },
    };

    [Theory]
    [MemberData(nameof(Pairs))]
    public async Task Unified_IsWhatGnuDiffWrites(string older, string newer)
    {
        var diff = await LineDiff.ComputeAsync(older, newer, int.MaxValue, Cancel);
        var written = new StringWriter { NewLine = "\n" };
        await diff.WriteUnifiedAsync(written, "a", "b", Cancel);

        Assert.False(diff.Whole);
        Assert.Equal(await GnuDiffAsync(older, newer), written.ToString());
    }

    [Fact]
    public async Task SameTexts_HaveNoHunks()
    {
        var diff = await LineDiff.ComputeAsync(Lines(1, 10), Lines(1, 10), int.MaxValue, Cancel);

        Assert.True(diff.Identical);
        Assert.Equal((0, 0), (diff.Deleted, diff.Inserted));
    }

    [Fact]
    public async Task UnrelatedLargeTexts_AreOneReplacement_KeepingTheCommonEnds()
    {
        var random = new Random(7);
        var older = "header\n" + string.Join('\n', Enumerable.Range(0, 32_000).Select(_ => $"old {random.Next()}")) + "\nfooter\n";
        var newer = "header\n" + string.Join('\n', Enumerable.Range(0, 32_000).Select(_ => $"new {random.Next()}")) + "\nfooter\n";

        var diff = await LineDiff.ComputeAsync(older, newer, int.MaxValue, Cancel);

        Assert.True(diff.Whole);
        Assert.Equal((32_000, 32_000), (diff.Deleted, diff.Inserted));
        var hunk = Assert.Single(diff.Hunks);
        Assert.Equal("header", hunk.Lines[0].Text);
        Assert.Equal(DiffLineKind.Context, hunk.Lines[0].Kind);
        Assert.Equal(64_000 + 2, hunk.Lines.Count);
    }

    [Fact]
    public async Task LargeSimilarTexts_GetTheExactDiff()
    {
        var older = Lines(1, 32_000);
        var newer = string.Join("", older.Split('\n').SkipLast(1).Select((line, i) => i % 100 == 0 ? $"{line} changed\n" : $"{line}\n"));

        var diff = await LineDiff.ComputeAsync(older, newer, int.MaxValue, Cancel);

        Assert.False(diff.Whole);
        Assert.Equal((320, 320), (diff.Deleted, diff.Inserted));
    }

    [Fact]
    public async Task ALineBudget_KeepsTheFirstLinesAndCountsTheRest()
    {
        var older = string.Concat(Enumerable.Range(0, 1000).Select(i => $"old {i}\n"));
        var newer = string.Concat(Enumerable.Range(0, 1000).Select(i => $"new {i}\n"));

        var diff = await LineDiff.ComputeAsync(older, newer, 150, Cancel);

        Assert.Equal(150, diff.Hunks.Sum(h => h.Lines.Count));
        Assert.Equal((2000, 1850), (diff.TotalLines, diff.LeftOut));
        Assert.Equal((1000, 1000), (diff.Deleted, diff.Inserted));
    }

    private static string Lines(int from, int to) => string.Concat(Enumerable.Range(from, to - from + 1).Select(i => $"line {i}\n"));

    /// <summary>GNU diff's unified output, with its two file lines named "a" and "b" as ours.</summary>
    private static async Task<string> GnuDiffAsync(string older, string newer)
    {
        var folder = Directory.CreateTempSubdirectory("atr-diff-").FullName;
        try
        {
            await File.WriteAllTextAsync(Path.Combine(folder, "a"), older, Cancel);
            await File.WriteAllTextAsync(Path.Combine(folder, "b"), newer, Cancel);
            using var diff = Process.Start(new ProcessStartInfo("diff", ["-u", "--label", "a", "--label", "b", "a", "b"])
            {
                WorkingDirectory = folder,
                RedirectStandardOutput = true,
            })!;
            var output = await diff.StandardOutput.ReadToEndAsync(Cancel);
            await diff.WaitForExitAsync(Cancel);
            return output;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
