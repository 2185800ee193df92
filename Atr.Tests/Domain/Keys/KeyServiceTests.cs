using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Keys;

/// <summary>Adding keys with an outcome each, revocations that stick, ownership, and KEYS files GnuPG reads.</summary>
public sealed class KeyServiceTests
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task KeysFile_EachBlockGetsItsOutcome_AndTheCorruptedOneBlocksNothing()
    {
        await using var database = await CreateAsync();
        var carl = await ActorAsync(database, "carl");

        var outcomes = await database.Get<KeyService>().AddAsync(carl, KeyFixtures.Text("KEYS"), ["widget"], Cancel);

        Assert.Equal(
            [
                (1, KeyFixtures.Rsa, "rita", KeyOutcomeStatus.Inserted),
                (2, KeyFixtures.Ed25519, "carl", KeyOutcomeStatus.Inserted),
                (4, KeyFixtures.Expired, "carl", KeyOutcomeStatus.Inserted),
                (5, KeyFixtures.SubkeyExpired, "carl", KeyOutcomeStatus.Inserted),
            ],
            outcomes.Where(o => !o.Failed).Select(o => (o.Block, o.Fingerprint!, o.Owner!, o.Status)));
        Assert.All(outcomes.Where(o => !o.Failed), o => Assert.Equal(["widget"], o.Linked));
        var failed = Assert.Single(outcomes, o => o.Failed);
        Assert.Equal(3, failed.Block);
        Assert.Contains("not a readable OpenPGP public key", failed.Error, StringComparison.Ordinal);
        Assert.Equal(4, (await database.Get<KeyService>().CommitteeKeysAsync("widget", Cancel)).Count);
    }

    [Fact]
    public async Task AddingAgain_SaysAlreadyPresent_AndLinksOnlyNewCommittees()
    {
        await using var database = await CreateAsync();
        var rita = await ActorAsync(database, "rita");
        var service = database.Get<KeyService>();
        await service.AddAsync(rita, KeyFixtures.Text("rsa4096.asc"), [], Cancel);

        var again = Assert.Single(await service.AddAsync(rita, KeyFixtures.Text("rsa4096.asc"), ["widget"], Cancel));

        Assert.Equal(KeyOutcomeStatus.AlreadyPresent, again.Status);
        Assert.Equal(["widget"], again.Linked);
        var key = await service.GetAsync(KeyParser.Display(KeyFixtures.Rsa), Cancel);
        Assert.Equal(("rita", "Rita Manager <rita@apache.org>"), (key.Owner!, key.PrimaryUserId!));
        Assert.Equal(["widget"], key.Committees);
    }

    [Fact]
    public async Task Revocation_MarksTheKey_AndALaterUnrevokedCopyNeverClearsIt()
    {
        await using var database = await CreateAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<KeyService>();
        Assert.Equal(KeyOutcomeStatus.Inserted, Assert.Single(await service.AddAsync(carl, KeyFixtures.Text("revoked-before.asc"), ["widget"], Cancel)).Status);

        var revoked = Assert.Single(await service.AddAsync(carl, KeyFixtures.Text("revocation.asc"), [], Cancel));
        var again = Assert.Single(await service.AddAsync(carl, KeyFixtures.Text("revoked-before.asc"), [], Cancel));

        Assert.Equal((KeyOutcomeStatus.Revoked, KeyFixtures.Revoked), (revoked.Status, revoked.Fingerprint!));
        Assert.Equal(KeyOutcomeStatus.AlreadyPresent, again.Status);
        var key = await service.GetAsync(KeyFixtures.Revoked, Cancel);
        Assert.NotNull(key.Revoked);
        Assert.NotNull(KeyParser.Read(key.Armor).Revoked);
    }

    [Fact]
    public async Task RevokedKey_IsStoredRevoked_AndARevocationOfAnUnknownKeyIsAnError()
    {
        await using var database = await CreateAsync();
        var carl = await ActorAsync(database, "carl");
        var service = database.Get<KeyService>();

        var orphan = Assert.Single(await service.AddAsync(carl, KeyFixtures.Text("revocation.asc"), [], Cancel));
        var inserted = Assert.Single(await service.AddAsync(carl, KeyFixtures.Text("revoked.asc"), [], Cancel));

        Assert.True(orphan.Failed);
        Assert.Contains("add the key first", orphan.Error, StringComparison.Ordinal);
        Assert.Equal(KeyOutcomeStatus.Inserted, inserted.Status);
        Assert.NotNull((await service.GetAsync(KeyFixtures.Revoked, Cancel)).Revoked);
    }

    [Fact]
    public async Task Outsiders_CannotAddKeysToACommittee_OrTouchAnothersKey_AndNothingChanges()
    {
        await using var database = await CreateAsync();
        var service = database.Get<KeyService>();
        var rita = await ActorAsync(database, "rita");
        await service.AddAsync(rita, KeyFixtures.Text("rsa4096.asc"), ["widget"], Cancel);
        var before = await database.ContentHashAsync();
        var oscar = await ActorAsync(database, "oscar");
        var carl = await ActorAsync(database, "carl");

        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddAsync(oscar, KeyFixtures.Text("ed25519-subkey.asc"), ["widget"], Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.AddAsync(Actor.Anonymous, KeyFixtures.Text("ed25519-subkey.asc"), [], Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.DeleteAsync(carl, KeyFixtures.Rsa, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(() => service.UnlinkAsync(carl, KeyFixtures.Rsa, "widget", Cancel));
        await Assert.ThrowsAsync<DomainException>(() => service.AddAsync(carl, "no key here", [], Cancel));
        await Assert.ThrowsAsync<NotFoundException>(() => service.AddAsync(carl, KeyFixtures.Text("ed25519-subkey.asc"), ["nonesuch"], Cancel));

        Assert.Equal(before, await database.ContentHashAsync());
    }

    [Fact]
    public async Task Owner_UnlinksAndDeletes_AndTheCommitteeLosesTheKey()
    {
        await using var database = await CreateAsync();
        var service = database.Get<KeyService>();
        var rita = await ActorAsync(database, "rita");
        await service.AddAsync(rita, KeyFixtures.Text("rsa4096.asc"), ["widget"], Cancel);
        await service.AddAsync(rita, KeyFixtures.Text("ed25519-subkey.asc"), ["widget"], Cancel);

        await service.UnlinkAsync(rita, KeyFixtures.Rsa, "widget", Cancel);
        Assert.Equal([KeyFixtures.Ed25519], (await service.CommitteeKeysAsync("widget", Cancel)).Select(k => k.Fingerprint));
        await service.LinkAsync(rita, KeyFixtures.Rsa, "widget", Cancel);
        await service.DeleteAsync(rita, KeyFixtures.Rsa, Cancel);

        Assert.Equal([KeyFixtures.Ed25519], (await service.CommitteeKeysAsync("widget", Cancel)).Select(k => k.Fingerprint));
        await Assert.ThrowsAsync<NotFoundException>(() => service.GetAsync(KeyFixtures.Rsa, Cancel));
        await using var db = await database.ContextAsync();
        Assert.Equal(["key.add", "key.link", "key.add", "key.link", "key.unlink", "key.link", "key.delete"],
            await db.AuditEvents.Where(e => e.Action.StartsWith("key.")).OrderBy(e => e.Id).Select(e => e.Action).ToListAsync(Cancel));
    }

    [Fact]
    public async Task KeysFile_IsReadByGnuPG_WithTheSameFingerprints()
    {
        await using var database = await CreateAsync();
        await database.Get<KeyService>().AddAsync(await ActorAsync(database, "carl"), KeyFixtures.Text("KEYS"), ["widget"], Cancel);

        var text = await database.Get<KeyService>().KeysFileAsync("widget", podling: false, Cancel);

        Assert.StartsWith("# OpenPGP public keys of the committee widget\n", text, StringComparison.Ordinal);
        Assert.Contains("Comment: C9EB A975 85BC 2890 9F22 3771 70AF 7F74 02D2 E171\n", text, StringComparison.Ordinal);
        Assert.Contains("Comment: Rita Manager <rita@apache.org>", text, StringComparison.Ordinal);
        var fingerprints = await GnuPG.ImportedFingerprintsAsync(System.Text.Encoding.UTF8.GetBytes(text), Cancel);
        Assert.Equal(new[] { KeyFixtures.Rsa, KeyFixtures.Ed25519, KeyFixtures.Expired, KeyFixtures.SubkeyExpired }.Order(), fingerprints.Order());
        var positions = fingerprints.Select(f => text.IndexOf(KeyParser.Display(f), StringComparison.Ordinal)).ToList();
        Assert.Equal(positions.Order(), positions);
    }

    private static async Task<TestDatabase> CreateAsync()
    {
        var database = await TestDatabase.CreateAsync();
        await Seed.ProjectAsync(database);
        return database;
    }

    private static Task<Actor> ActorAsync(TestDatabase database, string userId) =>
        database.Get<UserDirectory>().ResolveAsync(userId, Cancel);
}
