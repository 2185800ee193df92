using System.CommandLine;
using Atr.Domain.Checks;

namespace Atr.Cli;

/// <summary>
/// <c>atr</c>, the release manager's command: <c>atr check</c> runs the server's checks on a folder of release files
/// before they are uploaded. Exit codes: 0 nothing failed, 1 a check failed, 2 bad usage or a request that cannot be
/// carried out.
/// </summary>
public static class AtrCommand
{
    public const int UsageError = 2;

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        var root = new RootCommand("Atr: check, upload and release software the way your committee publishes it.");
        root.Subcommands.Add(Check(output, errors));
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await errors.WriteLineAsync(error.Message);
            }

            await errors.WriteLineAsync("Run 'atr --help' for usage.");
            return UsageError;
        }

        return await parsed.InvokeAsync(new InvocationConfiguration { Output = output, Error = errors }, cancellationToken);
    }

    private static Command Check(TextWriter output, TextWriter errors)
    {
        var folder = new Argument<string>("folder") { Description = "The folder of release files: artifacts, .asc signatures, .sha512 checksums" };
        var keys = new Option<string>("--keys") { Description = "The KEYS file whose keys may sign the release", Required = true };
        var project = new Option<string?>("--project") { Description = "The project the release belongs to (default: the folder's name)" };
        var version = new Option<string?>("--version") { Description = "The version being released" };
        var podling = new Option<bool>("--podling") { Description = "Check as a podling's release (a DISCLAIMER is required)" };
        var json = new Option<bool>("--json") { Description = "Write the results as JSON, alone on standard output" };
        var check = new Command("check", "Run Atr's checks on a folder of release files, offline: signatures, checksums, archives, licences, names, SBOMs")
        {
            folder, keys, project, version, podling, json,
        };
        check.SetAction((result, cancellationToken) => OfflineCheck.RunAsync(
            new OfflineCheckRequest(result.GetRequiredValue(folder), result.GetRequiredValue(keys), result.GetValue(project), result.GetValue(version),
                result.GetValue(podling), result.GetValue(json)),
            TimeProvider.System, output, errors, cancellationToken));
        return check;
    }
}
