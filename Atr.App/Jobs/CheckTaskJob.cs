using Quartz;

namespace Atr.App.Jobs;

/// <summary>Runs one check task; the task's id comes with the trigger.</summary>
public sealed class CheckTaskJob(CheckEngine engine) : IJob
{
    public const string TaskIdKey = "taskId";

    public static readonly JobKey Key = new("check-task");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await engine.RunAsync(context.MergedJobDataMap.GetInt(TaskIdKey), cancellationToken);
}
