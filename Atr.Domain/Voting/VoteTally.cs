namespace Atr.Domain.Voting;

/// <summary>The count of the current (not replaced) votes of a round.</summary>
public sealed record VoteTally(int BindingFor, int BindingAbstain, int BindingAgainst, int For, int Abstain, int Against)
{
    /// <summary>The number of binding +1 votes a vote needs (ASF policy).</summary>
    public const int RequiredBindingFor = 3;

    public static readonly VoteTally None = new(0, 0, 0, 0, 0, 0);

    /// <summary>At least three binding +1 and more binding +1 than binding -1.</summary>
    public bool Passes => BindingFor >= RequiredBindingFor && BindingFor > BindingAgainst;

    public static VoteTally Of(IEnumerable<Vote> votes)
    {
        var current = votes.Where(v => v.Replaced is null).ToList();
        int Count(bool binding, VoteValue value) => current.Count(v => v.Binding == binding && v.Value == value);
        return new VoteTally(
            Count(true, VoteValue.For), Count(true, VoteValue.Abstain), Count(true, VoteValue.Against),
            Count(false, VoteValue.For), Count(false, VoteValue.Abstain), Count(false, VoteValue.Against));
    }

    /// <summary>"3 binding +1, 1 binding -1; 2 non-binding +1".</summary>
    public string Describe()
    {
        static IEnumerable<string> Parts(int plus, int zero, int minus, string kind)
        {
            if (plus > 0)
            {
                yield return $"{plus} {kind} +1";
            }

            if (zero > 0)
            {
                yield return $"{zero} {kind} 0";
            }

            if (minus > 0)
            {
                yield return $"{minus} {kind} -1";
            }
        }

        var binding = string.Join(", ", Parts(BindingFor, BindingAbstain, BindingAgainst, "binding"));
        var others = string.Join(", ", Parts(For, Abstain, Against, "non-binding"));
        return (binding, others) switch
        {
            ("", "") => "no votes",
            (_, "") => binding,
            ("", _) => others,
            _ => $"{binding}; {others}",
        };
    }
}
