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
    [InlineData("docs/ノート.txt")]
    [InlineData("docs/丿丶.txt")]
    [InlineData("docs/۰۱۲.txt")]
    [InlineData("read%20me.txt")]
    [InlineData("100%.txt")]
    [InlineData("50%off.txt")]
    [InlineData("caf%C3%A9.txt")]
    [InlineData("raw%FF.bin")]
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
    [InlineData("a%2Fb.txt", "it contains '%2F', an encoded '/'")]
    [InlineData("a%2fb.txt", "it contains '%2f', an encoded '/'")]
    [InlineData("a%5Cb.txt", "it contains '%5C', an encoded '\\'")]
    [InlineData("%2E%2E/etc", "it contains '%2E%2E', an encoded '.'")]
    [InlineData("a%252Fb.txt", "it contains '%25', an encoded '%'")]
    [InlineData("a%00b.txt", "an encoded control or invisible character")]
    [InlineData("a%E2%80%AEb.txt", "an encoded control or invisible character")]
    [InlineData("a%EF%BC%8Fb.txt", "it contains '%EF%BC%8F', an encoded '／' that looks like '/'")]
    [InlineData("a%E2%88%95b.txt", "an encoded '∕' that looks like '/'")]
    [InlineData("．．／．．／etc", "it contains '．' (U+FF0E), which looks like '.'")]
    [InlineData("a／b.txt", "it contains '／' (U+FF0F), which looks like '/'")]
    [InlineData("a＼b.txt", "it contains '＼' (U+FF3C), which looks like '\\'")]
    [InlineData("a∕b.txt", "it contains '∕' (U+2215), which looks like '/'")]
    [InlineData("a⁄b.txt", "it contains '⁄' (U+2044), which looks like '/'")]
    [InlineData("a⧸b.txt", "(U+29F8), which looks like '/'")]
    [InlineData("a╱b.txt", "(U+2571), which looks like '/'")]
    [InlineData("a⟋b.txt", "(U+27CB), which looks like '/'")]
    [InlineData("a∖b.txt", "(U+2216), which looks like '\\'")]
    [InlineData("a﹨b.txt", "(U+FE68), which looks like '\\'")]
    [InlineData("a․b.txt", "(U+2024), which looks like '.'")]
    [InlineData("a‥b.txt", "(U+2025), which looks like '.'")]
    [InlineData("a…b.txt", "(U+2026), which looks like '.'")]
    [InlineData("a﹒b.txt", "(U+FE52), which looks like '.'")]
    [InlineData("a⒈b.txt", "(U+2488), which looks like '.'")]
    public void Validate_HostilePath_IsRefusedNamingTheRule(string path, string rule)
    {
        var error = Assert.Throws<InvalidPathException>(() => ReleasePath.Validate(path));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\0', error.Message);
        Assert.DoesNotContain('\n', error.Message);
        Assert.DoesNotContain('\u202E', error.Message);
    }

    [Theory]
    [InlineData("a%2Fb.txt")]
    [InlineData("dist/a∕b.txt")]
    [InlineData("．．／x")]
    public void ValidateExisting_LookAlikeStoredBeforeTheRule_IsAccepted(string path) =>
        Assert.Equal(path, ReleasePath.ValidateExisting(path));

    [Theory]
    [InlineData("../outside", "it contains '..'")]
    [InlineData("a\\b", "backslash")]
    [InlineData("nul\0byte", "control character")]
    public void ValidateExisting_HostilePath_IsStillRefused(string path, string rule) =>
        Assert.Contains(rule, Assert.Throws<InvalidPathException>(() => ReleasePath.ValidateExisting(path)).Message, StringComparison.Ordinal);

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
