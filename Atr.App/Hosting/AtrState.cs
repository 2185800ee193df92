using Atr.Domain;
using Atr.Domain.Committees;
using Atr.Domain.Data;
using Atr.Domain.Mail;

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
            Mail = MailOf(configuration, section),
            DistributionOrigins = section.GetSection("Distributions:Origins").GetChildren()
                .Where(origin => !string.IsNullOrWhiteSpace(origin.Value))
                .ToDictionary(origin => origin.Key, origin => origin.Value!, StringComparer.OrdinalIgnoreCase),
            Metadata = section.GetSection("Metadata").Get<MetadataSources>() ?? new MetadataSources(null, null, null, null),
        };
    }

    /// <summary><c>Atr:Smtp</c> (the relay and its <c>Sender</c>), <c>Atr:Mail:AllowedRecipientDomains</c> and <c>Atr:PublicBaseUrl</c>.</summary>
    private static MailSettings MailOf(IConfiguration configuration, IConfigurationSection section)
    {
        var defaults = new MailSettings();
        var smtp = section.GetSection("Smtp");
        var domains = section.GetSection("Mail:AllowedRecipientDomains").Get<string[]>();
        return new MailSettings
        {
            Sender = smtp["Sender"] is { Length: > 0 } sender ? sender : defaults.Sender,
            AllowedRecipientDomains = domains is { Length: > 0 } ? domains : defaults.AllowedRecipientDomains,
            PublicBaseUrl = section[nameof(AtrOptions.PublicBaseUrl)] is { Length: > 0 } url ? url : ListeningUrl(configuration) ?? defaults.PublicBaseUrl,
            Smtp = smtp.Get<SmtpSettings>() ?? new SmtpSettings(),
        };
    }

    /// <summary>The first address the server listens on (<c>urls</c>), with a wildcard host read as localhost.</summary>
    private static string? ListeningUrl(IConfiguration configuration)
    {
        var first = configuration["urls"]?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        foreach (var wildcard in new[] { "://*", "://+", "://0.0.0.0", "://[::]" })
        {
            first = first.Replace(wildcard, "://localhost", StringComparison.Ordinal);
        }

        return Uri.TryCreate(first, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
    }
}
