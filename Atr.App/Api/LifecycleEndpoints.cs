using Atr.App.Auth;
using Atr.Domain.Common;
using Atr.Domain.Publishing;
using Atr.Domain.Voting;

namespace Atr.App.Api;

public sealed record StartVoteBody(string? Revision, string? MailingList, int? DurationHours, string? Subject, string? Body);

public sealed record CastVoteBody(string? Value, string? Comment);

public sealed record ResolveVoteBody(string? Outcome, string? VoteThreadUrl, string? ResultThreadUrl);

public sealed record ExtendVoteBody(int Hours);

public sealed record CancelVoteBody(string? Reason);

public sealed record AnnounceBody(string? MailingList, string? Subject, string? Body, string? DownloadPath, string? Revision);

public sealed record PublishedResponse(string DownloadUrl, int Files);

public sealed record TallyResponse(int BindingPlusOne, int BindingZero, int BindingMinusOne, int PlusOne, int Zero, int MinusOne, bool Passes);

public sealed record BallotResponse(string Voter, string Value, bool Binding, string? Comment, DateTime Cast);

/// <param name="State">"open", "passed" or "failed".</param>
public sealed record VoteResponse(
    int Round,
    string State,
    string Revision,
    bool Manual,
    string? MailingList,
    string Subject,
    DateTime Started,
    DateTime Ends,
    DateTime? Resolved,
    TallyResponse Tally,
    IReadOnlyList<BallotResponse> Votes);

/// <summary>The release's way from Compose to published: starting, casting and resolving votes, and announcing; the same rules as the pages.</summary>
public static class LifecycleEndpoints
{
    public static RouteGroupBuilder MapLifecycleEndpoints(this RouteGroupBuilder api)
    {
        var release = api.MapGroup("/projects/{project}/releases/{version}");

        release.MapPost("/vote", async (string project, string version, StartVoteBody body, HttpContext context, ActorResolver actors, VoteService votes) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            if (string.IsNullOrWhiteSpace(body.Revision) || body.DurationHours is null)
            {
                throw new DomainException("Name the revision to vote on and the vote's durationHours");
            }

            await votes.StartAsync(actor, project, version,
                new StartVoteRequest(body.Revision.Trim(), body.MailingList, body.DurationHours.Value, body.Subject, body.Body), context.RequestAborted);
            return Results.Created($"/api/v1/projects/{project}/releases/{version}", await CurrentAsync(votes, project, version, context));
        });

        release.MapPost("/votes", async (string project, string version, CastVoteBody body, HttpContext context, ActorResolver actors, VoteService votes) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var value = VoteValues.Parse(body.Value)
                ?? throw new DomainException($"A vote is \"+1\", \"0\" or \"-1\"; \"{body.Value}\" is none of them");
            var ballot = await votes.CastAsync(actor, project, version, value, body.Comment, context.RequestAborted);
            return Results.Ok(Ballot(ballot));
        });

        release.MapPost("/resolve", async (string project, string version, ResolveVoteBody body, HttpContext context, ActorResolver actors, VoteService votes) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            var passed = body.Outcome?.Trim().ToLowerInvariant() switch
            {
                "passed" => true,
                "failed" => false,
                _ => throw new DomainException($"The outcome is \"passed\" or \"failed\"; \"{body.Outcome}\" is neither"),
            };
            var round = await votes.ResolveAsync(actor, project, version, new ResolveVoteRequest(passed, body.VoteThreadUrl, body.ResultThreadUrl),
                context.RequestAborted);
            return Results.Ok(Vote(round));
        });

        release.MapPost("/vote/extend", async (string project, string version, ExtendVoteBody body, HttpContext context, ActorResolver actors, VoteService votes) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            return Results.Ok(Vote(await votes.ExtendAsync(actor, project, version, body.Hours, context.RequestAborted)));
        });

        release.MapPost("/vote/cancel", async (string project, string version, CancelVoteBody body, HttpContext context, ActorResolver actors, VoteService votes) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            return Results.Ok(Vote(await votes.CancelAsync(actor, project, version, body.Reason, context.RequestAborted)));
        });

        release.MapPost("/announce", async (string project, string version, AnnounceBody body, HttpContext context, ActorResolver actors,
            AnnounceService announcements) =>
        {
            var actor = await actors.ResolveAsync(context.User, context.RequestAborted);
            if (string.IsNullOrWhiteSpace(body.MailingList))
            {
                throw new DomainException("Name the mailingList the announcement goes to");
            }

            var published = await announcements.AnnounceAsync(actor, project, version,
                new AnnounceRequest(body.Revision, body.MailingList.Trim(), body.Subject, body.Body, body.DownloadPath), context.RequestAborted);
            return Results.Ok(new PublishedResponse(published.DownloadUrl, published.FileCount));
        });

        return api;
    }

    /// <summary>The newest round of the release's votes, or null when it never went to a vote.</summary>
    internal static async Task<VoteResponse?> CurrentAsync(VoteService votes, string project, string version, HttpContext context)
    {
        var voting = await votes.VotingAsync(project, version, context.RequestAborted);
        return voting.Rounds is [var newest, ..] ? Vote(newest) : null;
    }

    private static VoteResponse Vote(VoteRoundView round) => new(
        round.Stage,
        round.Resolved is null ? "open" : round.Passed switch { true => "passed", false => "failed", null => "cancelled" },
        round.RevisionNumber,
        round.Manual,
        round.MailingList,
        round.Subject,
        round.Started,
        round.Ends,
        round.Resolved,
        new TallyResponse(round.Tally.BindingFor, round.Tally.BindingAbstain, round.Tally.BindingAgainst, round.Tally.For, round.Tally.Abstain,
            round.Tally.Against, round.Tally.Passes),
        round.Ballots.Where(b => b.Replaced is null).Select(Ballot).ToList());

    private static BallotResponse Ballot(BallotView ballot) => new(ballot.Voter, ballot.Value.Label(), ballot.Binding, ballot.Comment, ballot.Cast);
}
