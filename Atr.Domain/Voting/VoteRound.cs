using Atr.Domain.Common;
using Atr.Domain.Releases;

namespace Atr.Domain.Voting;

/// <summary>
/// One vote on a release candidate: the revision voted on, where the vote was called, how long it runs, and how it
/// ended. A release has one round per vote; a podling's passed first round is followed by a second on the incubator's
/// list. Rounds and their votes are kept when a vote fails.
/// </summary>
public sealed class VoteRound : IDescribedEntity
{
    public const int UrlMaxLength = 2000;

    private VoteRound()
    {
    }

    internal VoteRound(
        Release release, int stage, string revisionNumber, string bindingCommittee, string? mailingList, string subject, string body,
        int durationHours, bool manual, string startedBy, DateTime started)
    {
        ReleaseName = release.Name;
        Stage = stage;
        RevisionNumber = revisionNumber;
        BindingCommittee = bindingCommittee;
        MailingList = mailingList;
        Subject = subject;
        Body = body;
        DurationHours = durationHours;
        Manual = manual;
        StartedBy = startedBy;
        Started = started;
        Ends = started.AddHours(durationHours);
    }

    public int Id { get; private set; }

    public string ReleaseName { get; private set; } = null!;

    public Release Release { get; private set; } = null!;

    /// <summary>1 for the committee's vote; 2 for the incubator's vote that follows a podling's passed vote.</summary>
    public int Stage { get; private set; }

    public string RevisionNumber { get; private set; } = null!;

    /// <summary>The committee whose members' votes are binding.</summary>
    public string BindingCommittee { get; private set; } = null!;

    /// <summary>Where the vote was called; null for a vote held outside Atr.</summary>
    public string? MailingList { get; private set; }

    public string Subject { get; private set; } = null!;

    public string Body { get; private set; } = null!;

    public int DurationHours { get; private set; }

    /// <summary>Held outside Atr: no mail, no ballots here; the outcome and thread links are recorded by hand.</summary>
    public bool Manual { get; private set; }

    public string StartedBy { get; private set; } = null!;

    public DateTime Started { get; private set; }

    /// <summary>The earliest time the vote may pass.</summary>
    public DateTime Ends { get; private set; }

    /// <summary>The Message-ID of the mail that called the vote; the thread's replies refer to it.</summary>
    public string? MessageId { get; private set; }

    public DateTime? Resolved { get; private set; }

    public bool? Passed { get; private set; }

    public string? ResolvedBy { get; private set; }

    public string? VoteThreadUrl { get; private set; }

    public string? ResultThreadUrl { get; private set; }

    public List<Vote> Votes { get; private set; } = [];

    public bool IsOpen => Resolved is null;

    /// <summary>Resolved without an outcome: called off before its end.</summary>
    public bool IsCancelled => Resolved is not null && Passed is null;

    internal void CalledBy(string messageId) => MessageId = messageId;

    internal void Resolve(bool passed, string resolvedBy, DateTime now, string? voteThreadUrl, string? resultThreadUrl)
    {
        Passed = passed;
        ResolvedBy = resolvedBy;
        Resolved = now;
        VoteThreadUrl = voteThreadUrl;
        ResultThreadUrl = resultThreadUrl;
    }

    /// <summary>Runs <paramref name="hours"/> longer: it can pass that much later.</summary>
    internal void Extend(int hours)
    {
        DurationHours += hours;
        Ends = Ends.AddHours(hours);
    }

    /// <summary>Ends the round without an outcome; its votes stay.</summary>
    internal void Cancel(string cancelledBy, DateTime now)
    {
        ResolvedBy = cancelledBy;
        Resolved = now;
    }

    public string Describe() => $"vote {Stage} on {ReleaseName}";
}
