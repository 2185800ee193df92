using Atr.Domain.Checks;

namespace Atr.Tests.Domain.Checks;

public sealed class AntPatternsTests
{
    [Theory]
    [InlineData("**/*.txt", "notes.txt", true)]
    [InlineData("**/*.txt", "docs/deep/notes.txt", true)]
    [InlineData("**/*.txt", "notes.txt.bak", false)]
    [InlineData("*.txt", "notes.txt", true)]
    [InlineData("*.txt", "docs/notes.txt", false)]
    [InlineData("src/main/resources/**", "src/main/resources/a/b.json", true)]
    [InlineData("src/main/resources/**", "src/main/resources", true)]
    [InlineData("src/main/resources/**", "module/src/main/resources/b.json", false)]
    [InlineData("src/main/resources/", "src/main/resources/b.json", true)]
    [InlineData("src/**/generated/*.java", "src/generated/A.java", true)]
    [InlineData("src/**/generated/*.java", "src/x/y/generated/A.java", true)]
    [InlineData("src/**/generated/*.java", "src/x/y/generated/sub/A.java", false)]
    [InlineData("**/src/hashtable/*", "client/src/hashtable/hashtable.c", true)]
    [InlineData("**/include/winconfig.h", "client/c/include/winconfig.h", true)]
    [InlineData("conf/zoo_sample.cfg", "conf/zoo_sample.cfg", true)]
    [InlineData("conf/zoo_sample.cfg", "other/conf/zoo_sample.cfg", false)]
    [InlineData("src/generated", "src/generated/A.java", true)]
    [InlineData("?.c", "a.c", true)]
    [InlineData("?.c", "ab.c", false)]
    [InlineData("*.c", "a/b.c", false)]
    [InlineData("./docs/*.md", "docs/a.md", true)]
    [InlineData("/docs/*.md", "docs/a.md", true)]
    [InlineData("docs\\*.md", "docs/a.md", true)]
    [InlineData("%ant[**/*.md]", "x/a.md", true)]
    [InlineData("**/README.md", "readme.md", false)]
    [InlineData("a+b(c).[x]", "a+b(c).[x]", true)]
    [InlineData("**", "anything/at/all", true)]
    public void IsMatch_OnePattern_MatchesAsAntDoes(string pattern, string path, bool matched) =>
        Assert.Equal(matched, new AntPatterns([pattern]).IsMatch(path));

    [Fact]
    public void IsMatch_ManyPatterns_AnyOneMatches()
    {
        var patterns = new AntPatterns(["**/*.md", "conf/*.cfg", "", "  "]);

        Assert.True(patterns.IsMatch("a/b/README.md"));
        Assert.True(patterns.IsMatch("conf/zoo.cfg"));
        Assert.False(patterns.IsMatch("src/Main.java"));
        Assert.Equal(2, patterns.Count);
    }

    [Fact]
    public void Constructor_RegexPatterns_AreCountedAndNotApplied()
    {
        var patterns = new AntPatterns(["%regex[.*\\.java]", "*.md"]);

        Assert.Equal((1, 1), (patterns.Count, patterns.Unsupported));
        Assert.False(patterns.IsMatch("A.java"));
    }

    [Fact]
    public void Constructor_ManyPatterns_AllApply()
    {
        var patterns = new AntPatterns(Enumerable.Range(0, 300).Select(i => $"src/d{i}/**/*[a-f]?.java"));

        Assert.Equal((300, 0), (patterns.Count, patterns.Ignored));
        Assert.True(patterns.IsMatch("src/d299/x/[a-f]1.java"));
        Assert.False(patterns.IsMatch("src/d300/x/[a-f]1.java"));
    }

    [Fact]
    public void Constructor_PatternsPastTheLimit_AreCountedAndNotApplied()
    {
        var patterns = new AntPatterns(Enumerable.Range(0, 1000).Select(i => $"generated/part{i}/**"));

        Assert.Equal(1000, patterns.Count + patterns.Ignored);
        Assert.True(patterns.Ignored > 0);
        Assert.True(patterns.IsMatch("generated/part0/x.java"));
        Assert.False(patterns.IsMatch("generated/part999/x.java"));
    }

    [Fact]
    public void IsMatch_NoPatterns_MatchesNothing() => Assert.False(new AntPatterns([]).IsMatch("anything"));

    [Fact]
    public void IsMatch_PathologicalPattern_RunsInLinearTime()
    {
        var patterns = new AntPatterns([string.Concat(Enumerable.Repeat("*a", 30)) + "b"]);

        Assert.False(patterns.IsMatch(new string('a', 20_000)));
    }
}
