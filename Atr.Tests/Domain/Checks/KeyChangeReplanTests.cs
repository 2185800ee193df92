using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Domain.Revisions;
using Atr.Domain.Storage;
using Atr.Domain.Tasks;
using Atr.Domain.Access;
using static Atr.Tests.Domain.Checks.SignatureCheckTests;

namespace Atr.Tests.Domain.Checks;

/// <summary>Changing a committee's keys plans the signature checks of its open drafts again.</summary>
public sealed class KeyChangeReplanTests
{
    private static CancellationToken Cancel => CheckHarness.Cancel;

    [Fact]
    public async Task LinkingTheSignersKey_ChecksTheDraftAgain_AndUnlinkingItReusesTheFirstOutcome()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var revision = await UploadSignedArchiveAsync(harness);
        await harness.RunQueuedAsync();
        var first = Signature(await harness.ChecksAsync());
        Assert.Equal("unknown-key", Reason(await harness.ChecksAsync()));

        var rita = await harness.Database.Get<UserDirectory>().ResolveAsync("rita", Cancel);
        await harness.Database.Get<KeyService>().AddAsync(rita, KeyText("rsa"), ["widget"], Cancel);

        var replanned = Assert.Single(harness.Events.Events.OfType<ChecksPlanned>(), e => e.RevisionNumber == revision && e.QueuedTaskIds.Count == 1);
        var queued = await harness.TaskAsync(replanned.QueuedTaskIds[0]);
        Assert.Equal((TaskType.SignatureCheck, revision, $"{Archive}.asc"), (queued.TaskType, queued.RevisionNumber!, queued.PrimaryRelPath!));
        await harness.RunQueuedAsync();
        var checks = await harness.ChecksAsync();
        Assert.Equal(queued.Id, Signature(checks).TaskId);
        Assert.Equal(CheckResultStatus.Success, Assert.Single(checks.Results, r => r.Checker == "signature").Status);

        await harness.Database.Get<KeyService>().UnlinkAsync(rita, Rsa, "widget", Cancel);

        var again = Signature(await harness.ChecksAsync());
        Assert.Equal((BackgroundTaskStatus.Completed, first.TaskId), (again.Status, again.ReusedFromTask));
        Assert.Empty(await harness.QueuedAsync());
    }

    [Fact]
    public async Task KeysOfAnotherCommittee_LeaveTheDraftAlone()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await UploadSignedArchiveAsync(harness);
        await harness.RunQueuedAsync();
        var before = Signature(await harness.ChecksAsync()).TaskId;

        await harness.Database.Get<KeyService>().AddAsync(harness.Carl, KeyText("rsa"), [], Cancel);

        Assert.Equal(before, Signature(await harness.ChecksAsync()).TaskId);
        Assert.Empty(await harness.QueuedAsync());
    }

    private static async Task<string> UploadSignedArchiveAsync(CheckHarness harness)
    {
        var store = harness.Database.Get<ArtifactStore>();
        UploadedFile Upload(string path, byte[] content) =>
            new(path, store.StoreAsync(new MemoryStream(content), 1 << 20, null, Cancel).GetAwaiter().GetResult());
        var files = new[] { Upload(Archive, Fixture(Archive)), Upload($"{Archive}.asc", Fixture($"{Archive}.rsa.asc")) };
        return (await harness.Database.Get<RevisionService>().UploadAsync(harness.Carl, "widget", "1.0.0", files, "the API", Cancel)).Number;
    }

    private static RevisionCheck Signature(RevisionChecks checks) => Assert.Single(checks.Checks, c => c.TaskType == TaskType.SignatureCheck);

    private static string? Reason(RevisionChecks checks) =>
        System.Text.Json.JsonDocument.Parse(Assert.Single(checks.Results, r => r.Checker == "signature").Data).RootElement.GetProperty("reason").GetString();
}
