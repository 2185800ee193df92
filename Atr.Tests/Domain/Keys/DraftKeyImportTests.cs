using System.Text;
using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Keys;

/// <summary>Importing a draft's KEYS file: every key or nothing removed, committee members only.</summary>
public sealed class DraftKeyImportTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task AllKeysRead_TheyJoinTheCommittee_AndANewRevisionRemovesTheFile()
    {
        await using var database = await template.CopyAsync();
        var rita = await ActorAsync(database, "rita");
        var demoKeys = await FingerprintsAsync(database);
        var before = await UploadKeysAsync(database, KeyFixtures.Text("rsa4096.asc") + "\n" + KeyFixtures.Text("ed25519-subkey.asc"));

        var imported = await database.Get<DraftKeyImport>().ImportAsync(rita, "widget", "2.0.0-M1", Cancel);

        Assert.Equal("widget", imported.Committee);
        Assert.Equal([KeyOutcomeStatus.Inserted, KeyOutcomeStatus.Inserted], imported.Outcomes.Select(o => o.Status));
        var revision = Assert.IsType<RevisionCreated>(imported.Revision);
        Assert.Equal("Imported the 2 keys of KEYS into the keys of widget", revision.Description);
        Assert.Equal(["KEYS"], revision.Changes.Removed);
        Assert.Equal(before.FileCount - 1, revision.FileCount);
        Assert.Equal([KeyFixtures.Ed25519, KeyFixtures.Rsa], (await FingerprintsAsync(database)).Except(demoKeys).Order());
    }

    [Fact]
    public async Task ABlockFails_TheOthersAreImported_AndTheFileStays()
    {
        await using var database = await template.CopyAsync();
        var rita = await ActorAsync(database, "rita");
        var demoKeys = await FingerprintsAsync(database);
        var before = await UploadKeysAsync(database, KeyFixtures.Text("KEYS"));

        var imported = await database.Get<DraftKeyImport>().ImportAsync(rita, "widget", "2.0.0-M1", Cancel);

        Assert.Null(imported.Revision);
        Assert.Equal(3, Assert.Single(imported.Outcomes, o => o.Failed).Block);
        Assert.Equal(4, (await FingerprintsAsync(database)).Except(demoKeys).Count());
        var files = await database.Get<RevisionService>().FilesAsync(rita, "widget", "2.0.0-M1", "latest", Cancel);
        Assert.Equal(before.Number, files.Number);
        Assert.Contains(files.Files, f => f.Path == "KEYS");
    }

    [Fact]
    public async Task ACommitter_IsRefused_AndNothingIsAdded()
    {
        await using var database = await template.CopyAsync();
        var demoKeys = await FingerprintsAsync(database);
        await UploadKeysAsync(database, KeyFixtures.Text("rsa4096.asc"));

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await database.Get<DraftKeyImport>().ImportAsync(await ActorAsync(database, "carl"), "widget", "2.0.0-M1", Cancel));

        Assert.Equal(demoKeys, await FingerprintsAsync(database));
    }

    [Fact]
    public async Task WithoutAKeysFile_TheMessageSaysSo()
    {
        await using var database = await template.CopyAsync();

        var error = await Assert.ThrowsAsync<DomainException>(async () =>
            await database.Get<DraftKeyImport>().ImportAsync(await ActorAsync(database, "rita"), "widget", "2.0.0-M1", Cancel));

        Assert.Matches("^Revision \\d+ of widget 2.0.0-M1 has no KEYS file at its top level$", error.Message);
    }

    private static async Task<RevisionCreated> UploadKeysAsync(TestDatabase database, string text)
    {
        var blob = await database.Get<ArtifactStore>().StoreAsync(new MemoryStream(Encoding.UTF8.GetBytes(text)), 1 << 20, null, Cancel);
        return await database.Get<RevisionService>().UploadAsync(
            await ActorAsync(database, "rita"), "widget", "2.0.0-M1", [new UploadedFile("KEYS", blob)], "the API", Cancel);
    }

    private static async Task<List<string>> FingerprintsAsync(TestDatabase database) =>
        (await database.Get<KeyService>().CommitteeKeysAsync("widget", Cancel)).Select(k => k.Fingerprint).ToList();

    private static Task<Actor> ActorAsync(TestDatabase database, string userId) =>
        database.Get<UserDirectory>().ResolveAsync(userId, Cancel);
}
