using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Domain.Publishing;
using Atr.Domain.Voting;
using Atr.Tests.Domain.Voting;

namespace Atr.Tests.Domain.Projects;

public sealed class PolicyServiceTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    public static TheoryData<string, PolicyInput, string> InvalidFields() => new()
    {
        { "MailtoAddresses", new PolicyInput(MailtoAddresses: ["not an address"]), "'not an address' is not a mail address" },
        { "MailtoAddresses", new PolicyInput(MailtoAddresses: ["dev@widget.example.com"]), "Atr does not send mail to widget.example.com" },
        { "MinHours", new PolicyInput(MinHours: 24), "24 is neither 0 (no minimum) nor between 72 and 168 hours" },
        { "MinHours", new PolicyInput(MinHours: 169), "169 is neither 0" },
        { "StrictChecking", new PolicyInput(ManualVote: true, StrictChecking: true), "cannot be combined with a manual vote" },
        { "StartVoteTemplate", new PolicyInput(StartVoteTemplate: "Vote for [PROJECT] at [URL]"), "[URL] is not a placeholder" },
        { "AnnounceReleaseTemplate", new PolicyInput(AnnounceReleaseTemplate: "[REVIEW_URL]"), "[REVIEW_URL] is not a placeholder" },
        { "ReleaseChecklist", new PolicyInput(ReleaseChecklist: new string('x', 20_001)), "at most 20,000 are allowed" },
        { "BinaryArtifactPaths", new PolicyInput(BinaryArtifactPaths: ["[z-a]*.zip"]), "The pattern '[z-a]*.zip' cannot be read" },
        { "SourceArtifactPaths", new PolicyInput(SourceArtifactPaths: ["[z-a]"]), "cannot be read" },
        { "GithubRepositoryName", new PolicyInput(GithubRepositoryName: "apache/widget"), "is not a repository name" },
        { "GithubComposeWorkflowPath", new PolicyInput(GithubComposeWorkflowPath: ["build.yml"]), "must be .github/workflows/<name>.yml" },
        { "GithubVoteWorkflowPath", new PolicyInput(GithubVoteWorkflowPath: [".github/workflows/../x.yml"]), "is not a workflow file" },
        { "GithubFinishWorkflowPath", new PolicyInput(GithubFinishWorkflowPath: [".github/workflows/x.txt"]), "is not a workflow file" },
    };

    [Theory]
    [MemberData(nameof(InvalidFields))]
    public async Task AnInvalidField_IsRefusedByName_AndNothingChanges(string field, PolicyInput input, string expected)
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.Database.Get<PolicyService>().UpdateAsync(await fixture.ActorAsync("rita"), "widget", input, Cancel));

        Assert.Contains(expected, Assert.Single(refused.Errors[field]), StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task APodling_CannotVoteOutsideAtr()
    {
        await using var fixture = await VoteFixture.CreateAsync("gizmo");

        var refused = await Assert.ThrowsAsync<ValidationException>(async () =>
            await fixture.Database.Get<PolicyService>().UpdateAsync(await fixture.ActorAsync("paula"), "gizmo", new PolicyInput(ManualVote: true), Cancel));

        Assert.Equal(["ManualVote"], refused.Errors.Keys);
        Assert.Equal("incubator/gizmo", (await fixture.Database.Get<PolicyService>().GetAsync("gizmo", Cancel)).DownloadArea);
        Assert.Equal("widget", (await fixture.Database.Get<PolicyService>().GetAsync("widget", Cancel)).DownloadArea);
    }

    [Fact]
    public async Task ResettingAField_StoresNothing_SoThatTheDefaultApplies_AndEveryChangeIsInTheHistory()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var policies = fixture.Database.Get<PolicyService>();
        var rita = await fixture.ActorAsync("rita");

        var changed = await policies.UpdateAsync(rita, "widget", new PolicyInput(MinHours: 96, MailtoAddresses: [" dev@widget.apache.org ", ""],
            StartVoteTemplate: "Please vote on [PROJECT] [VERSION]."), Cancel);
        Assert.Equal((96, false), (changed.Effective.MinHours, changed.Effective.IsDefault("MinHours")));
        Assert.Equal(["dev@widget.apache.org"], changed.Stored.MailtoAddresses);
        var reset = await policies.UpdateAsync(rita, "widget", changed.Stored with { MinHours = null, StartVoteTemplate = "" }, Cancel);

        Assert.Equal((ReleasePolicyDefaults.MinHours, true), (reset.Effective.MinHours, reset.Effective.IsDefault("MinHours")));
        Assert.Equal((ReleasePolicyDefaults.StartVoteTemplate, (string?)null), (reset.Effective.StartVoteTemplate, reset.Stored.StartVoteTemplate));
        var history = await policies.HistoryAsync(await fixture.ActorAsync("carl"), "widget", Cancel);
        Assert.Equal(2, history.Count);
        Assert.Contains("\"minHours\":96", history[0].Before, StringComparison.Ordinal);
        Assert.DoesNotContain("minHours\":96", history[0].After, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyMembersChangeAPolicy()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await fixture.Database.Get<PolicyService>().UpdateAsync(await fixture.ActorAsync("carl"), "widget", new PolicyInput(MinHours: 96), Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(async () =>
            await fixture.Database.Get<PolicyService>().HistoryAsync(await fixture.ActorAsync("oscar"), "widget", Cancel));
    }

    [Fact]
    public async Task TheVoteTemplateAndMinimum_AreWhatTheVoteUses()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.Database.Get<PolicyService>().UpdateAsync(await fixture.ActorAsync("rita"), "widget",
            new PolicyInput(MinHours: 120, StartVoteTemplate: "Vote on [PROJECT] [VERSION] for [DURATION] hours."), Cancel);

        var short72 = await Assert.ThrowsAsync<DomainException>(() => fixture.StartAsync(hours: 72));
        Assert.Contains("at least 120 hours", short72.Message, StringComparison.Ordinal);
        await fixture.StartAsync(hours: 120);

        Assert.Equal("Vote on Widget 1.0.0 for 120 hours.", (await fixture.OutboxAsync()).Single().Body);
        Assert.Equal(120, (await fixture.VotingAsync()).Current!.DurationHours);
    }

    [Fact]
    public async Task SourceArtifactPatterns_KeepAReleaseWithoutItsSourceFromAVote()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var rita = await fixture.ActorAsync("rita");
        await fixture.Database.Get<PolicyService>().UpdateAsync(rita, "widget", new PolicyInput(SourceArtifactPaths: ["*-src.zip"]), Cancel);

        var form = await fixture.Votes.StartFormAsync(rita, "widget", VoteFixture.Version, Cancel);
        Assert.Contains(form.Problems, p => p.StartsWith("No file of revision 00002 matches the policy's source artifact patterns (*-src.zip)", StringComparison.Ordinal));
        await Assert.ThrowsAsync<DomainException>(() => fixture.StartAsync());

        await fixture.Database.Get<PolicyService>().UpdateAsync(rita, "widget", new PolicyInput(SourceArtifactPaths: ["*.tar.gz"]), Cancel);
        await fixture.StartAsync();
    }

    [Fact]
    public async Task PauseForTheReleaseManager_LeavesTheAnnouncementToWhoeverCalledTheVote()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.PassAsync();
        var rita = await fixture.ActorAsync("rita");
        await fixture.Database.Get<PolicyService>().UpdateAsync(rita, "widget", new PolicyInput(PauseForRm: true), Cancel);
        var announcements = fixture.Database.Get<AnnounceService>();
        var mike = await fixture.ActorAsync("mike");

        var form = await announcements.FormAsync(mike, "widget", VoteFixture.Version, Cancel);
        var refused = await Assert.ThrowsAsync<DomainException>(() =>
            announcements.AnnounceAsync(mike, "widget", VoteFixture.Version, new AnnounceRequest(null, "announce@apache.org"), Cancel));
        var published = await announcements.AnnounceAsync(rita, "widget", VoteFixture.Version, new AnnounceRequest(null, "announce@apache.org"), Cancel);

        const string Message = "The policy of widget pauses after the vote for its release manager, rita: they (or an administrator) announce it";
        Assert.Equal(Message, refused.Message);
        Assert.Contains(Message, form.Problems);
        Assert.True(published.FileCount > 0);
    }

    [Fact]
    public async Task TheChecklistAndTheAnnounceTemplate_AreWhatTheMailSays()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var rita = await fixture.ActorAsync("rita");
        await fixture.Database.Get<PolicyService>().UpdateAsync(rita, "widget", new PolicyInput(
            ReleaseChecklist: "Check the NOTICE year.", StartVoteTemplate: "Vote on [VERSION]. [RELEASE_CHECKLIST]",
            AnnounceReleaseTemplate: "[PROJECT] [VERSION] is out: [DOWNLOAD_URL]"), Cancel);

        await fixture.PassAsync();
        await fixture.Database.Get<AnnounceService>().AnnounceAsync(rita, "widget", VoteFixture.Version, new AnnounceRequest(null, "announce@apache.org"), Cancel);

        var mail = await fixture.OutboxAsync();
        Assert.Equal("Vote on 1.0.0. Check the NOTICE year.", mail.First().Body);
        Assert.Equal("Widget 1.0.0 is out: http://localhost:5080/downloads/widget/widget-1.0.0/", mail.Last().Body);
    }

    [Fact]
    public async Task PauseForTheReleaseManager_LetsAReleaseManagerWhoIsNoMemberAnnounceTheVoteTheyCalled()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync(user: "rachel");
        foreach (var member in new[] { "mike", "maria", "matt" })
        {
            await fixture.CastAsync(member, VoteValue.For);
        }

        fixture.Advance(TimeSpan.FromHours(72));
        await fixture.ResolveAsync("rita", passed: true);
        await fixture.Database.Get<PolicyService>().UpdateAsync(await fixture.ActorAsync("rita"), "widget", new PolicyInput(PauseForRm: true), Cancel);
        var announcements = fixture.Database.Get<AnnounceService>();

        await Assert.ThrowsAsync<DomainException>(async () => await announcements.AnnounceAsync(await fixture.ActorAsync("rita"), "widget", VoteFixture.Version,
            new AnnounceRequest(null, "announce@apache.org"), Cancel));
        var published = await announcements.AnnounceAsync(await fixture.ActorAsync("rachel"), "widget", VoteFixture.Version,
            new AnnounceRequest(null, "announce@apache.org"), Cancel);

        Assert.True(published.FileCount > 0);
    }
}

