namespace Atr.Domain.Projects;

/// <summary>
/// A project's release policy with every default applied. <see cref="Defaulted"/> names the fields whose value
/// comes from <see cref="ReleasePolicyDefaults"/> (because the project has no policy or left the field empty).
/// </summary>
public sealed record EffectiveReleasePolicy
{
    public required IReadOnlyList<string> MailtoAddresses { get; init; }
    public required bool ManualVote { get; init; }
    public required int MinHours { get; init; }
    public required string ReleaseChecklist { get; init; }
    public required bool PauseForRm { get; init; }
    public required string StartVoteTemplate { get; init; }
    public required string AnnounceReleaseTemplate { get; init; }
    public required IReadOnlyList<string> BinaryArtifactPaths { get; init; }
    public required IReadOnlyList<string> SourceArtifactPaths { get; init; }
    public required bool StrictChecking { get; init; }
    public required string GithubRepositoryName { get; init; }
    public required IReadOnlyList<string> GithubComposeWorkflowPath { get; init; }
    public required IReadOnlyList<string> GithubVoteWorkflowPath { get; init; }
    public required IReadOnlyList<string> GithubFinishWorkflowPath { get; init; }
    public required bool PreserveDownloadFiles { get; init; }

    /// <summary>
    /// The lists votes and announcements may go to: not private ones, since anyone signed in votes and every vote
    /// and announcement is public.
    /// </summary>
    public IReadOnlyList<string> PublicMailingLists =>
        MailtoAddresses.Where(l => !l.StartsWith("private@", StringComparison.OrdinalIgnoreCase)).ToList();

    /// <summary>Names of the properties above whose value is the default.</summary>
    public required IReadOnlySet<string> Defaulted { get; init; }

    public bool IsDefault(string field) => Defaulted.Contains(field);

    /// <summary>Applies the defaults to <paramref name="policy"/>, which may be absent.</summary>
    /// <param name="mailingListOwner">The committee name (the project name when the project has no committee).</param>
    public static EffectiveReleasePolicy Of(ReleasePolicy? policy, string mailingListOwner)
    {
        var defaulted = new HashSet<string>(StringComparer.Ordinal);

        T Pick<T>(string field, T? chosen, bool isSet, T fallback)
        {
            if (isSet)
            {
                return chosen!;
            }

            defaulted.Add(field);
            return fallback;
        }

        return new EffectiveReleasePolicy
        {
            MailtoAddresses = Pick(nameof(MailtoAddresses), policy?.MailtoAddresses, policy?.MailtoAddresses is { Count: > 0 },
                ReleasePolicyDefaults.MailtoAddresses(mailingListOwner)),
            ManualVote = Pick(nameof(ManualVote), policy?.ManualVote ?? false, policy?.ManualVote == true, false),
            MinHours = Pick(nameof(MinHours), policy?.MinHours ?? 0, policy?.MinHours is not null, ReleasePolicyDefaults.MinHours),
            ReleaseChecklist = Pick(nameof(ReleaseChecklist), policy?.ReleaseChecklist, !string.IsNullOrEmpty(policy?.ReleaseChecklist), ""),
            PauseForRm = Pick(nameof(PauseForRm), policy?.PauseForRm ?? false, policy?.PauseForRm == true, false),
            StartVoteTemplate = Pick(nameof(StartVoteTemplate), policy?.StartVoteTemplate, !string.IsNullOrEmpty(policy?.StartVoteTemplate),
                ReleasePolicyDefaults.StartVoteTemplate),
            AnnounceReleaseTemplate = Pick(nameof(AnnounceReleaseTemplate), policy?.AnnounceReleaseTemplate,
                !string.IsNullOrEmpty(policy?.AnnounceReleaseTemplate), ReleasePolicyDefaults.AnnounceReleaseTemplate),
            BinaryArtifactPaths = Pick<IReadOnlyList<string>>(nameof(BinaryArtifactPaths), policy?.BinaryArtifactPaths,
                policy?.BinaryArtifactPaths is { Count: > 0 }, []),
            SourceArtifactPaths = Pick<IReadOnlyList<string>>(nameof(SourceArtifactPaths), policy?.SourceArtifactPaths,
                policy?.SourceArtifactPaths is { Count: > 0 }, []),
            StrictChecking = Pick(nameof(StrictChecking), policy?.StrictChecking ?? false, policy?.StrictChecking == true, false),
            GithubRepositoryName = Pick(nameof(GithubRepositoryName), policy?.GithubRepositoryName,
                !string.IsNullOrEmpty(policy?.GithubRepositoryName), ""),
            GithubComposeWorkflowPath = Pick<IReadOnlyList<string>>(nameof(GithubComposeWorkflowPath), policy?.GithubComposeWorkflowPath,
                policy?.GithubComposeWorkflowPath is { Count: > 0 }, []),
            GithubVoteWorkflowPath = Pick<IReadOnlyList<string>>(nameof(GithubVoteWorkflowPath), policy?.GithubVoteWorkflowPath,
                policy?.GithubVoteWorkflowPath is { Count: > 0 }, []),
            GithubFinishWorkflowPath = Pick<IReadOnlyList<string>>(nameof(GithubFinishWorkflowPath), policy?.GithubFinishWorkflowPath,
                policy?.GithubFinishWorkflowPath is { Count: > 0 }, []),
            PreserveDownloadFiles = Pick(nameof(PreserveDownloadFiles), policy?.PreserveDownloadFiles ?? false,
                policy?.PreserveDownloadFiles == true, false),
            Defaulted = defaulted,
        };
    }
}
