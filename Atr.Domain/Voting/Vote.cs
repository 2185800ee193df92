using Atr.Domain.Common;

namespace Atr.Domain.Voting;

public enum VoteValue
{
    /// <summary>-1: do not release.</summary>
    Against = -1,

    /// <summary>0: abstain.</summary>
    Abstain = 0,

    /// <summary>+1: release.</summary>
    For = 1,
}

/// <summary>
/// A vote cast in Atr. Whether it binds is decided when it is cast, from the committee's members at that moment.
/// A later vote by the same person in the same round replaces it; the replaced vote stays, marked.
/// </summary>
public sealed class Vote : IDescribedEntity
{
    public const int CommentMaxLength = 5000;

    private Vote()
    {
    }

    internal Vote(VoteRound round, string voter, string voterName, VoteValue value, bool binding, string? comment, DateTime cast)
    {
        Round = round;
        RoundId = round.Id;
        Voter = voter;
        VoterName = voterName;
        Value = value;
        Binding = binding;
        Comment = comment;
        Cast = cast;
    }

    public long Id { get; private set; }

    public int RoundId { get; private set; }

    public VoteRound Round { get; private set; } = null!;

    public string Voter { get; private set; } = null!;

    public string VoterName { get; private set; } = null!;

    public VoteValue Value { get; private set; }

    public bool Binding { get; private set; }

    public string? Comment { get; private set; }

    public DateTime Cast { get; private set; }

    /// <summary>When a later vote of the same person replaced this one.</summary>
    public DateTime? Replaced { get; private set; }

    internal void ReplaceAt(DateTime now) => Replaced = now;

    public string Describe() => $"{Voter}'s vote on {RoundId}";
}

public static class VoteValues
{
    /// <summary>"+1", "0" or "-1".</summary>
    public static string Label(this VoteValue value) => value switch
    {
        VoteValue.For => "+1",
        VoteValue.Abstain => "0",
        VoteValue.Against => "-1",
        _ => throw new ArgumentOutOfRangeException(nameof(value), value, "Unknown vote"),
    };

    /// <summary>Reads "+1", "1", "0", "+0", "-0" or "-1"; null for anything else.</summary>
    public static VoteValue? Parse(string? text) => text?.Trim() switch
    {
        "+1" or "1" => VoteValue.For,
        "0" or "+0" or "-0" => VoteValue.Abstain,
        "-1" => VoteValue.Against,
        _ => null,
    };
}
