using Atr.Domain.Common;

namespace Atr.Domain.Checks;

/// <summary>
/// A committee's decision to set aside check results that match every given glob (a missing glob matches anything).
/// </summary>
public sealed class CheckResultIgnore : IDescribedEntity
{
    public const int GlobMaxLength = 1024;

    private CheckResultIgnore()
    {
    }

    public CheckResultIgnore(string committeeName, string asfUid, DateTime created)
    {
        CommitteeName = committeeName;
        AsfUid = asfUid;
        Created = created;
    }

    public int Id { get; private set; }

    /// <summary>Who last edited the rule (and so owns it).</summary>
    public string AsfUid { get; private set; } = null!;

    public DateTime Created { get; private set; }

    /// <summary>The committee the rule belongs to (kept even if the committee is renamed or removed).</summary>
    public string CommitteeName { get; private set; } = null!;

    public string? ReleaseGlob { get; set; }

    /// <summary>A revision number, matched literally.</summary>
    public string? RevisionNumber { get; set; }

    public string? CheckerGlob { get; set; }

    public string? PrimaryRelPathGlob { get; set; }

    public string? MemberRelPathGlob { get; set; }

    public CheckResultStatusIgnore? Status { get; set; }

    public string? MessageGlob { get; set; }

    public string Describe() => $"ignore rule {Id} of {CommitteeName}";
}
