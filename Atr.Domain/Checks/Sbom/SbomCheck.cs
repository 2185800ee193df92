using System.Text.Json;
using Atr.Domain.Tasks;

namespace Atr.Domain.Checks.Sbom;

/// <summary>
/// <c>sbom</c>: a CycloneDX JSON SBOM (<c>*.cdx.json</c>) read for the NTIA minimum elements. Failures: no
/// <c>metadata</c>, no supplier, component (with name and version), author(s) or timestamp in it, and components
/// without a supplier, name or version. Warnings: components (the described one included) with none of purl, cpe or
/// swid to identify them, and no <c>dependencies</c>. A file that is not CycloneDX JSON fails saying so.
/// </summary>
public sealed class SbomCheck : ICheck
{
    /// <summary>How many components a message names.</summary>
    private const int Named = 3;

    private static readonly string[] DescribedFields = ["name", "version"];

    public const long MaxBytes = 64L << 20;

    public string Key => "sbom";

    public string Version => "1";

    public TaskType TaskType => TaskType.SbomToolScore;

    public bool RevisionWide => false;

    public bool ReadsCommitteeKeys => false;

    public bool AppliesTo(string path) => path.EndsWith(".cdx.json", StringComparison.OrdinalIgnoreCase);

    public string DescribeInputs(CheckSubject subject) => subject.PrimaryFile.Sha256;

    public async Task RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var file = run.Subject.PrimaryFile;
        if (file.Size > MaxBytes)
        {
            run.Failure($"The SBOM is {file.Size:N0} bytes; at most {MaxBytes:N0} are read", new { size = file.Size });
            return;
        }

        JsonDocument document;
        await using (var content = await run.OpenAsync(file, cancellationToken))
        {
            try
            {
                document = await JsonDocument.ParseAsync(content, new JsonDocumentOptions { MaxDepth = 256 }, cancellationToken);
            }
            catch (JsonException e)
            {
                run.Failure($"The file is not JSON: {e.Message}", new { line = e.LineNumber + 1 });
                return;
            }
        }

