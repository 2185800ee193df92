using Atr.Domain.Common;
using Atr.Domain.Revisions;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Revisions;

public sealed class ManifestTests
{
    private static Manifest Sample() => new([Seed.File("a.tar.gz", "a"), Seed.File("docs/readme.txt", "r"), Seed.File("docs/guide/intro.md", "i")]);

    [Fact]
    public void Put_NewOrReplaced_IsReported()
    {
        var manifest = Sample();

        Assert.False(manifest.Put(Seed.File("b.zip", "b")));
        Assert.True(manifest.Put(Seed.File("a.tar.gz", "a2")));
        Assert.Equal(4, manifest.Count);
        Assert.Equal(Seed.File("a.tar.gz", "a2").Sha256, manifest.Find("a.tar.gz")!.Sha256);
    }

    [Theory]
    [InlineData("docs", "'docs' is a folder")]
    [InlineData("a.tar.gz/inner.txt", "'a.tar.gz' is a file")]
    [InlineData("../x", "it contains '..'")]
    public void Put_ConflictOrBadPath_IsRefused(string path, string message)
    {
        var error = Assert.ThrowsAny<DomainException>(() => Sample().Put(Seed.File(path)));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Delete_FileOrFolder_RemovesEverythingUnderIt()
    {
        var manifest = Sample();

        Assert.Equal(["docs/guide/intro.md", "docs/readme.txt"], manifest.Delete("docs").Order(StringComparer.Ordinal));
        Assert.Equal(["a.tar.gz"], manifest.Files.Select(f => f.Path));
        Assert.Contains("There is no file or folder 'doc'", Assert.Throws<DomainException>(() => Sample().Delete("doc")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_FileAndFolder_RenamesThem()
    {
        var manifest = Sample();

        Assert.Equal(1, manifest.Move("a.tar.gz", "dist/a.tar.gz"));
        Assert.Equal(2, manifest.Move("docs", "documentation"));

        Assert.Equal(["dist/a.tar.gz", "documentation/guide/intro.md", "documentation/readme.txt"], manifest.Files.Select(f => f.Path));
    }

    [Theory]
    [InlineData("docs", "docs/sub", "cannot be moved into itself")]
    [InlineData("a.tar.gz", "docs/readme.txt", "'docs/readme.txt' already exists")]
    [InlineData("nothing", "x", "There is no file or folder 'nothing'")]
    [InlineData("a.tar.gz", "a.tar.gz", "is already there")]
    [InlineData("a.tar.gz", "docs", "'docs' is a folder")]
    public void Move_Impossible_IsRefusedAndChangesNothing(string from, string to, string message)
    {
        var manifest = Sample();

        var error = Assert.ThrowsAny<DomainException>(() => manifest.Move(from, to));

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Equal(Sample().Files, manifest.Files);
    }

    [Fact]
    public void Compare_FindsAddedRemovedAndChangedPaths()
    {
        var older = Sample();
        var newer = Sample();
        newer.Delete("docs/readme.txt");
        newer.Put(Seed.File("a.tar.gz", "changed"));
        newer.Put(Seed.File("b.zip"));

        var diff = newer.Compare(older);

        Assert.Equal(["b.zip"], diff.Added);
        Assert.Equal(["docs/readme.txt"], diff.Removed);
        Assert.Equal(["a.tar.gz"], diff.Changed);
        Assert.True(Sample().Compare(Sample()).IsEmpty);
    }

    [Fact]
    public void Folders_AreKnownUntilTheirLastFileLeaves()
    {
        var manifest = Sample();

        Assert.True(manifest.ContainsFolder("docs"));
        Assert.True(manifest.ContainsFolder("docs/guide"));
        Assert.False(manifest.ContainsFolder("doc"));
        manifest.Delete("docs/guide/intro.md");
        Assert.False(manifest.ContainsFolder("docs/guide"));
        Assert.True(manifest.ContainsFolder("docs"));
        manifest.Move("docs/readme.txt", "readme.txt");
        Assert.False(manifest.ContainsFolder("docs"));
        Assert.False(manifest.Put(Seed.File("docs", "now a file")));
    }

    [Fact]
    public void AFrozenManifest_RefusesEveryChange()
    {
        var manifest = Sample().Freeze();

        Assert.Throws<InvalidOperationException>(() => manifest.Put(Seed.File("b.zip")));
        Assert.Throws<InvalidOperationException>(() => manifest.Delete("docs"));
        Assert.Throws<InvalidOperationException>(() => manifest.Move("docs", "d"));
        Assert.Throws<InvalidOperationException>(() => manifest.ReplaceWith([]));
        Assert.Equal(3, manifest.Count);
    }
}
