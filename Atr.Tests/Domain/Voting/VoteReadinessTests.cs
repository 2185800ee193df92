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
    public async Task StrictChecking_RefusesEveryFailureByFile_UntilRulesIgnoreThem()
    {
        await using var harness = await CheckHarness.CreateAsync();
        await StrictAsync(harness);
        harness.Probe.Behaviour = (run, _) =>
        {
            if (run.Subject.PrimaryPath == "a.txt")
            {
                // A file's failure with a finding in a member: one result that blocks, its member a detail of it.
                run.Failure("bad a");
                run.Failure("detail", memberPath: "m/x");
            }
            else
            {
                run.Failure("no header", memberPath: "widget-1.0.0/src/Main.java");
                run.Failure("no header", memberPath: "widget-1.0.0/src/Other.java");
            }

            return Task.CompletedTask;
        };
        var revision = await harness.UploadAsync(("notes.txt", "hello"), ("a.txt", "a"));
        await harness.RunQueuedAsync();
        var before = await harness.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => StartAsync(harness, revision));

        Assert.Equal(
            $"Strict checking is on for widget, and revision {revision} has 3 failed results that no ignore rule covers: a.txt (probe), notes.txt (probe)",
            refused.Message);
        Assert.Equal(before, await harness.Database.ContentHashAsync());
        var form = await harness.Database.Get<VoteService>().StartFormAsync(await RitaAsync(harness), "widget", "1.0.0", Cancel);
        Assert.Equal([("a.txt", null), ("notes.txt", "widget-1.0.0/src/Main.java"), ("notes.txt", "widget-1.0.0/src/Other.java")],
            form.Blockers.Select(b => (b.PrimaryRelPath, b.MemberRelPath)));

        var ignores = harness.Database.Get<IgnoreService>();
        await ignores.AddAsync(await RitaAsync(harness), "widget", new IgnoreRuleInput(null, null, "probe", null, "*/src/*.java", null, null), Cancel);
        var partly = await Assert.ThrowsAsync<DomainException>(() => StartAsync(harness, revision));
        Assert.Equal(
            $"Strict checking is on for widget, and revision {revision} has 1 failed result that no ignore rule covers (2 more are ignored by the committee's rules): a.txt (probe)",
            partly.Message);
        await ignores.AddAsync(await RitaAsync(harness), "widget", new IgnoreRuleInput(null, null, "probe", "a.txt", null, null, null), Cancel);
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
