using Atr.App.Components.Shared;
using Atr.Domain.Revisions;
using Bunit;

namespace Atr.Tests.Components;

public sealed class TextDiffTests : AtrComponentContext
{
    private const string Before = "line one\nline two\nline three\n";
    private const string After = "line one\nline 2\nline three\nline four\n";

    private static CancellationToken Cancel => Xunit.TestContext.Current.CancellationToken;

    [Fact]
    public void Unified_MarksDeletedAndInsertedLines()
    {
        var diff = Render<TextDiff>(p => p.Add(d => d.Diff, Diff(Before, After)));

        var rows = diff.FindAll("[data-testid='diff-unified'] tr").Select(r => r.TextContent.Replace("\n", "", StringComparison.Ordinal).Trim()).ToList();
        Assert.Contains(rows, r => r.StartsWith('−') && r.EndsWith("line two", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith('+') && r.EndsWith("line 2", StringComparison.Ordinal));
        Assert.Contains(rows, r => r.StartsWith('+') && r.EndsWith("line four", StringComparison.Ordinal));
        Assert.Contains("@@ −1,3 +1,4 @@", rows);
        var unchanged = diff.FindAll("[data-change='Unchanged']").Select(c => c.TextContent).ToList();
        Assert.Contains("line one", unchanged);
        Assert.Contains("line three", unchanged);
    }

    [Fact]
    public void SideBySide_PutsTheOldAndNewLineOnOneRow()
    {
        var diff = Render<TextDiff>(p => p.Add(d => d.Diff, Diff(Before, After)).Add(d => d.SideBySide, true));

        var changed = diff.FindAll("[data-testid='diff-side-by-side'] tr")
            .Single(r => r.TextContent.Contains("line two", StringComparison.Ordinal));
        Assert.Contains("line 2", changed.TextContent, StringComparison.Ordinal);
        Assert.Equal(["Modified", "Modified"], changed.QuerySelectorAll("[data-change]").Select(c => c.GetAttribute("data-change")));
    }

    [Fact]
    public void Markup_InTheTexts_IsShownAsText()
    {
        var diff = Render<TextDiff>(p => p.Add(d => d.Diff, Diff("<b>bold</b>\n", "<script>alert(1)</script>\n")));

        Assert.Empty(diff.FindAll("b"));
        Assert.Empty(diff.FindAll("script"));
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", diff.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void SameTexts_SaySo()
    {
        var diff = Render<TextDiff>(p => p.Add(d => d.Diff, Diff(Before, Before)));

        Assert.Contains("The texts are the same.", diff.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void LongDiff_KeepsTheFirstLinesAndSaysTheRestIsInTheDownload()
    {
        var older = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"old {i}"));
        var newer = string.Join('\n', Enumerable.Range(0, 300).Select(i => $"new {i}"));

        var diff = Render<TextDiff>(p => p.Add(d => d.Diff, Diff(older, newer, maxLines: 100)).Add(d => d.VirtualizeFrom, 1000));

        Assert.Equal(101, diff.FindAll("[data-testid='diff-unified'] tr").Count);
        Assert.Contains("Showing the first 100 lines of the diff; 500 more are in the download.", diff.Find("[data-testid='diff-truncated']").TextContent,
            StringComparison.Ordinal);
    }

    private static LineDiffResult Diff(string older, string newer, int maxLines = int.MaxValue) =>
        LineDiff.ComputeAsync(older, newer, maxLines, Cancel).GetAwaiter().GetResult();
}
