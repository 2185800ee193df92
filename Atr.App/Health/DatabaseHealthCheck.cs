using Atr.Domain.Data;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Atr.App.Health;

/// <summary>Healthy when the database answers.</summary>
public sealed class DatabaseHealthCheck(DatabaseInitializer database) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            return await database.CanConnectAsync(cancellationToken)
                ? HealthCheckResult.Healthy("The database answers")
                : HealthCheckResult.Unhealthy("The database cannot be opened");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("The database failed to answer", e);
        }
    }
}
