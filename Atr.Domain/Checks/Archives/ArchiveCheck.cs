using Atr.Domain.Checks.Licenses;
using Atr.Domain.Common;
using Atr.Domain.Tasks;

namespace Atr.Domain.Checks.Archives;

/// <summary>
/// Every rule about one archive in a single read and decompression of it: <c>targz.integrity</c>,
/// <c>tarbz2.integrity</c>, <c>tarxz.integrity</c>, <c>tarzst.integrity</c>, <c>tar.integrity</c> or
/// <c>zip.integrity</c> (the whole archive reads, CRCs and compression checks included, within the limits), <c>*.structure</c>
/// (<see cref="StructureRule"/>), <c>license.files</c> and <c>license.headers</c>. Files the project's policy calls
/// binary artifacts skip the source-only rules, each with a row that says so. The tar check also takes the archive
/// formats Atr does not read (7-Zip, RAR, lzip, ...) and says of each, in a skipped row, that nothing in it was checked.
/// </summary>
public sealed class ArchiveCheck(ArchiveFormat format, ArchiveLimits limits) : ICheck
{
    /// <summary>The checker row of a file in a format Atr does not read.</summary>
    public const string UnreadChecker = "archive";

    public string Key => format == ArchiveFormat.Zip ? "zip" : "targz";

    public string Version => "4";

    public TaskType TaskType => format == ArchiveFormat.Zip ? TaskType.ZipformatIntegrity : TaskType.TargzIntegrity;

    public bool RevisionWide => false;

    public bool ReadsCommitteeKeys => false;

    public bool AppliesTo(string path) =>
        ArchiveKind.Of(path) is { } kind ? kind.Format == format : format == ArchiveFormat.Tar && ArchiveKind.UnreadFormat(path) is not null;

    public string DescribeInputs(CheckSubject subject) =>
        $"{subject.PrimaryFile.Sha256}\n{IsBinary(subject)}\n{subject.IsPodling}\n{limits}\n{subject.Files.Find(LicenseHeadersRule.RevisionIgnoreFile)?.Sha256}";

    public async Task RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var file = run.Subject.PrimaryFile;
        if (ArchiveKind.Of(file.Path) is not { } kind)
        {
            run.Report(CheckResultStatus.Skipped,
                $"Skipped: {Storage.ReleasePath.FileName(file.Path)} is a {ArchiveKind.UnreadFormat(file.Path)} archive, a format Atr does not read, so its integrity, structure and licences are not checked",
                new { format = ArchiveKind.UnreadFormat(file.Path) }, checker: UnreadChecker);
            return;
        }

        var integrity = $"{kind.Prefix}.integrity";
        var structure = $"{kind.Prefix}.structure";
        var binary = IsBinary(run.Subject);
        List<IArchiveRule> rules = binary
            ? []
            : [
                new StructureRule(structure, StructureRule.ExpectedRoot(file.Path)),
                new LicenseFilesRule(run.Subject.IsPodling),
                new LicenseHeadersRule(await LicenseHeadersRule.RevisionIgnoreAsync(run, cancellationToken)),
            ];
        ArchiveException? unreadable = null;
        await using (var content = await run.OpenAsync(file, cancellationToken))
        {
            try
            {
                var totals = await ArchiveReader.ReadAsync(content, kind, limits,
                    member => Wants(rules, member),
                    (member, head) =>
                    {
                        foreach (var rule in rules)
                        {
                            rule.Visit(member, head);
                        }

                        return true;
                    },
                    cancellationToken);
                run.Success(
                    format == ArchiveFormat.Zip
                        ? $"{Members(totals.Members)} read and {(totals.Members == 1 ? "its CRC" : "their CRCs")} verified ({totals.UncompressedBytes:N0} bytes uncompressed)"
                        : $"{Members(totals.Members)} read ({totals.UncompressedBytes:N0} bytes uncompressed)",
                    new { members = totals.Members, uncompressed = totals.UncompressedBytes, compressed = file.Size },
                    checker: integrity);
            }
            catch (ArchiveException e)
            {
                unreadable = e;
                run.Failure(e.Message, new { member = e.Member, compressed = file.Size }, checker: integrity);
            }
        }

        foreach (var rule in rules)
        {
            rule.Finish(run, unreadable);
        }

        foreach (var checker in binary ? new[] { structure, LicenseFilesRule.Checker, LicenseHeadersRule.Checker } : [])
        {
            run.Report(CheckResultStatus.Skipped,
                $"Skipped: {Storage.ReleasePath.FileName(file.Path)} matches the project's binary artifact patterns, so the source-release rules do not apply",
                new { patterns = run.Subject.Policy.BinaryArtifactPaths }, checker: checker);
        }
    }

    private static string Members(int count) => count == 1 ? "The one member" : $"All {count:N0} members";

    /// <summary>The most leading bytes any rule needs of the member (this runs for every member, so no LINQ).</summary>
    private static int Wants(List<IArchiveRule> rules, ArchiveMember member)
    {
        var wanted = 0;
        foreach (var rule in rules)
        {
            wanted = Math.Max(wanted, rule.Wants(member));
        }

        return wanted;
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
