using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Atr.Domain.Audit;

/// <summary>
/// Appends committed audit events to <c>state/audit.log</c>, one JSON object per line, so the trail can be shipped
/// and kept outside the database. The database row is the record; a failed append is logged, not thrown.
/// </summary>
public sealed class AuditFileWriter(AtrDomainSettings settings, ILogger<AuditFileWriter> logger)
{
    public const string FileName = "audit.log";

    private readonly Lock _lock = new();

    public string FilePath { get; } = Path.Combine(settings.StateDirectory, FileName);

    public void Append(IReadOnlyList<AuditEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var lines = string.Concat(events.Select(e => Line(e) + "\n"));
        try
        {
            lock (_lock)
            {
                Directory.CreateDirectory(Path.GetDirectoryName(FilePath)!);
                File.AppendAllText(FilePath, lines);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            logger.LogError(e, "Could not append {Count} audit event(s) to {File}", events.Count, FilePath);
        }
    }

    private static string Line(AuditEvent e) => new JsonObject
    {
        ["time"] = e.Occurred.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        ["id"] = e.Id,
        ["actor"] = e.Actor,
        ["action"] = e.Action,
        ["entity"] = e.EntityType,
        ["key"] = e.EntityKey,
        ["committee"] = e.CommitteeName,
        ["before"] = e.Before is null ? null : JsonNode.Parse(e.Before),
        ["after"] = e.After is null ? null : JsonNode.Parse(e.After),
    }.ToJsonString(new JsonSerializerOptions { WriteIndented = false });
}