        using (document)
        {
            try
            {
                Judge(run, document.RootElement);
            }
            catch (JsonException e)
            {
                run.Failure($"The file is not JSON: {e.Message}");
            }
        }
    }

    private static void Judge(CheckRun run, JsonElement bom)
    {
        if (bom.ValueKind != JsonValueKind.Object || Text(bom, "bomFormat") != "CycloneDX")
        {
            run.Failure("The file is not a CycloneDX SBOM: its \"bomFormat\" is not \"CycloneDX\"");
            return;
        }

        var specVersion = Text(bom, "specVersion");
        var errors = new List<string>();
        var warnings = new List<string>();
        if (!bom.TryGetProperty("metadata", out var metadata) || metadata.ValueKind != JsonValueKind.Object)
        {
            errors.Add("no metadata");
        }
        else
        {
            if (!HasName(metadata, "supplier") && !HasName(metadata, "manufacturer"))
            {
                errors.Add("no supplier in the metadata");
            }

            if (!metadata.TryGetProperty("component", out var component) || component.ValueKind != JsonValueKind.Object)
            {
                errors.Add("no component in the metadata (what the SBOM describes)");
            }
            else
            {
                errors.AddRange(DescribedFields.Where(p => Text(component, p) is null).Select(p => $"no {p} for the described component"));
                if (!Identified(component))
                {
                    warnings.Add("the described component has no purl, cpe or swid");
                }
            }

            if (!HasAuthor(metadata))
            {
                errors.Add("no author in the metadata");
            }

            if (Text(metadata, "timestamp") is not { } timestamp || !DateTimeOffset.TryParse(timestamp, System.Globalization.CultureInfo.InvariantCulture, out _))
            {
                errors.Add("no valid timestamp in the metadata");
            }
        }

        var components = Components(bom).ToList();
        foreach (var (field, check) in new (string, Func<JsonElement, bool>)[]
                 {
                     ("supplier", c => HasName(c, "supplier") || HasName(c, "manufacturer")),
                     ("name", c => Text(c, "name") is not null),
                     ("version", c => Text(c, "version") is not null),
                 })
        {
            var lacking = components.Where(c => !check(c)).Select(Label).ToList();
            if (lacking.Count > 0)
            {
                errors.Add($"{Count(lacking.Count, "component")} without a {field} ({Names(lacking)})");
            }
        }

        var unidentified = components.Where(c => !Identified(c)).Select(Label).ToList();
        if (unidentified.Count > 0)
        {
            warnings.Add($"{Count(unidentified.Count, "component")} without a purl, cpe or swid ({Names(unidentified)})");
        }

        if (!bom.TryGetProperty("dependencies", out var dependencies) || dependencies.ValueKind != JsonValueKind.Array || dependencies.GetArrayLength() == 0)
        {
            warnings.Add("no dependencies: how the components relate is not recorded");
        }

        var data = new { specVersion, components = components.Count, errors, warnings };
        foreach (var error in errors)
        {
            run.Failure($"NTIA minimum elements: {error}", data);
        }

        foreach (var warning in warnings)
        {
            run.Warning($"NTIA minimum elements: {warning}", data);
        }

        if (errors.Count == 0)
        {
            run.Success($"CycloneDX {specVersion} SBOM with the NTIA minimum elements ({Count(components.Count, "component")})", data);
        }
    }

    /// <summary>Every component, nested ones included.</summary>
    private static IEnumerable<JsonElement> Components(JsonElement parent)
    {
        if (!parent.TryGetProperty("components", out var components) || components.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var component in components.EnumerateArray().Where(c => c.ValueKind == JsonValueKind.Object))
        {
            yield return component;
            foreach (var nested in Components(component))
            {
                yield return nested;
            }
        }
    }

    private static bool Identified(JsonElement component) =>
        Text(component, "purl") is not null || Text(component, "cpe") is not null
        || (component.TryGetProperty("swid", out var swid) && swid.ValueKind == JsonValueKind.Object);

    /// <summary>An organisation with a name: <c>{"supplier": {"name": ...}}</c>.</summary>
    private static bool HasName(JsonElement element, string property) =>
        element.TryGetProperty(property, out var organisation) && organisation.ValueKind == JsonValueKind.Object && Text(organisation, "name") is not null;

    /// <summary><c>authors</c> (people or organisations with a name or email), or a plain <c>author</c> text.</summary>
    private static bool HasAuthor(JsonElement metadata) =>
        (metadata.TryGetProperty("authors", out var authors) && authors.ValueKind == JsonValueKind.Array
            && authors.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.Object && (Text(a, "name") ?? Text(a, "email")) is not null))
        || Text(metadata, "author") is not null;

    private static string Label(JsonElement component) =>
        Text(component, "bom-ref") ?? Text(component, "purl") ?? Text(component, "name") ?? "(unnamed)";

    /// <exception cref="JsonException">The value is a string that is not text (invalid UTF-8, or an unpaired surrogate escape), which JSON forbids.</exception>
    private static string? Text(JsonElement element, string property)
    {
        if (!element.TryGetProperty(property, out var value) || value.ValueKind != JsonValueKind.String)
        {
            return null;
        }

        string? text;
        try
        {
            text = value.GetString();
        }
        catch (InvalidOperationException e)
        {
            // The parser checks a string's syntax, not its text: that is found only when the string is read.
            throw new JsonException($"the \"{property}\" value is not valid text ({e.Message})", e);
        }

        return string.IsNullOrWhiteSpace(text) ? null : text;
    }

    private static string Names(List<string> labels) =>
        string.Join(", ", labels.Take(Named)) + (labels.Count > Named ? $" and {labels.Count - Named} more" : "");

    private static string Count(int count, string noun) => $"{count} {noun}{(count == 1 ? "" : "s")}";
}
