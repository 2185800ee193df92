namespace Atr.Domain.Releases;

/// <summary>The four phases of a release, in order.</summary>
public enum ReleasePhase
{
    /// <summary>The release manager composes the candidate (uploads, checks).</summary>
    ReleaseCandidateDraft,

    /// <summary>The committee votes on a candidate revision.</summary>
    ReleaseCandidate,

    /// <summary>The vote passed; the files are arranged for publication.</summary>
    ReleasePreview,

    /// <summary>Announced and published.</summary>
    Release,
}

public static class ReleasePhaseExtensions
{
    /// <summary>The name of the step a user sees: Compose, Vote, Finish or Released.</summary>
    public static string StepName(this ReleasePhase phase) => phase switch
    {
        ReleasePhase.ReleaseCandidateDraft => "Compose",
        ReleasePhase.ReleaseCandidate => "Vote",
        ReleasePhase.ReleasePreview => "Finish",
        ReleasePhase.Release => "Released",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown release phase"),
    };

    /// <summary>The original system's name for the phase (<c>release_candidate_draft</c> ...).</summary>
    public static string SeedName(this ReleasePhase phase) => phase switch
    {
        ReleasePhase.ReleaseCandidateDraft => "release_candidate_draft",
        ReleasePhase.ReleaseCandidate => "release_candidate",
        ReleasePhase.ReleasePreview => "release_preview",
        ReleasePhase.Release => "release",
        _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Unknown release phase"),
    };

    /// <summary>True while the release is still being worked on (not yet published).</summary>
    public static bool IsInProgress(this ReleasePhase phase) => phase != ReleasePhase.Release;
}
