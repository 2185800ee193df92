using Atr.Domain.Data;

namespace Atr.App.Cli;

/// <summary><c>Atr.App migrate</c>: applies the database migrations and exits.</summary>
public static class MigrateCommand
{
    public const string Name = "migrate";

    public static async Task<int> RunAsync(WebApplication app, CancellationToken cancellationToken)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(MigrateCommand));
        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        logger.LogInformation("The database is up to date");
        return 0;
    }
}
