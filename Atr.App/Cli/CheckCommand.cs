using Atr.Domain.Checks;

namespace Atr.App.Cli;

/// <summary>
/// <c>Atr.App check &lt;folder&gt; --keys &lt;KEYS-file&gt; [--project NAME] [--version V] [--podling] [--json]</c>:
/// the <see cref="OfflineCheck"/> (as <c>atr check</c> runs it), from the app. Exit code 0 when nothing failed, 1 when
/// a result is a failure or an exception, 2 for bad arguments.
/// </summary>
public static class CheckCommand
{
    public const string Name = "check";

    public const string Usage = "usage: Atr.App check <folder> --keys <KEYS-file> [--project NAME] [--version V] [--podling] [--json]";

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (Parse(args) is not { } options)
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        return await OfflineCheck.RunAsync(
            new OfflineCheckRequest(options.Folder, options.KeysFile!, options.Project, options.Version, options.Podling, options.AsJson),
            TimeProvider.System, output, errors, cancellationToken);
    }

    private static Options? Parse(string[] args)
    {
        if (args is not [Name, var folder, .. var rest] || folder.StartsWith("--", StringComparison.Ordinal))
        {
            return null;
        }

        var options = new Options(folder);
        for (var i = 0; i < rest.Length; i++)
        {
            string? Value() => i + 1 < rest.Length && !rest[i + 1].StartsWith("--", StringComparison.Ordinal) ? rest[++i] : null;
            switch (rest[i])
            {
                case "--keys" when Value() is { } keys:
                    options = options with { KeysFile = keys };
                    break;
                case "--project" when Value() is { } project:
                    options = options with { Project = project };
                    break;
                case "--version" when Value() is { } version:
                    options = options with { Version = version };
                    break;
                case "--podling":
                    options = options with { Podling = true };
                    break;
                case "--json":
                    options = options with { AsJson = true };
                    break;
                default:
                    return null;
            }
        }

        return options.KeysFile is null ? null : options;
    }

    private sealed record Options(string Folder)
    {
        public string? KeysFile { get; init; }

        public string? Project { get; init; }

        public string? Version { get; init; }

        public bool Podling { get; init; }

        public bool AsJson { get; init; }
    }
}
