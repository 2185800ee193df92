using Atr.Domain.Storage;

namespace Atr.Tests.Domain.Storage;

public sealed class ReleasePathTests
{
    [Theory]
    [InlineData("apache-widget-1.2.0-src.tar.gz")]
    [InlineData("dist/apache-widget-1.2.0-bin.zip")]
    [InlineData("a/b/c/d.txt")]
    [InlineData("café/naïve résumé.txt")]
    [InlineData("docs/😀.md")]
    [InlineData("name with inner spaces.txt")]
    [InlineData(".atr/license-headers-ignore")]
    public void Validate_OrdinaryPath_IsAccepted(string path) => Assert.Equal(path, ReleasePath.Validate(path));

    [Theory]
    [InlineData("", "a path is required")]
    [InlineData("/etc/passwd", "it is absolute")]
    [InlineData("../outside", "it contains '..'")]
    [InlineData("a/../../b", "it contains '..'")]
    [InlineData("a/./b", "starts with '.'")]
    [InlineData(".hidden", "starts with '.'")]
    [InlineData("dir/.git/config", "starts with '.'")]
    [InlineData(".atr", "starts with '.'")]
    [InlineData("dir/.atr/license-headers-ignore", "starts with '.'")]
    [InlineData(".atr/.hidden", "starts with '.'")]
    [InlineData("a//b", "empty segment")]
    [InlineData("a/", "empty segment")]
    [InlineData("a\\b", "backslash")]
    [InlineData("..\\..\\windows", "backslash")]
    [InlineData("C:/windows/system32", "drive letter")]
    [InlineData("nul\0byte", "control character")]
    [InlineData("line\nbreak", "control character")]
    [InlineData("tab\there", "control character")]
    [InlineData("esc\u001b[31m", "control character")]
    [InlineData("del\u007f", "control character")]
    [InlineData("c1\u0085", "control character")]
    [InlineData("evil\u202Egpj.exe", "invisible formatting character")]
    [InlineData("zero\u200Bwidth", "invisible formatting character")]
    [InlineData("bom\uFEFFfile", "invisible formatting character")]
    [InlineData(" leading", "starts or ends with a space")]
    [InlineData("trailing /x", "starts or ends with a space")]
    public void Validate_HostilePath_IsRefusedNamingTheRule(string path, string rule)
    {
        var error = Assert.Throws<InvalidPathException>(() => ReleasePath.Validate(path));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\u202E', error.Message);
    }

    [Fact]
    public void Validate_LoneSurrogate_IsRefused()
    {
        // Built at run time: a lone surrogate in an attribute would be replaced when compiled.
        var path = "lone" + (char)0xD800 + "surrogate";

        Assert.Contains("lone surrogate", Assert.Throws<InvalidPathException>(() => ReleasePath.Validate(path)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_TooLongOrTooDeep_IsRefused()
    {
        Assert.Contains("longer than 1024", Assert.Throws<InvalidPathException>(() => ReleasePath.Validate(new string('a', 1025))).Message,
            StringComparison.Ordinal);
        Assert.Contains("segment is longer than 255", Assert.Throws<InvalidPathException>(() => ReleasePath.Validate(new string('a', 256))).Message,
            StringComparison.Ordinal);
        Assert.Contains("more than 32 folders deep",
            Assert.Throws<InvalidPathException>(() => ReleasePath.Validate(string.Join('/', Enumerable.Repeat("a", 33)))).Message, StringComparison.Ordinal);
        Assert.Equal(string.Join('/', Enumerable.Repeat("a", 32)), ReleasePath.Validate(string.Join('/', Enumerable.Repeat("a", 32))));
    }

    [Theory]
    [InlineData(null, "x.txt", "x.txt")]
    [InlineData("", "x.txt", "x.txt")]
    [InlineData("dist", "x.txt", "dist/x.txt")]
    [InlineData("dist/", "x.txt", "dist/x.txt")]
    public void Combine_JoinsAFolderAndAName(string? folder, string name, string expected) =>
        Assert.Equal(expected, ReleasePath.Combine(folder, name));

    [Fact]
    public void Combine_FolderThatEscapes_IsRefused() =>
        Assert.Throws<InvalidPathException>(() => ReleasePath.Combine("../up", "x.txt"));
}
