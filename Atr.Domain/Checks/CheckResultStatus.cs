namespace Atr.Domain.Checks;

/// <summary>The outcome a check recorded for a file or archive member.</summary>
public enum CheckResultStatus
{
    Exception,
    Failure,

    /// <summary>The check does not apply to this file by the project's policy (a binary artifact): said, not silent.</summary>
    Skipped,
    Success,
    Warning,
}

/// <summary>The statuses an ignore rule may suppress (a success is never ignored).</summary>
public enum CheckResultStatusIgnore
{
    Exception,
    Failure,
    Warning,
}
