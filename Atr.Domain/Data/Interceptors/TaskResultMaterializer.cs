using Atr.Domain.Tasks;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Data.Interceptors;

/// <summary>
/// Reads a task's typed result from its JSON column as the task is loaded. A value converter could not log, and an
/// unreadable payload (an old or hand-edited row) must not throw at the page: it reads back as null and is logged.
/// </summary>
internal sealed class TaskResultMaterializer(ILogger<TaskResultMaterializer> logger) : IMaterializationInterceptor
{
    public object InitializedInstance(MaterializationInterceptionData materializationData, object entity)
    {
        if (entity is BackgroundTask { ResultJson: { } json } task)
        {
            var result = TaskResultJson.TryRead(json, out var problem);
            if (problem is not null)
            {
                logger.LogWarning("Task {TaskId} has an unreadable result, shown as none: {Problem}", task.Id, problem);
            }

            task.LoadResult(result);
        }

        return entity;
    }
}
