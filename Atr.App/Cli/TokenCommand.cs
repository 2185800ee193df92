using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Domain.Data;

namespace Atr.App.Cli;

/// <summary>
/// <c>Atr.App token create --user &lt;id&gt; --label &lt;text&gt; [--days N]</c>: creates a personal access token directly in the
/// configured database (for the first CI setup and for scripts) and prints only its secret.
/// </summary>
public static class TokenCommand
{
    public const string Name = "token";

    public const string Usage = "usage: Atr.App token create --user <id> --label <text> [--days N]";

    public static async Task<int> RunAsync(WebApplication app, string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (args is not [Name, "create", .. var options] || Parse(options) is not { } parsed)
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        await app.Services.GetRequiredService<DatabaseInitializer>().MigrateAsync(cancellationToken);
        try
        {
            var created = await app.Services.GetRequiredService<TokenService>()
                .CreateAsync(Actor.System, parsed.Label, parsed.Days, cancellationToken, forUser: parsed.User);
            await output.WriteLineAsync(created.Secret);
            return 0;
        }
        catch (DomainException e)
        {
            await errors.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static (string User, string Label, int Days)? Parse(string[] options)
    {
        string? user = null;
        string? label = null;
        var days = TokenService.DefaultDays;
        for (var i = 0; i < options.Length; i += 2)
        {
            if (i + 1 >= options.Length)
            {
                return null;
            }

            switch (options[i])
            {
                case "--user":
                    user = options[i + 1];
                    break;
                case "--label":
                    label = options[i + 1];
                    break;
                case "--days" when int.TryParse(options[i + 1], System.Globalization.CultureInfo.InvariantCulture, out var value):
                    days = value;
                    break;
                default:
                    return null;
            }
        }

        return user is null || label is null ? null : (user, label, days);
    }
}
