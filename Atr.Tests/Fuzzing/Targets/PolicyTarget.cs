using System.Globalization;
using System.Text;
using Atr.Domain;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Projects;
using Atr.Domain.Voting;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// A release policy as a committee member submits it (<see cref="PolicyService.Validate"/>; what it refuses is a
/// <see cref="ValidationException"/>), then used as votes and announcements use it: the effective policy, its
/// vote and announcement templates rendered with every placeholder, its public lists, and its artifact patterns
/// matched. One input holds the fields separated by 0x1E: vote template, announcement template, checklist, mail
/// addresses, binary and source artifact patterns, repository, workflow paths (one a line), minimum hours and flags
/// (m manual vote, s strict, p podling, r pause, d preserve downloads). Seeds: the default templates and two policies.
/// </summary>
public sealed class PolicyTarget : FuzzTarget
{
    private const byte Separator = 0x1E;

    private static readonly ByteMutator Bytes = new(
        "[COMMITTEE]", "[PROJECT]", "[VERSION]", "[REVIEW_URL]", "[KEYS_FILE]", "[DURATION]", "[RELEASE_CHECKLIST]", "[YOUR_FULL_NAME]",
        "[YOUR_ASF_ID]", "[DOWNLOAD_URL]", "[UNKNOWN]", "[", "]", "\n", "\u001E", "@", "dev@widget.apache.org", "<", ">", "*", "**/", "[!",
        "\\", ".github/workflows/", ".yml", "..", "- [ ] ");

    /// <summary>What the placeholders stand for when a vote or announcement is rendered.</summary>
    private static readonly Dictionary<string, string> Values = new(StringComparer.Ordinal)
    {
        ["[COMMITTEE]"] = "widget", ["[PROJECT]"] = "Apache Widget", ["[VERSION]"] = "1.0.0", ["[REVIEW_URL]"] = "https://atr.example/releases/widget/1.0.0",
        ["[KEYS_FILE]"] = "https://downloads.apache.org/widget/KEYS", ["[DURATION]"] = "72", ["[YOUR_FULL_NAME]"] = "Rita [Reyes]",
        ["[YOUR_ASF_ID]"] = "rita", ["[DOWNLOAD_URL]"] = "https://downloads.apache.org/widget/1.0.0/",
    };

    private static readonly string[] Paths = ["apache-widget-1.0.0-bin.tar.gz", "apache-widget-1.0.0-src.tar.gz", "dist/native/widget.so", "a/b/c.jar", ""];

    // Validate reads no data: it needs the mail settings alone.
    private readonly PolicyService _service = new(null!, new AtrDomainSettings("Data Source=:memory:", Path.GetTempPath()), TimeProvider.System);

    public override string Name => "policy";

    public override IMutator Mutator { get; } = new PartsMutator(Separator, new WeightedMutator(Bytes, (3, Bytes), (1, new LineMutator())));

    /// <summary>Templates are at most 20,000 characters, and an input holds several; two lists of patterns are built.</summary>
    public override FuzzLimits Limits { get; } = new(2 * PatternLimits.Time, 2 * PatternLimits.AllocatedBytes, 8 * ReleasePolicy.TemplateMaxLength);


    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        var fields = PartsMutator.Split(input, Separator).Select(p => Encoding.UTF8.GetString(p)).Concat(Enumerable.Repeat("", 10)).ToList();
        var flags = fields[9];
        var workflows = Lines(fields[7]);
        PolicyInput valid;
        try
        {
            valid = _service.Validate(new PolicyInput(
                Lines(fields[3]), flags.Contains('m'), int.TryParse(fields[8], NumberStyles.Integer, CultureInfo.InvariantCulture, out var hours) ? hours : null,
                fields[2], flags.Contains('r'), fields[0], fields[1], Lines(fields[4]), Lines(fields[5]), flags.Contains('s'), fields[6], workflows, workflows,
                workflows, flags.Contains('d')), flags.Contains('p'));
        }
        catch (DomainException)
        {
            return FuzzOutcome.DomainError;
        }

        var policy = EffectiveReleasePolicy.Of(new ReleasePolicy
        {
            MailtoAddresses = [.. valid.MailtoAddresses ?? []],
            ReleaseChecklist = valid.ReleaseChecklist ?? "",
            StartVoteTemplate = valid.StartVoteTemplate ?? "",
            AnnounceReleaseTemplate = valid.AnnounceReleaseTemplate ?? "",
            BinaryArtifactPaths = [.. valid.BinaryArtifactPaths ?? []],
            SourceArtifactPaths = [.. valid.SourceArtifactPaths ?? []],
            MinHours = valid.MinHours,
        }, "widget");
        VoteTemplates.Render(policy.StartVoteTemplate, new Dictionary<string, string>(Values) { ["[RELEASE_CHECKLIST]"] = policy.ReleaseChecklist });
        VoteTemplates.Render(policy.AnnounceReleaseTemplate, Values);
        _ = policy.PublicMailingLists;
        foreach (var patterns in new[] { new GitIgnorePatterns(policy.BinaryArtifactPaths), new GitIgnorePatterns(policy.SourceArtifactPaths) })
        {
            foreach (var path in Paths)
            {
                patterns.IsMatch(path);
            }
        }

        return FuzzOutcome.Result;
    }

    protected override IReadOnlyList<byte[]> LoadSeeds() =>
    [
        Seed(ReleasePolicyDefaults.StartVoteTemplate, ReleasePolicyDefaults.AnnounceReleaseTemplate, "", "", "", "", "", "", "", ""),
        Seed(
            "Hi [COMMITTEE],\n\nPlease vote on Apache [PROJECT] [VERSION] at [REVIEW_URL] (keys: [KEYS_FILE]), open [DURATION] hours.\n\n[RELEASE_CHECKLIST]\n\n-- [YOUR_FULL_NAME] ([YOUR_ASF_ID])\n",
            "Apache [PROJECT] [VERSION] is out: [DOWNLOAD_URL]\n\n[YOUR_FULL_NAME]\n",
            "- [ ] LICENSE and NOTICE\n- [ ] signatures\n- [ ] builds from source\n",
            "dev@widget.apache.org\nprivate@widget.apache.org\nusers@widget.apache.org",
            "*-bin.tar.gz\n/dist/**/*.so\n!keep.jar\n[ab]*.jar",
            "*-src.tar.gz\n*-src.zip",
            "widget",
            ".github/workflows/build.yml\n.github/workflows/release.yaml",
            "96",
            "sr"),
        Seed("", "", "", "dev@incubator.apache.org", "", "", "incubator-widget", "", "0", "pmd"),
    ];

    private static List<string> Lines(string text) => [.. text.Split('\n')];

    private static byte[] Seed(params string[] fields) => PartsMutator.Join(fields.Select(Encoding.UTF8.GetBytes), Separator);
}
