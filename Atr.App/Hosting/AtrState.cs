using Atr.Domain;
using Atr.Domain.Data;

namespace Atr.App.Hosting;

/// <summary>Reads, once at start, what the domain needs from configuration: where the state lives and who administers.</summary>
public static class AtrState
{
    public static AtrDomainSettings Resolve(IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(AtrOptions.Section);
        var configured = section[nameof(AtrOptions.StateDirectory)];
        var directory = Path.GetFullPath(string.IsNullOrWhiteSpace(configured) ? "state" : configured, environment.ContentRootPath);
        var connectionString = configuration.GetConnectionString("Default")
            ?? AtrDatabase.ConnectionStringFor(Path.Combine(directory, AtrDatabase.FileName));
        var admins = section.GetSection(nameof(AtrOptions.Admins)).Get<string[]>() ?? [];
        var limits = section.GetSection(nameof(AtrOptions.Limits)).Get<LimitOptions>() ?? new LimitOptions();
        return new AtrDomainSettings(connectionString, directory)
        {
            Admins = admins.ToHashSet(StringComparer.Ordinal),
            MaxUploadBytes = limits.MaxUploadBytes,
            Archives = limits.Archives,
        };
    }
}
