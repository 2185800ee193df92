using Atr.Domain.Checks.Licenses;
using Atr.Domain.Common;
using Atr.Domain.Tasks;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// Every rule about one archive in a single read and decompression of it: <c>targz.integrity</c> /
/// <c>zip.integrity</c> (the whole archive reads, CRCs included, within the limits), <c>*.structure</c>
/// (<see cref="StructureRule"/>), <c>license.files</c> and <c>license.headers</c>. Files the project's policy calls
/// binary artifacts skip the source-only rules, each with a row that says so.
/// </summary>
public sealed class ArchiveCheck(ArchiveFormat format, ArchiveLimits limits) : ICheck
{
    public string Key => format == ArchiveFormat.Zip ? "zip" : "targz";

    public string Version => "4";

    public TaskType TaskType => format == ArchiveFormat.Zip ? TaskType.ZipformatIntegrity : TaskType.TargzIntegrity;

    public bool RevisionWide => false;

    public bool ReadsCommitteeKeys => false;

    private string Integrity => $"{Key}.integrity";

    private string Structure => $"{Key}.structure";

    public bool AppliesTo(string path) => ArchiveReader.FormatOf(path) == format;

    public string DescribeInputs(CheckSubject subject) =>
        $"{subject.PrimaryFile.Sha256}\n{IsBinary(subject)}\n{subject.IsPodling}\n{limits}\n{subject.Files.Find(LicenseHeadersRule.RevisionIgnoreFile)?.Sha256}";

    public async Task RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var file = run.Subject.PrimaryFile;
        var binary = IsBinary(run.Subject);
        List<IArchiveRule> rules = binary
            ? []
            : [
                new StructureRule(Structure, StructureRule.ExpectedRoot(file.Path)),
                new LicenseFilesRule(run.Subject.IsPodling),
                new LicenseHeadersRule(await LicenseHeadersRule.RevisionIgnoreAsync(run, cancellationToken)),
            ];
        ArchiveException? unreadable = null;
        await using (var content = await run.OpenAsync(file, cancellationToken))
        {
            try
            {
                var totals = await ArchiveReader.ReadAsync(content, format, limits,
                    member => rules.Count == 0 ? 0 : rules.Max(r => r.Wants(member)),
                    (member, head) =>
                    {
                        foreach (var rule in rules)
                        {
                            rule.Visit(member, head);
                        }

                        return ValueTask.CompletedTask;
                    },
                    cancellationToken);
                run.Success(
                    format == ArchiveFormat.Zip
                        ? $"All {totals.Members:N0} members read and their CRCs verified ({totals.UncompressedBytes:N0} bytes uncompressed)"
                        : $"All {totals.Members:N0} members read ({totals.UncompressedBytes:N0} bytes uncompressed)",
                    new { members = totals.Members, uncompressed = totals.UncompressedBytes, compressed = file.Size },
                    checker: Integrity);
            }
            catch (ArchiveException e)
            {
                unreadable = e;
                run.Failure(e.Message, new { member = e.Member, compressed = file.Size }, checker: Integrity);
            }
        }

        foreach (var rule in rules)
        {
            rule.Finish(run, unreadable);
        }

        foreach (var checker in binary ? new[] { Structure, LicenseFilesRule.Checker, LicenseHeadersRule.Checker } : [])
        {
            run.Report(CheckResultStatus.Skipped,
                $"Skipped: {Storage.ReleasePath.FileName(file.Path)} matches the project's binary artifact patterns, so the source-release rules do not apply",
                new { patterns = run.Subject.Policy.BinaryArtifactPaths }, checker: checker);
        }
    }

    /// <summary>Whether the project's binary artifact patterns (gitignore syntax, from the revision's root) match the file.</summary>
    private static bool IsBinary(CheckSubject subject)
    {
        try
        {
            return new GitIgnorePatterns(subject.Policy.BinaryArtifactPaths).IsMatch(subject.PrimaryPath!);
        }
        catch (DomainException)
        {
            return false;
        }
    }
}
