using System.Globalization;
using Atr.Domain.Releases;
using MudBlazor;

namespace Atr.App.Components.Shared;

/// <summary>Small formatting rules shared by the pages.</summary>
public static class Display
{
    private static readonly string[] Units = ["B", "KiB", "MiB", "GiB", "TiB"];

    /// <summary>1536 → "1.5 KiB".</summary>
    public static string Size(long bytes)
    {
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < Units.Length - 1)
        {
            value /= 1024;
            unit++;
        }

        return unit == 0
            ? string.Create(CultureInfo.InvariantCulture, $"{bytes} B")
            : string.Create(CultureInfo.InvariantCulture, $"{value:0.0} {Units[unit]}");
    }

    /// <summary>"1 warning", "3 warnings".</summary>
    public static string Count(int count, string noun) =>
        string.Create(CultureInfo.InvariantCulture, $"{count} {noun}{(count == 1 ? "" : "s")}");

    /// <summary>The address of a release's page.</summary>
    public static string ReleaseHref(string project, string version) =>
        $"releases/{Uri.EscapeDataString(project)}/{Uri.EscapeDataString(version)}";

    /// <summary>A release path in an address: each segment escaped, the slashes kept.</summary>
    /// <summary>
    /// The breadcrumbs of every page of a release, the same on each: Releases / project / version, then the page's own
    /// steps. The last is where the user is, not a link.
    /// </summary>
    public static List<BreadcrumbItem> ReleaseCrumbs(string project, string version, params (string Text, string? Href)[] below)
    {
        List<BreadcrumbItem> items =
        [
            new("Releases", "releases"),
            new(project, $"projects/{Uri.EscapeDataString(project)}"),
            new(version, below.Length == 0 ? null : ReleaseHref(project, version), disabled: below.Length == 0),
        ];
        items.AddRange(below.Select((step, i) => i == below.Length - 1 ? new BreadcrumbItem(step.Text, null, disabled: true) : new BreadcrumbItem(step.Text, step.Href)));
        return items;
    }

    public static string PathHref(string path) => string.Join('/', path.Split('/').Select(Uri.EscapeDataString));

    /// <summary>JSON indented for reading; anything else as it is.</summary>
    public static string PrettyJson(string json)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(json);
            return System.Text.Json.JsonSerializer.Serialize(document.RootElement, Indented);
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }

    private static readonly System.Text.Json.JsonSerializerOptions Indented = new() { WriteIndented = true };

    /// <summary>The phase as it appears in a page address (<c>?phase=vote</c>).</summary>
    public static string Slug(this ReleasePhase phase) => phase.StepName().ToLowerInvariant();

    public static ReleasePhase? PhaseFromSlug(string? slug) =>
        Enum.GetValues<ReleasePhase>().Cast<ReleasePhase?>().FirstOrDefault(p => string.Equals(p!.Value.Slug(), slug, StringComparison.OrdinalIgnoreCase));
}
