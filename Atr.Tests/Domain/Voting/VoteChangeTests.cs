using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Mail;
using Atr.Domain.Releases;
using Atr.Domain.Voting;

namespace Atr.Tests.Domain.Voting;

/// <summary>An open vote extended or cancelled by whoever called it or a committee member, and the thread told.</summary>
public sealed class VoteChangeTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task Extending_LetsTheVotePassLater_AndTellsTheThread()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var started = await fixture.StartAsync(hours: 72);

        var extended = await fixture.Votes.ExtendAsync(await fixture.ActorAsync("mike"), "widget", "1.0.0", 24, Cancel);

        Assert.Equal((96, started.Ends.AddHours(24)), (extended.DurationHours, extended.Ends));
        foreach (var member in new[] { "mike", "maria", "matt" })
        {
            await fixture.CastAsync(member, VoteValue.For);
        }

        fixture.Advance(TimeSpan.FromHours(73));
        var early = await Assert.ThrowsAsync<DomainException>(() => fixture.ResolveAsync("rita", passed: true));
        Assert.Contains("runs for 96 hours; it cannot pass for another 23 hours", early.Message, StringComparison.Ordinal);
        var notice = Assert.Single(await fixture.OutboxAsync(), m => m.Kind == MailKind.VoteNotice);
        Assert.Equal(("Re: [VOTE] Release Apache Widget 1.0.0", $"The vote is extended by 24 hours: it runs until {started.Ends.AddHours(24):yyyy-MM-dd HH:mm} UTC, 96 hours in all."),
            (notice.Subject, notice.Body.Split('\n')[0]));
    }

    [Theory]
    [InlineData(0, "A vote is extended by 1 to 648 hours (a vote runs at most 720 hours); 0 is not")]
    [InlineData(649, "A vote is extended by 1 to 648 hours (a vote runs at most 720 hours); 649 is not")]
    public async Task AnExtensionOutOfRange_IsRefused_AndNothingChanges(int hours, string expected)
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync(hours: 72);
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(async () =>
            await fixture.Votes.ExtendAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0", hours, Cancel));

        Assert.Equal(expected, refused.Message);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task Cancelling_ReturnsTheReleaseToCompose_KeepsTheVotes_AndTellsTheThreadWhy()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync();
        await fixture.CastAsync("mike", VoteValue.For);

        var cancelled = await fixture.Votes.CancelAsync(await fixture.ActorAsync("rita"), "widget", "1.0.0", "  a file is missing  ", Cancel);

        Assert.Null(cancelled.Passed);
        Assert.NotNull(cancelled.Resolved);
        var release = await fixture.ReleaseAsync();
        Assert.Equal(ReleasePhase.ReleaseCandidateDraft, release.Phase);
        Assert.StartsWith("Cancelled (", Assert.Single(release.Votes).Summary, StringComparison.Ordinal);
        var voting = await fixture.VotingAsync();
        Assert.Single(Assert.Single(voting.Rounds).Ballots);
        var notice = Assert.Single(await fixture.OutboxAsync(), m => m.Kind == MailKind.VoteNotice);
        Assert.Equal(("[CANCEL][VOTE] Release Apache Widget 1.0.0", "The vote is cancelled: a file is missing."), (notice.Subject, notice.Body.Split('\n')[0]));
        await fixture.StartAsync(revision: release.LatestRevisionNumber);
    }

    [Fact]
    public async Task OnlyTheCallerOrAMember_ChangesAVote()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync(user: "rachel");

        await Assert.ThrowsAsync<AccessDeniedException>(async () => await fixture.Votes.ExtendAsync(await fixture.ActorAsync("carl"), "widget", "1.0.0", 24, Cancel));
        await Assert.ThrowsAsync<AccessDeniedException>(async () => await fixture.Votes.CancelAsync(await fixture.ActorAsync("carl"), "widget", "1.0.0", null, Cancel));
        await fixture.Votes.ExtendAsync(await fixture.ActorAsync("rachel"), "widget", "1.0.0", 24, Cancel);
        await fixture.Votes.CancelAsync(await fixture.ActorAsync("rachel"), "widget", "1.0.0", null, Cancel);
    }
}
