using Atr.Domain.Tasks;

namespace Atr.Domain.Checks;

/// <summary>
/// One kind of check, as plain code: which files it looks at, what its outcome depends on, and how it runs. The
/// engine plans one task per file it applies to (or one for the whole revision), reuses an earlier outcome when
/// the inputs are the same, and records what <see cref="RunAsync"/> reports as CheckResult rows.
/// </summary>
public interface ICheck
{
    /// <summary>The checker key stored with every result, e.g. <c>hashing</c>.</summary>
    string Key { get; }

    /// <summary>Changes whenever the check's rules change, so that earlier outcomes are not reused.</summary>
    string Version { get; }

    TaskType TaskType { get; }

    /// <summary>True for one task per revision (no primary path); false for one task per file it applies to.</summary>
    bool RevisionWide { get; }

    /// <summary>
    /// Whether the outcome depends on the committee's signing keys: such checks are planned again for the open drafts
    /// of a committee whose keys change.
    /// </summary>
    bool ReadsCommitteeKeys { get; }

    /// <summary>Whether a per-file check runs on the file at <paramref name="path"/>.</summary>
    bool AppliesTo(string path);

    /// <summary>
    /// Everything the outcome depends on, as text: the content hashes of the files it reads, the policy values and
    /// keys it uses. Two runs with the same description must give the same results.
    /// </summary>
    string DescribeInputs(CheckSubject subject);

    /// <summary>Checks and reports through <paramref name="run"/>. An exception fails the task with its message.</summary>
    Task RunAsync(CheckRun run, CancellationToken cancellationToken);
}
