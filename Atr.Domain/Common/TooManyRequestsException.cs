namespace Atr.Domain.Common;

/// <summary>The actor did this too often in a short time; the message says when to try again.</summary>
public sealed class TooManyRequestsException(string message, TimeSpan retryAfter) : DomainException(message)
{
    public TimeSpan RetryAfter { get; } = retryAfter;
}
