using System.Text;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Storage;

public sealed class ContentInspectorTests
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Inspect_Text_GivesTheTextUnchanged()
    {
        await using var database = await TestDatabase.CreateAsync();
        var html = "<script>alert('x')</script>\nline 2 ünïcode\n";

        var view = await InspectAsync(database, "notes/readme.html", Encoding.UTF8.GetBytes(html));

        Assert.Equal(ContentKind.Text, view.Kind);
        Assert.Equal(html, view.Text);
    }

    [Fact]
    public async Task Inspect_Binary_GivesAHexDumpOfTheStart()
    {
        await using var database = await TestDatabase.CreateAsync();
        var bytes = Enumerable.Range(0, 8192).Select(i => (byte)i).ToArray();

        var view = await InspectAsync(database, "data.bin", bytes);

        Assert.Equal(ContentKind.Binary, view.Kind);
        Assert.Null(view.Text);
        var lines = view.HexDump!.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(256, lines.Length);
        Assert.Equal("00000000  00 01 02 03 04 05 06 07  08 09 0a 0b 0c 0d 0e 0f  |................|", lines[0]);
        Assert.StartsWith("00000040  40 41 42", lines[4], StringComparison.Ordinal);
        Assert.EndsWith("|@ABCDEFGHIJKLMNO|", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_LargeText_IsShownAsTheStartOfABinary()
    {
        await using var database = await TestDatabase.CreateAsync();

        var view = await InspectAsync(database, "big.txt", Encoding.ASCII.GetBytes(new string('a', ContentInspector.MaxTextBytes + 1)));

        Assert.Equal(ContentKind.Binary, view.Kind);
        Assert.Equal("The file is larger than 1 MiB; only its start is shown", view.Problem);
    }

    [Theory]
    [InlineData("Archives/apache-widget-1.0.0-src.tar.gz")]
    [InlineData("Archives/apache-widget-1.0.0-src.zip")]
    public async Task Inspect_Archive_ListsItsMembers(string fixture)
    {
        await using var database = await TestDatabase.CreateAsync();

        var view = await InspectAsync(database, Path.GetFileName(fixture), await File.ReadAllBytesAsync(FixtureFiles.PathOf(fixture), Cancel));

        Assert.Equal(ContentKind.Archive, view.Kind);
        Assert.Null(view.Problem);
        Assert.Contains(view.Members, m => m.Path == "apache-widget-1.0.0-src/LICENSE" && m.Size == 41 && m.Type == "file");
        Assert.Contains(view.Members, m => m.Path == "apache-widget-1.0.0-src/src/main/java/org/apache/widget/Main.java" && m.Size == 50);
        Assert.Contains(view.Members, m => m.Path.TrimEnd('/') == "apache-widget-1.0.0-src/src" && m.Type == "directory");
    }

    [Fact]
    public async Task Inspect_TruncatedArchive_SaysItCannotBeRead()
    {
        await using var database = await TestDatabase.CreateAsync();

        var view = await InspectAsync(database, "truncated.tar.gz", await File.ReadAllBytesAsync(FixtureFiles.PathOf("Archives/truncated.tar.gz"), Cancel));

        Assert.Equal(ContentKind.Archive, view.Kind);
        Assert.StartsWith("The archive cannot be read", view.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadText_GivesTextOrNull()
    {
        await using var database = await TestDatabase.CreateAsync();
        var inspector = database.Get<ContentInspector>();

        Assert.Equal("hello\n", await inspector.ReadTextAsync(await StoreAsync(database, "a.txt", "hello\n"u8.ToArray()), Cancel));
        Assert.Null(await inspector.ReadTextAsync(await StoreAsync(database, "b.bin", [0x00, 0xff, 0x10]), Cancel));
        Assert.Null(await inspector.ReadTextAsync(await StoreAsync(database, "c.txt", [0xc3, 0x28]), Cancel));
    }

    private static async Task<ContentView> InspectAsync(TestDatabase database, string path, byte[] content) =>
        await database.Get<ContentInspector>().InspectAsync(await StoreAsync(database, path, content), Cancel);

    private static async Task<ManifestEntry> StoreAsync(TestDatabase database, string path, byte[] content)
    {
        var blob = await database.Get<ArtifactStore>().StoreAsync(new MemoryStream(content), 8 << 20, null, Cancel);
        return new ManifestEntry(path, blob.Size, blob.Sha256, blob.Sha512);
    }
}
