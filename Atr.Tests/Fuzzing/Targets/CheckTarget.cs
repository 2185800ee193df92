using System.Security.Cryptography;
using Atr.Domain.Checks;
using Atr.Domain.Keys;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// A check run on one mutated file of a revision beside fixed others, as the engine runs it: inputs described, the
/// check run, and every finding made into the row the engine stores (its evidence serialised as JSON). A check
/// reports what it finds, failures included, so any exception out of it breaks the contract.
/// </summary>
public abstract class CheckTarget : FuzzTarget
{
    private readonly Lazy<IReadOnlyList<ManifestEntry>> _entries;

    protected CheckTarget() => _entries = new(() => [.. Others.Select(other => Entry(other.Key, other.Value))]);

    /// <summary>Files of the revision beside the one under test, by path.</summary>
    protected virtual IReadOnlyDictionary<string, byte[]> Others { get; } = new Dictionary<string, byte[]>();

    /// <summary>The manifest entries of <see cref="Others"/>: their hashes, computed once.</summary>
    protected virtual IReadOnlyList<ManifestEntry> Entries => _entries.Value;

    protected virtual CommitteeKeys Keys { get; } = CommitteeKeys.None(DateTime.UnixEpoch);

    /// <summary>Runs <paramref name="check"/> on <paramref name="input"/> as the file at <paramref name="path"/>.</summary>
    /// <param name="hashed">Hashes that have read a whole file, as the offline command keeps them, when the check may use them.</param>
    protected FuzzOutcome RunCheck(
        ICheck check, string path, byte[] input, CancellationToken cancellationToken, Func<ManifestEntry, HashAlgorithmName, IncrementalHash?>? hashed = null)
    {
        var manifest = new Manifest(Entries.Append(new ManifestEntry(path, input.Length, Unknown(64), Unknown(128)))).Freeze();
        var subject = new CheckSubject("widget", "1.0.0", "00001", Keys.Committee, false, EffectiveReleasePolicy.Of(null, "widget"), manifest, path, Keys);
        var run = new CheckRun(check, subject, (entry, _) => Task.FromResult<Stream>(new MemoryStream(entry.Path == path ? input : Others[entry.Path], writable: false)), hashed);
        check.DescribeInputs(subject);
        check.RunAsync(run, cancellationToken).GetAwaiter().GetResult();
        foreach (var finding in run.Findings)
        {
            _ = new CheckResult("widget-1.0.0", "00001", finding.Checker, finding.PrimaryRelPath, finding.MemberRelPath, finding.Status, finding.Message,
                DateTime.UnixEpoch, finding.Data);
        }

        return FuzzOutcome.Result;
    }

    protected static ManifestEntry Entry(string path, byte[] content) =>
        new(path, content.Length, Convert.ToHexStringLower(SHA256.HashData(content)), Convert.ToHexStringLower(SHA512.HashData(content)));

    /// <summary>A content hash nobody computed: the file under test is not hashed for every input, and no check reads its own hash.</summary>
    private static string Unknown(int digits) => new('0', digits);
}
