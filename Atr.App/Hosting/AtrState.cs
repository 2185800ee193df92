using Atr.Domain.Data;

namespace Atr.App.Hosting;

/// <summary>Where this instance keeps its files, resolved once at start.</summary>
public sealed class AtrState(string directory, string connectionString)
{
    /// <summary>Absolute path of the state folder.</summary>
    public string Directory { get; } = directory;

    public string ConnectionString { get; } = connectionString;

    public static AtrState Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var configured = configuration[$"{AtrOptions.Section}:{nameof(AtrOptions.StateDirectory)}"];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "state" : configured, environment.ContentRootPath);
        var connectionString = configuration.GetConnectionString("Default")
            ?? AtrDatabase.ConnectionStringFor(Path.Combine(directory, AtrDatabase.FileName));
        return new AtrState(directory, connectionString);
    }
}
