using Atr.Domain.Common;
using Atr.Domain.Projects;

namespace Atr.Domain.Tasks;

/// <summary>
/// A unit of background work (the seed's Task). Its status moves only QUEUED → ACTIVE → COMPLETED or FAILED;
/// the database enforces the columns each status needs with a CHECK constraint.
/// </summary>
public sealed class BackgroundTask : IDescribedEntity
{
    public const int ErrorMaxLength = 4000;

    private BackgroundTask()
    {
    }

    public BackgroundTask(TaskType taskType, string taskArgs, string asfUid, DateTime added)
    {
        TaskType = taskType;
        TaskArgs = taskArgs;
        AsfUid = asfUid;
        Added = added;
        Status = BackgroundTaskStatus.Queued;
    }

    public int Id { get; private set; }

    public BackgroundTaskStatus Status { get; private set; }

    public TaskType TaskType { get; private set; }

    /// <summary>The task's arguments as a JSON object.</summary>
    public string TaskArgs { get; private set; } = "{}";

    /// <summary>Who asked for the task (<c>system</c> for scheduled work).</summary>
    public string AsfUid { get; private set; } = null!;

    public DateTime Added { get; private set; }

    public DateTime? Started { get; private set; }

    public DateTime? Completed { get; private set; }

    /// <summary>The worker that runs or ran the task.</summary>
    public int? Pid { get; private set; }

    /// <summary>What a completed task produced; null before completion or when the stored payload is unreadable.</summary>
    public TaskResult? Result { get; private set; }

    /// <summary>The stored form of <see cref="Result"/> (the <c>Result</c> column).</summary>
    public string? ResultJson { get; private set; }

    public string? Error { get; private set; }

    public string? ProjectName { get; private set; }

    public Project? Project { get; private set; }

    public string? VersionName { get; private set; }

    public string? RevisionNumber { get; private set; }

    /// <summary>The file of the revision the task works on, for per-file checks.</summary>
    public string? PrimaryRelPath { get; private set; }

    /// <summary>
    /// For a check: a hash of the checker, its version and every input its outcome depends on. A later revision
    /// whose check has the same key reuses this task's results instead of running again.
    /// </summary>
    public string? InputKey { get; private set; }

    /// <summary>For a check whose inputs had not changed: the task whose results this one stands for.</summary>
    public int? ReusedTaskId { get; private set; }

    /// <summary>How often a worker has started this task (a crash or restart interrupts an attempt).</summary>
    public int Attempts { get; private set; }

    /// <summary>Ties the task to a file (or, without a path, to the whole revision) of a release.</summary>
    public void Target(string projectName, string versionName, string revisionNumber, string? primaryRelPath)
    {
        ProjectName = projectName;
        VersionName = versionName;
        RevisionNumber = revisionNumber;
        PrimaryRelPath = primaryRelPath;
    }

    /// <summary>Marks the task as a check with the given input key (see <see cref="InputKey"/>).</summary>
    public void PlanCheck(string inputKey)
    {
        RequireStatus(BackgroundTaskStatus.Queued, "be planned");
        InputKey = inputKey;
    }

    /// <summary>
    /// Records the input key a running check actually had: the committee's keys or the policy may have changed
    /// between planning and running, and an outcome must be reused only for the inputs it was found with.
    /// </summary>
    public void RecordInputs(string inputKey)
    {
        RequireStatus(BackgroundTaskStatus.Active, "record its inputs");
        InputKey = inputKey;
    }

    /// <summary>Completes a queued check at once with the results of <paramref name="originTaskId"/>, whose inputs were the same.</summary>
    public void CompleteWithEarlierResults(int originTaskId, TaskResult result, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(result);
        RequireStatus(BackgroundTaskStatus.Queued, "reuse earlier results");
        ReusedTaskId = originTaskId;
        Status = BackgroundTaskStatus.Completed;
        Completed = now;
        Result = result;
        ResultJson = TaskResultJson.Write(result);
    }

    public void Start(int pid, DateTime now)
    {
        RequireStatus(BackgroundTaskStatus.Queued, "start");
        Status = BackgroundTaskStatus.Active;
        Started = now;
        Pid = pid;
        Attempts++;
    }

    public void Complete(TaskResult result, DateTime now)
    {
        ArgumentNullException.ThrowIfNull(result);
        RequireStatus(BackgroundTaskStatus.Active, "complete");
        Status = BackgroundTaskStatus.Completed;
        Completed = now;
        Result = result;
        ResultJson = TaskResultJson.Write(result);
    }

    public void Fail(string error, DateTime now)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        if (Status is BackgroundTaskStatus.Completed or BackgroundTaskStatus.Failed)
        {
            throw new DomainException($"Task {Id} has already finished ({Status}); it cannot fail");
        }

        Status = BackgroundTaskStatus.Failed;
        Completed = now;
        Error = error.Length > ErrorMaxLength ? error[..ErrorMaxLength] : error;
    }

    public string Describe() => $"task {Id}";

    /// <summary>Sets <see cref="Result"/> from the stored JSON when the task is read back.</summary>
    internal void LoadResult(TaskResult? result) => Result = result;

    private void RequireStatus(BackgroundTaskStatus required, string action)
    {
        if (Status != required)
        {
            throw new DomainException($"Task {Id} is {Status}; only a {required} task can {action}");
        }
    }
}
