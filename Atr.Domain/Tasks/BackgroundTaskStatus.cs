namespace Atr.Domain.Tasks;

/// <summary>The state of a background task (the seed's TaskStatus; renamed to avoid System.Threading.Tasks.TaskStatus).</summary>
public enum BackgroundTaskStatus
{
    Queued,
    Active,
    Completed,
    Failed,
}
