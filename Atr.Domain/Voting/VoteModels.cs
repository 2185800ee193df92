using Atr.Domain.Checks;
using Atr.Domain.Mail;
using Atr.Domain.Releases;

namespace Atr.Domain.Voting;

/// <param name="Revision">The revision the vote is on; it must still be the newest when the vote starts.</param>
/// <param name="MailingList">One of the policy's lists; ignored for a vote held outside Atr.</param>
/// <param name="Subject">Null for the default, <c>[VOTE] Release {project} {version}</c>.</param>
/// <param name="Body">Null for the policy's template; placeholders are substituted either way.</param>
public sealed record StartVoteRequest(string Revision, string? MailingList, int DurationHours, string? Subject = null, string? Body = null);

/// <param name="VoteThreadUrl">For a vote held outside Atr: where it was held (https).</param>
/// <param name="ResultThreadUrl">For a vote held outside Atr: where its result was announced (https).</param>
public sealed record ResolveVoteRequest(bool Passed, string? VoteThreadUrl = null, string? ResultThreadUrl = null);

/// <summary>What the start-vote form needs: choices, defaults, the values of the placeholders, and what blocks the vote.</summary>
/// <param name="Blockers">Under strict checking, every result that blocks the vote, by file; the reasons are in <paramref name="Problems"/>.</param>
public sealed record VoteStartForm(
    string ProjectName,
    string Version,
    string ProjectDisplayName,
    string? Revision,
    int FileCount,
    IReadOnlyList<string> MailingLists,
    int MinHours,
    bool Manual,
    string DefaultSubject,
    string Template,
    IReadOnlyDictionary<string, string> Values,
    IReadOnlyList<string> Problems,
    IReadOnlyList<CheckResultView> Blockers)
{
    /// <summary>The body the vote mail would have: <paramref name="template"/> with every placeholder substituted.</summary>
    public string Render(string template, int durationHours) =>
        VoteTemplates.Render(template, new Dictionary<string, string>(Values) { ["[DURATION]"] = durationHours.ToString(System.Globalization.CultureInfo.InvariantCulture) });
}

/// <summary>One vote as the vote page shows it.</summary>
public sealed record BallotView(string Voter, string VoterName, VoteValue Value, bool Binding, string? Comment, DateTime Cast, DateTime? Replaced);

/// <summary>A round of voting with its tally, its votes (newest first) and how its mail fared.</summary>
public sealed record VoteRoundView(
    int Id,
    int Stage,
    string RevisionNumber,
    string BindingCommittee,
    string? MailingList,
    string Subject,
    string Body,
    int DurationHours,
    bool Manual,
    string StartedBy,
    DateTime Started,
    DateTime Ends,
    DateTime? Resolved,
    bool? Passed,
    string? ResolvedBy,
    string? VoteThreadUrl,
    string? ResultThreadUrl,
    VoteTally Tally,
    IReadOnlyList<BallotView> Ballots,
    OutboundStatus? MailStatus)
{
    public bool IsOpen => Resolved is null;

    /// <summary>Time until the vote may pass; zero once it may.</summary>
    public TimeSpan Remaining(DateTime now) => Ends > now ? Ends - now : TimeSpan.Zero;
}

/// <summary>A release's votes: the open round, if any, and every round, newest first.</summary>
public sealed record ReleaseVoting(
    string ProjectName,
    string Version,
    string ProjectDisplayName,
    string CommitteeName,
    bool Podling,
    ReleasePhase Phase,
    VoteRoundView? Current,
    IReadOnlyList<VoteRoundView> Rounds);
