using Atr.Domain.Checks;
using Atr.Domain.Common;

namespace Atr.Tests.Domain.Checks;

public sealed class GitIgnorePatternsTests
{
    [Theory]
    [InlineData("*-bin.tar.gz", "apache-widget-1.0-bin.tar.gz", true)]
    [InlineData("*-bin.tar.gz", "dist/apache-widget-1.0-bin.tar.gz", true)]
    [InlineData("*-bin.tar.gz", "apache-widget-1.0-src.tar.gz", false)]
    [InlineData("/dist/*.zip", "dist/a.zip", true)]
    [InlineData("/dist/*.zip", "other/dist/a.zip", false)]
    [InlineData("dist/*.zip", "dist/sub/a.zip", false)]
    [InlineData("dist/**/*.zip", "dist/sub/deeper/a.zip", true)]
    [InlineData("**/generated", "a/b/generated/x.java", true)]
    [InlineData("build/", "build/x.class", true)]
    [InlineData("build/", "build", false)]
    [InlineData("target", "module/target/x.jar", true)]
    [InlineData("docs/**", "docs/a/b.md", true)]
    [InlineData("?.txt", "a.txt", true)]
    [InlineData("?.txt", "ab.txt", false)]
    [InlineData("[ab].txt", "b.txt", true)]
    [InlineData("[!ab].txt", "b.txt", false)]
    [InlineData("x[!a]y", "x/y", false)]
    [InlineData("\\#notes", "#notes", true)]
    [InlineData("# a comment", "# a comment", false)]
    public void OnePattern(string pattern, string path, bool matched) =>
        Assert.Equal(matched, new GitIgnorePatterns([pattern]).IsMatch(path));

    [Fact]
    public void TheLastMatchingPatternDecides_SoNegationReincludes()
    {
        var patterns = new GitIgnorePatterns(["*.txt", "!keep.txt", "", "# comment"]);

        Assert.True(patterns.IsMatch("drop.txt"));
        Assert.False(patterns.IsMatch("keep.txt"));
        Assert.False(patterns.IsMatch("a.java"));
        Assert.Equal(2, patterns.Count);
    }

    [Fact]
    public void NoPatterns_MatchNothing() => Assert.False(new GitIgnorePatterns([]).IsMatch("anything"));

    [Theory]
    [InlineData("a[", "a[", true)]
    [InlineData("[", "[", true)]
    [InlineData("x[a", "x[a", true)]
    public void SetWithoutItsEnd_IsLiteral(string pattern, string path, bool matched) =>
        Assert.Equal(matched, new GitIgnorePatterns([pattern]).IsMatch(path));

    [Fact]
    public void ManyRunsOfBothSenses_StillLetTheLastMatchingPatternDecide()
    {
        var lines = Enumerable.Range(0, 40).SelectMany(i => new[] { $"dir{i}/**", $"!dir{i}/keep.txt" }).Append("*.log").ToList();

        var patterns = new GitIgnorePatterns(lines);

        Assert.True(patterns.IsMatch("dir39/drop.txt"));
        Assert.False(patterns.IsMatch("dir39/keep.txt"));
        Assert.True(patterns.IsMatch("dir39/keep.txt/x.log"));
        Assert.False(patterns.IsMatch("other/keep.txt"));
        Assert.Equal(81, patterns.Count);
    }

    [Fact]
    public void ManyPatterns_AllApply()
    {
        var patterns = new GitIgnorePatterns(Enumerable.Range(0, 300).Select(i => $"src/d{i}/**/*[a-f]?.java"));

        Assert.True(patterns.IsMatch("src/d299/x/yb1.java"));
        Assert.True(patterns.IsMatch("src/d0/ab1.java"));
        Assert.False(patterns.IsMatch("src/d300/ab1.java"));
    }

    [Fact]
    public void PatternsPastTheLimit_AreADomainErrorSayingSo()
    {
        var tooLong = Assert.Throws<DomainException>(() => new GitIgnorePatterns(Enumerable.Range(0, 1000).Select(i => $"generated/part{i}/**")));

        Assert.Equal($"The patterns hold more than {GitIgnorePatterns.MaxLength:N0} characters, the most Atr reads", tooLong.Message);
    }

    [Theory]
    [InlineData("[z-a].txt", "The pattern '[z-a].txt' cannot be read: the range z-a runs backwards")]
    [InlineData("[[:word:]]", "The pattern '[[:word:]]' cannot be read: [:word:] is not a character class")]
    public void UnreadablePattern_IsADomainErrorNamingIt(string pattern, string message) =>
        Assert.Equal(message, Assert.Throws<DomainException>(() => new GitIgnorePatterns([pattern])).Message);

    [Theory]
    [InlineData("[a-c]x", "bx", true)]
    [InlineData("[a-c]x", "dx", false)]
    [InlineData("[^a-c]x", "dx", true)]
    [InlineData("[!a-c]x", "bx", false)]
    [InlineData("[]a]", "]", true)]
    [InlineData("[\\]]x", "]x", true)]
    [InlineData("[a\\-z]", "-", true)]
    [InlineData("[a\\-z]", "m", false)]
    [InlineData("[[:digit:]].log", "7.log", true)]
    [InlineData("[[:digit:]].log", "x.log", false)]
    [InlineData("[![:upper:]]*", "Readme", false)]
    [InlineData("a[/]b", "a/b", false)]
    [InlineData("a[!x]b", "a/b", false)]
    [InlineData("[!]", "[!]", true)]
    [InlineData("[!]]x", "ax", true)]
    public void Sets_AreReadAsGitReadsThem_AndNeverMatchASlash(string pattern, string path, bool matched) =>
        Assert.Equal(matched, new GitIgnorePatterns([pattern]).IsMatch(path));

    [Fact]
    public void PathologicalPattern_IsMatchedInTimeLinearInThePath()
    {
        var patterns = new GitIgnorePatterns([string.Concat(Enumerable.Repeat("*a", 30)) + "b", "**/" + string.Concat(Enumerable.Repeat("a**/", 30)) + "c"]);

        Assert.False(patterns.IsMatch(new string('a', 20_000)));
        Assert.False(patterns.IsMatch(string.Join('/', Enumerable.Repeat("a", 10_000))));
    }
}
