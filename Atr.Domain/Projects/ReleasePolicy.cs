namespace Atr.Domain.Projects;

/// <summary>
/// How one project releases. Empty strings, empty lists and null numbers mean "use the default", so that a later
/// change of a default applies to every project that never chose its own value.
/// </summary>
public sealed class ReleasePolicy
{
    public const int TemplateMaxLength = 20_000;
    public const int RepositoryNameMaxLength = 100;

    public int Id { get; private set; }

    /// <summary>Where vote mail goes; empty means the committee's dev and private lists.</summary>
    public List<string> MailtoAddresses { get; set; } = [];

    /// <summary>The vote happens outside Atr and its outcome is recorded by hand.</summary>
    public bool ManualVote { get; set; }

    /// <summary>Minimum vote duration in hours; null means <see cref="ReleasePolicyDefaults.MinHours"/>.</summary>
    public int? MinHours { get; set; }

    /// <summary>Markdown checklist included in the vote mail.</summary>
    public string ReleaseChecklist { get; set; } = "";

    public bool PauseForRm { get; set; }

    public string StartVoteTemplate { get; set; } = "";

    public string AnnounceReleaseTemplate { get; set; } = "";

    /// <summary>Gitignore-style patterns of binary artifacts (skipped by source checks).</summary>
    public List<string> BinaryArtifactPaths { get; set; } = [];

    /// <summary>Gitignore-style patterns of source artifacts.</summary>
    public List<string> SourceArtifactPaths { get; set; } = [];

    /// <summary>A vote cannot start while a check of the candidate fails.</summary>
    public bool StrictChecking { get; set; }

    /// <summary>GitHub repository name without the <c>apache/</c> owner.</summary>
    public string GithubRepositoryName { get; set; } = "";

    public List<string> GithubComposeWorkflowPath { get; set; } = [];

    public List<string> GithubVoteWorkflowPath { get; set; } = [];

    public List<string> GithubFinishWorkflowPath { get; set; } = [];

    /// <summary>Publishing must not replace files already in the download area.</summary>
    public bool PreserveDownloadFiles { get; set; }
}
