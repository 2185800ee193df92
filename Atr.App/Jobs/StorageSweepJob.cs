using Atr.Domain.Storage;
using Quartz;

namespace Atr.App.Jobs;

/// <summary>Once a day, removes stored content that no revision refers to any more.</summary>
[DisallowConcurrentExecution]
public sealed class StorageSweepJob(StorageSweeper sweeper) : IJob
{
    public static readonly JobKey Key = new("storage-sweep");

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken) =>
        await sweeper.SweepAsync(cancellationToken);
}
