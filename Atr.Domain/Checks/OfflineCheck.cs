using System.Globalization;
using System.Text;
using System.Text.Json;
using Atr.Domain.Checks.Archives;
using Atr.Domain.Common;
using Atr.Domain.Keys;

namespace Atr.Domain.Checks;

/// <summary>What the offline check is asked: a folder of release files, the KEYS file its signatures must come from, and the release it will become.</summary>
public sealed record OfflineCheckRequest(string Folder, string KeysFile, string? Project = null, string? Version = null, bool Podling = false, bool Json = false);

/// <summary>
/// The offline check behind <c>atr check</c> and <c>Atr.App check</c>: the server's checks on a folder, with no server
/// and no database. The KEYS file is read without verifying anything; only a key that made a signature is verified.
/// It writes a table, or a JSON document alone on <c>output</c>, and answers the exit code: 0 when nothing failed, 1
/// when a result is a failure or an exception, 2 when the request cannot be carried out (no such folder, no
/// readable KEYS file). Nothing in it needs reflection, so the command can be compiled ahead of time.
/// </summary>
public static class OfflineCheck
{
    /// <param name="time">The clock keys' expiry is judged by.</param>
    public static async Task<int> RunAsync(OfflineCheckRequest request, TimeProvider time, TextWriter output, TextWriter errors, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(request.Folder))
        {
            await errors.WriteLineAsync($"{request.Folder} is not a folder");
            return 2;
        }

        if (!File.Exists(request.KeysFile))
        {
            await errors.WriteLineAsync($"There is no KEYS file at {request.KeysFile}");
            return 2;
        }

        KeysFile keys;
        try
        {
            keys = await ReadKeysAsync(request.KeysFile, errors, cancellationToken);
        }
        catch (Exception e) when (e is DomainException or IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"{request.KeysFile}: {e.Message}");
            return 2;
        }

        var folderName = Path.GetFileName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(request.Folder)));
        var committeeKeys = new CommitteeKeys(null, keys.Keys, time.GetUtcNow().UtcDateTime, $"the KEYS file {Path.GetFileName(request.KeysFile)}");
        IReadOnlyList<CheckFinding> findings;
        try
        {
            findings = await new FolderChecker(CheckCatalog.All(new ArchiveLimits())).CheckAsync(request.Folder,
                new FolderCheckOptions(request.Project ?? folderName, request.Version ?? "unknown", request.Podling, committeeKeys), cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            await errors.WriteLineAsync($"{request.Folder} could not be read: {e.Message}");
            return 2;
        }

        await (request.Json ? WriteJsonAsync(output, findings) : WriteTableAsync(output, findings));
        return findings.Any(f => f.Status is CheckResultStatus.Failure or CheckResultStatus.Exception) ? 1 : 0;
    }

    private static async Task<KeysFile> ReadKeysAsync(string path, TextWriter errors, CancellationToken cancellationToken)
    {
        var size = new FileInfo(path).Length;
        if (size > KeysFile.MaxBytes)
        {
            throw new DomainException($"The file is {size:N0} bytes long; at most {KeysFile.MaxBytes:N0} are accepted");
        }

        var keys = KeysFile.Read(await File.ReadAllBytesAsync(path, cancellationToken));
        foreach (var error in keys.Errors)
        {
            await errors.WriteLineAsync($"{path}, block {error.Block}: {error.Message}; its keys are not used");
        }

        return keys;
    }

    private static async Task WriteJsonAsync(TextWriter output, IReadOnlyList<CheckFinding> findings)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            json.WriteStartObject();
            json.WriteStartArray("results");
            foreach (var finding in findings)
            {
                json.WriteStartObject();
                json.WriteString("checker", finding.Checker);
                json.WriteString("primaryRelPath", finding.PrimaryRelPath);
                json.WriteString("memberRelPath", finding.MemberRelPath);
                json.WriteString("status", Status(finding.Status));
                json.WriteString("message", finding.Message);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        await output.WriteLineAsync(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static async Task WriteTableAsync(TextWriter output, IReadOnlyList<CheckFinding> findings)
    {
        var rows = findings.Select(f => new[] { Status(f.Status), f.Checker, f.PrimaryRelPath ?? "(revision)", f.MemberRelPath ?? "", f.Message }).ToList();
        string[] header = ["STATUS", "CHECKER", "FILE", "MEMBER", "MESSAGE"];
        var widths = Enumerable.Range(0, 4).Select(c => rows.Select(r => r[c].Length).Append(header[c].Length).Max()).ToArray();
        var text = new StringBuilder();
        foreach (var row in rows.Prepend(header))
        {
            text.AppendJoin("  ", row.Take(4).Select((cell, c) => cell.PadRight(widths[c]))).Append("  ").Append(row[4]).Append('\n');
        }

        var counts = findings.GroupBy(f => f.Status).ToDictionary(g => g.Key, g => g.Count());
        string Count(CheckResultStatus status, string noun)
        {
            var count = counts.GetValueOrDefault(status);
            return string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 || noun is "passed" or "skipped" ? "" : "s")}");
        }

        text.Append('\n').Append(Count(CheckResultStatus.Success, "passed")).Append(", ").Append(Count(CheckResultStatus.Warning, "warning"))
            .Append(", ").Append(Count(CheckResultStatus.Failure, "failure")).Append(", ").Append(Count(CheckResultStatus.Exception, "exception"))
            .Append(", ").Append(Count(CheckResultStatus.Skipped, "skipped")).Append(CultureInfo.InvariantCulture, $" ({findings.Count} results)");
        await output.WriteLineAsync(text.ToString());
    }

    private static string Status(CheckResultStatus status) => status.ToString().ToLowerInvariant();
}
