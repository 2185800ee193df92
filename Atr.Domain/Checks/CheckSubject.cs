using Atr.Domain.Projects;
using Atr.Domain.Revisions;

namespace Atr.Domain.Checks;

/// <summary>
/// What a check is about: the release, its files in one revision, the file of this task (if any), and the keys of
/// the release's committee at the time.
/// </summary>
public sealed record CheckSubject(
    string ProjectName,
    string Version,
    string RevisionNumber,
    string? CommitteeName,
    bool IsPodling,
    EffectiveReleasePolicy Policy,
    Manifest Files,
    string? PrimaryPath,
    Keys.CommitteeKeys Keys)
{
    /// <summary>The subject of a check of <paramref name="release"/> (loaded with its project, committee and policy).</summary>
    public static CheckSubject For(Releases.Release release, string revisionNumber, Manifest files, string? primaryPath, Keys.CommitteeKeys keys) => new(
        release.ProjectName,
        release.Version,
        revisionNumber,
        release.Project.CommitteeName,
        release.Project.Committee?.IsPodling == true,
        release.Project.Policy,
        files,
        primaryPath,
        keys);

    /// <summary>The entry of the task's file; throws for a revision-wide task.</summary>
    public ManifestEntry PrimaryFile =>
        Files.Find(PrimaryPath ?? throw new InvalidOperationException("A revision-wide check has no primary file"))
        ?? throw new InvalidOperationException($"{PrimaryPath} is not in revision {RevisionNumber}");
}
