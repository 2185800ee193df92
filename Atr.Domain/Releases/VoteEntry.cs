namespace Atr.Domain.Releases;

/// <summary>How one vote on a release ended: outcome, tally in words, the +1 counts, and when it ran.</summary>
public sealed record VoteEntry(bool Result, string Summary, int BindingVotes, int CommunityVotes, DateTime Start, DateTime End);
