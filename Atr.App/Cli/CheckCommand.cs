using System.Globalization;
using System.Text.Json;
using Atr.Domain;
using Atr.Domain.Checks;
using Atr.Domain.Common;
using Atr.Domain.Keys;

namespace Atr.App.Cli;

/// <summary>
/// <c>Atr.App check &lt;folder&gt; --keys &lt;KEYS-file&gt; [--project NAME] [--version V] [--podling] [--json]</c>:
/// runs the server's checks on a folder of release files, with no server and no database, before they are uploaded.
/// Exit code 0 when nothing failed, 1 when a result is a failure or an exception, 2 for bad arguments.
/// </summary>
public static class CheckCommand
{
    public const string Name = "check";

    public const string Usage = "usage: Atr.App check <folder> --keys <KEYS-file> [--project NAME] [--version V] [--podling] [--json]";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (Parse(args) is not { } options)
        {
            await errors.WriteLineAsync(Usage);
            return 2;
        }

        if (!Directory.Exists(options.Folder))
        {
            await errors.WriteLineAsync($"{options.Folder} is not a folder");
            return 2;
        }

        if (!File.Exists(options.KeysFile))
        {
            await errors.WriteLineAsync($"There is no KEYS file at {options.KeysFile}");
            return 2;
        }

        KeysFile keys;
        try
        {
            keys = await ReadKeysAsync(options.KeysFile, errors, cancellationToken);
        }
        catch (Exception e) when (e is DomainException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"{options.KeysFile}: {e.Message}");
            return 2;
        }

        await using var services = new ServiceCollection()
            .AddLogging()
            .AddAtrDomain(new AtrDomainSettings("Data Source=:memory:", Path.GetTempPath()))
            .BuildServiceProvider();
        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(options.Folder)));
        var committeeKeys = new CommitteeKeys(null, keys.Keys, DateTime.UtcNow, $"the KEYS file {Path.GetFileName(options.KeysFile)}");
        IReadOnlyList<CheckFinding> findings;
        try
        {
            findings = await services.GetRequiredService<FolderChecker>().CheckAsync(options.Folder,
                new FolderCheckOptions(options.Project ?? folderName, options.Version ?? "unknown", options.Podling, committeeKeys), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"{options.Folder} could not be read: {e.Message}");
            return 2;
        }

        if (options.AsJson)
        {
            await output.WriteLineAsync(JsonSerializer.Serialize(new
            {
                results = findings.Select(f => new { f.Checker, f.PrimaryRelPath, f.MemberRelPath, status = Status(f.Status), f.Message }),
            }, Json));
        }
        else
        {
            await WriteTableAsync(output, findings);
        }

        return findings.Any(f => f.Status is CheckResultStatus.Failure or CheckResultStatus.Exception) ? 1 : 0;
    }

    /// <summary>The KEYS file read but not verified: only keys that made a signature are verified, when the signature is checked.</summary>
    private static async Task<KeysFile> ReadKeysAsync(string path, TextWriter errors, CancellationToken cancellationToken)
    {
        var info = new FileInfo(path);
        if (info.Length > KeysFile.MaxBytes)
        {
            throw new DomainException($"The file is {info.Length:N0} bytes long; at most {KeysFile.MaxBytes:N0} are accepted");
        }

        var keys = KeysFile.Read(await File.ReadAllBytesAsync(path, cancellationToken));
        foreach (var error in keys.Errors)
        {
            await errors.WriteLineAsync($"{path}, block {error.Block}: {error.Message}; its keys are not used");
        }

        return keys;
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<CheckFinding> findings)
    {
        var rows = findings.Select(f => new[] { Status(f.Status), f.Checker, f.PrimaryRelPath ?? "(revision)", f.MemberRelPath ?? "", f.Message }).ToList();
        string[] header = ["STATUS", "CHECKER", "FILE", "MEMBER", "MESSAGE"];
        var widths = Enumerable.Range(0, 4).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        foreach (var row in rows.Prepend(header))
        {
            await output.WriteLineAsync(string.Join("  ", row.Take(4).Select((cell, c) => cell.PadRight(widths[c]))) + "  " + row[4]);
        }

        var counts = findings.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count());
        string Count(CheckResultStatus status, string noun)
        {
            var count = counts.GetValueOrDefault(status);
            return string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 || noun is "passed" or "skipped" ? "" : "s")}");
        }

        await output.WriteLineAsync(
            $"\n{Count(CheckResultStatus.Success, "passed")}, {Count(CheckResultStatus.Warning, "warning")}, {Count(CheckResultStatus.Failure, "failure")}, "
            + $"{Count(CheckResultStatus.Exception, "exception")}, {Count(CheckResultStatus.Skipped, "skipped")} ({findings.Count} results)");
    }

    private static string Status(CheckResultStatus status) => status.ToString().ToLowerInvariant();

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
