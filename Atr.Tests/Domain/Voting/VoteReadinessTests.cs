using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Domain.Voting;
using Atr.Tests.Domain.Checks;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Voting;

/// <summary>A vote waits for the revision's checks, and under strict checking for a revision without un-ignored failures.</summary>
public sealed class VoteReadinessTests
{
    private static CancellationToken Cancel => CheckHarness.Cancel;

    [Fact]
    public async Task WhileChecksAreQueued_TheVoteCannotStart()
    {
        await using var harness = await CheckHarness.CreateAsync();
        var revision = await harness.UploadAsync(("notes.txt", "hello"));

        var refused = await Assert.ThrowsAsync<DomainException>(() => StartAsync(harness, revision));

        Assert.Contains($"2 checks of revision {revision} are still queued or running", refused.Message, StringComparison.Ordinal);
        var form = await harness.Database.Get<VoteService>().StartFormAsync(await RitaAsync(harness), "widget", "1.0.0", Cancel);
        Assert.Equal(refused.Message, Assert.Single(form.Problems));
    }

    [Fact]
    public async Task StrictChecking_RefusesAFailure_UntilARuleIgnoresIt()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await StrictAsync(harness);
        harness.Probe.Behaviour = (run, _) =>
        {
            run.Failure("no header", memberPath: "widget-1.0.0/src/Main.java");
            return Task.CompletedTask;
        };
        var revision = await harness.UploadAsync(("notes.txt", "hello"));
        await harness.RunQueuedAsync();
        var before = await harness.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => StartAsync(harness, revision));

        Assert.Equal(
            $"Strict checking is on for widget, and 1 result of revision {revision} failed without an ignore rule, e.g. probe on notes.txt (widget-1.0.0/src/Main.java): no header",
            refused.Message);
        Assert.Equal(before, await harness.Database.ContentHashAsync());
        await harness.Database.Get<IgnoreService>().AddAsync(await RitaAsync(harness), "widget",
            new IgnoreRuleInput(null, null, "probe", null, "*/Main.java", null, null), Cancel);
        await StartAsync(harness, revision);
    }

    [Fact]
    public async Task WithoutStrictChecking_AFailureDoesNotBlockTheVote()
    {
        await using var harness = await CheckHarness.CreateAsync();
        harness.Probe.Behaviour = (run, _) =>
        {
            run.Failure("no header");
            return Task.CompletedTask;
        };
        var revision = await harness.UploadAsync(("notes.txt", "hello"));
        await harness.RunQueuedAsync();

        var round = await StartAsync(harness, revision);

        Assert.Equal(revision, round.RevisionNumber);
    }

    private static async Task<VoteRoundView> StartAsync(CheckHarness harness, string revision) =>
        await harness.Database.Get<VoteService>().StartAsync(await RitaAsync(harness), "widget", "1.0.0",
            new StartVoteRequest(revision, "dev@widget.apache.org", 72), Cancel);

    private static Task<Atr.Domain.Access.Actor> RitaAsync(CheckHarness harness) =>
        harness.Database.Get<Atr.Domain.Access.UserDirectory>().ResolveAsync("rita", Cancel);

    private static async Task StrictAsync(CheckHarness harness)
    {
        await using var db = await harness.Database.ContextAsync();
        var project = await db.Projects.Include(p => p.ReleasePolicy).SingleAsync(p => p.Name == "widget", Cancel);
        project.ReleasePolicy = new ReleasePolicy { StrictChecking = true };
        await db.SaveChangesAsync(Cancel);
    }
}
