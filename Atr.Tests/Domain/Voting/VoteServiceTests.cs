using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Mail;
using Atr.Domain.Projects;
using Atr.Domain.Releases;
using Atr.Domain.Revisions;
using Atr.Domain.Voting;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Voting;

public sealed class VoteServiceTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task StartingAVote_MovesTheReleaseToVote_AndQueuesTheCallWithEveryPlaceholderFilled()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        var round = await fixture.StartAsync(hours: 96);

        var release = await fixture.ReleaseAsync();
        Assert.Equal(ReleasePhase.ReleaseCandidate, release.Phase);
        Assert.Equal(Seed.Now, release.VoteStarted);
        Assert.Equal((1, "00002", "dev@widget.apache.org", Seed.Now.AddHours(96)), (round.Stage, round.RevisionNumber, round.MailingList, round.Ends));
        var mail = Assert.Single(await fixture.OutboxAsync());
        Assert.Equal((MailKind.Vote, OutboundStatus.Queued, "[VOTE] Release Apache Widget 1.0.0"), (mail.Kind, mail.Status, mail.Subject));
        Assert.Equal(["dev@widget.apache.org"], mail.Recipients);
        Assert.All(ReleasePolicyDefaults.StartVotePlaceholders, placeholder => Assert.DoesNotContain(placeholder, mail.Body, StringComparison.Ordinal));
        Assert.Contains("Apache Widget 1.0.0", mail.Body, StringComparison.Ordinal);
        Assert.Contains("http://localhost:5080/releases/widget/1.0.0/vote", mail.Body, StringComparison.Ordinal);
        Assert.Contains("at least 96 hours", mail.Body, StringComparison.Ordinal);
        Assert.Contains("[Sorry, the KEYS file is missing!]", mail.Body, StringComparison.Ordinal);
        Assert.Contains(fixture.Events.Events, e => e is MailQueued);
    }

    [Fact]
    public async Task AReleaseManagerWhoIsNoMember_StartsAVote_ButACommitterCannot()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.StartAsync("carl"));

        Assert.Contains("start a vote on widget 1.0.0", refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
        await fixture.StartAsync("rachel");
        Assert.Equal(ReleasePhase.ReleaseCandidate, (await fixture.ReleaseAsync()).Phase);
    }

    [Theory]
    [InlineData(71, null, "at least 72 hours")]
    [InlineData(721, null, "at most 720 hours")]
    [InlineData(72, "users@widget.apache.org", "is not one of them")]
    [InlineData(72, "private@widget.apache.org", "goes to one of its public mailing lists: dev@widget.apache.org;")]
    [InlineData(72, "00001", "Revision 00002 of widget 1.0.0 appeared after revision 00001")]
    public async Task ABadRequest_IsRefusedWithItsReason_AndChangesNothing(int hours, string? listOrRevision, string expected)
    {
        await using var fixture = await VoteFixture.CreateAsync();
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => listOrRevision switch
        {
            "00001" => fixture.StartAsync(hours: hours, revision: "00001"),
            { } list => fixture.StartAsync(hours: hours, list: list),
            _ => fixture.StartAsync(hours: hours),
        });

        Assert.Contains(expected, refused.Message, StringComparison.Ordinal);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task ASubjectWithoutRoomForTheReplies_IsRefused()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.StartAsync(subject: new string('x', VoteService.MaxSubjectLength + 1)));

        Assert.Equal("The subject must be at most 242 characters, so that replies and the result fit", refused.Message);
    }

    [Fact]
    public async Task ARevisionWithoutFiles_CannotGoToAVote()
    {
        await using var fixture = await VoteFixture.CreateAsync(withRevision: false);

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.StartAsync(revision: "00001"));

        Assert.Contains("has no files", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AListOutsideTheAllowedDomains_IsRefusedWhenTheVoteIsCalled()
    {
        var policy = new ReleasePolicy { MailtoAddresses = ["release-vote@example.com"] };
        await using var fixture = await VoteFixture.CreateAsync(policy: policy);
        var before = await fixture.Database.ContentHashAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.StartAsync(list: "release-vote@example.com"));

        Assert.Equal("Atr does not send mail to example.com: the allowed recipient domains are apache.org", refused.Message);
        Assert.Equal(before, await fixture.Database.ContentHashAsync());
    }

    [Fact]
    public async Task ExactlyThreeBindingVotes_Pass_OnlyOnceTheDurationHasElapsed()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync();
        await fixture.CastAsync("rita", VoteValue.For);
        await fixture.CastAsync("mike", VoteValue.For);
        await fixture.CastAsync("maria", VoteValue.For, "Checked the signatures.");
        await fixture.CastAsync("carl", VoteValue.Against);
        fixture.Advance(TimeSpan.FromHours(70));

        var early = await Assert.ThrowsAsync<DomainException>(() => fixture.ResolveAsync("rita", passed: true));

        Assert.Contains("cannot pass for another 2 hours 0 minutes (until 2026-03-17 12:00 UTC)", early.Message, StringComparison.Ordinal);
        fixture.Advance(TimeSpan.FromHours(2));
        var round = await fixture.ResolveAsync("rita", passed: true);

        Assert.Equal(new VoteTally(3, 0, 0, 0, 0, 1), round.Tally);
        var release = await fixture.ReleaseAsync();
        Assert.Equal((ReleasePhase.ReleasePreview, "00003"), (release.Phase, release.LatestRevisionNumber));
        var entry = Assert.Single(release.Votes);
        Assert.Equal((true, "3 binding +1; 1 non-binding -1", 3, 0), (entry.Result, entry.Summary, entry.BindingVotes, entry.CommunityVotes));
        await using var db = await fixture.Database.ContextAsync();
        var preview = await db.Revisions.AsNoTracking().SingleAsync(r => r.Name == Revision.MakeName(release.Name, "00003"), Cancel);
        Assert.Equal(ReleasePhase.ReleasePreview, preview.Phase);
        Assert.Equal(2, await db.RevisionFiles.CountAsync(f => f.RevisionName == preview.Name, Cancel));
    }

    [Fact]
    public async Task NonBindingVotes_DoNotCount_AndALaterVoteReplacesAnEarlierOne()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync();
        await fixture.CastAsync("rita", VoteValue.For);
        await fixture.CastAsync("mike", VoteValue.For);
        await fixture.CastAsync("carl", VoteValue.For);
        await fixture.CastAsync("oscar", VoteValue.For);
        await fixture.CastAsync("maria", VoteValue.For);
        await fixture.CastAsync("maria", VoteValue.Against, "Found a missing NOTICE.");
        fixture.Advance(TimeSpan.FromHours(72));

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.ResolveAsync("rita", passed: true));

        Assert.Contains("has 2 binding +1, 1 binding -1; 2 non-binding +1; to pass it needs at least 3 binding +1", refused.Message, StringComparison.Ordinal);
        var voting = await fixture.VotingAsync();
        var marias = voting.Current!.Ballots.Where(b => b.Voter == "maria").ToList();
        Assert.Equal(2, marias.Count);
        Assert.Equal((VoteValue.Against, (DateTime?)null), (marias[0].Value, marias[0].Replaced));
        Assert.NotNull(marias[1].Replaced);
    }

    [Fact]
    public void MoreBindingAgainstThanFor_Fails_EvenWithThreeFor()
    {
        Assert.False(new VoteTally(3, 0, 3, 10, 0, 0).Passes);
        Assert.False(new VoteTally(2, 5, 0, 0, 0, 0).Passes);
        Assert.True(new VoteTally(3, 0, 2, 0, 0, 5).Passes);
    }

    [Fact]
    public async Task AFailedVote_ReturnsTheReleaseToCompose_AndKeepsItsVotes()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync();
        await fixture.CastAsync("mike", VoteValue.Against, "The LICENSE is wrong.");

        await fixture.ResolveAsync("matt", passed: false);

        var release = await fixture.ReleaseAsync();
        Assert.Equal((ReleasePhase.ReleaseCandidateDraft, "00002"), (release.Phase, release.LatestRevisionNumber));
        Assert.False(Assert.Single(release.Votes).Result);
        var voting = await fixture.VotingAsync();
        Assert.Null(voting.Current);
        var round = Assert.Single(voting.Rounds);
        Assert.Equal((false, "matt"), (round.Passed, round.ResolvedBy));
        Assert.Equal("The LICENSE is wrong.", Assert.Single(round.Ballots).Comment);
        var result = (await fixture.OutboxAsync()).Last();
        Assert.Equal("[RESULT][VOTE] Release Apache Widget 1.0.0", result.Subject);
        Assert.Contains("has failed, with 1 binding -1", result.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyMembersResolve_AndOnlySignedInUsersVote()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync();

        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.ResolveAsync("rachel", passed: false));
        await Assert.ThrowsAsync<AccessDeniedException>(() => fixture.Votes.CastAsync(Actor.Anonymous, "widget", "1.0.0", VoteValue.For, null, Cancel));
        var voting = await fixture.VotingAsync();
        Assert.Empty(voting.Current!.Ballots);
    }

    [Fact]
    public async Task VotingOutsideTheVotePhase_IsRefused()
    {
        await using var fixture = await VoteFixture.CreateAsync();

        var refused = await Assert.ThrowsAsync<DomainException>(() => fixture.CastAsync("rita", VoteValue.For));

        Assert.Equal("widget 1.0.0 is in the Compose phase; to vote on it it must be in the Vote phase", refused.Message);
    }

    [Fact]
    public async Task EachVote_RepliesInTheThread()
    {
        await using var fixture = await VoteFixture.CreateAsync();
        await fixture.StartAsync();

        await fixture.CastAsync("mike", VoteValue.For, "Built from source.");

        var messages = await fixture.OutboxAsync();
        var (call, reply) = (messages[0], messages[1]);
        Assert.Equal((MailKind.VoteCast, "Re: [VOTE] Release Apache Widget 1.0.0", call.MessageId), (reply.Kind, reply.Subject, reply.InReplyTo));
        Assert.Equal([call.MessageId], reply.References);
        Assert.Equal("+1 (mike) mike (binding)\n\nBuilt from source.\n", reply.Body);
    }

    [Fact]
    public async Task APodlingsPassedVote_CallsTheIncubatorsVote_AndOnlyThatOneMovesTheReleaseOn()
    {
        await using var fixture = await VoteFixture.CreateAsync("gizmo");
        await fixture.StartAsync("paula", list: "dev@gizmo.apache.org");
        foreach (var member in new[] { "paula", "pete", "pia" })
        {
            await fixture.CastAsync(member, VoteValue.For);
        }

        fixture.Advance(TimeSpan.FromHours(72));
        await fixture.ResolveAsync("paula", passed: true);

        var release = await fixture.ReleaseAsync();
        Assert.Equal(ReleasePhase.ReleaseCandidate, release.Phase);
        var voting = await fixture.VotingAsync();
        var second = voting.Current!;
        Assert.Equal((2, "incubator", "general@incubator.apache.org"), (second.Stage, second.BindingCommittee, second.MailingList));
        Assert.Equal((await fixture.OutboxAsync())[0].MessageId, release.PodlingThreadId);

        await fixture.CastAsync("paula", VoteValue.For);
        foreach (var member in new[] { "ian", "ivy", "iris" })
        {
            await fixture.CastAsync(member, VoteValue.For);
        }

        Assert.Equal(new VoteTally(3, 0, 0, 1, 0, 0), (await fixture.VotingAsync()).Current!.Tally);
        fixture.Advance(TimeSpan.FromHours(72));
        await fixture.ResolveAsync("ian", passed: true);

        Assert.Equal(ReleasePhase.ReleasePreview, (await fixture.ReleaseAsync()).Phase);
        var results = (await fixture.OutboxAsync()).Where(m => m.Kind == MailKind.VoteResult).ToList();
        Assert.Equal(
            ["dev@gizmo.apache.org", "general@incubator.apache.org", "dev@gizmo.apache.org"],
            results.Select(m => m.Recipients.Single()).ToList());
    }

    [Fact]
    public async Task AManualVote_SendsNothing_AndIsResolvedWithItsThreads()
    {
        await using var fixture = await VoteFixture.CreateAsync(policy: new ReleasePolicy { ManualVote = true });
        var round = await fixture.StartAsync(list: "");

        Assert.True(round.Manual);
        Assert.Empty(await fixture.OutboxAsync());
        var cast = await Assert.ThrowsAsync<DomainException>(() => fixture.CastAsync("mike", VoteValue.For));
        Assert.Contains("held outside Atr", cast.Message, StringComparison.Ordinal);
        var noUrl = await Assert.ThrowsAsync<DomainException>(() => fixture.ResolveAsync("rita", passed: true, "http://lists.example/thread/1", null));
        Assert.Contains("https address of its vote thread", noUrl.Message, StringComparison.Ordinal);

        await fixture.ResolveAsync("rita", passed: true, "https://lists.apache.org/thread/abc", "https://lists.apache.org/thread/def");

        Assert.Equal(ReleasePhase.ReleasePreview, (await fixture.ReleaseAsync()).Phase);
        Assert.Equal("https://lists.apache.org/thread/def", Assert.Single((await fixture.VotingAsync()).Rounds).ResultThreadUrl);
        Assert.Empty(await fixture.OutboxAsync());
    }
}
