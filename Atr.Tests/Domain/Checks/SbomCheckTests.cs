using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Atr.Domain.Checks;
using Atr.Domain.Checks.Sbom;
using Atr.Domain.Keys;
using Atr.Domain.Projects;
using Atr.Domain.Revisions;

namespace Atr.Tests.Domain.Checks;

/// <summary>The NTIA minimum elements in CycloneDX JSON.</summary>
public sealed class SbomCheckTests
{
    private const string Path = "apache-widget-1.0.0.cdx.json";

    [Fact]
    public async Task CompleteSbom_Succeeds()
    {
        var finding = Assert.Single(await RunAsync(Complete().ToJsonString()));

        Assert.Equal(CheckResultStatus.Success, finding.Status);
        Assert.Equal("CycloneDX 1.5 SBOM with the NTIA minimum elements (3 components)", finding.Message);
    }

    public static TheoryData<string, string, CheckResultStatus, string> Defects() => new()
    {
        { "no metadata", "$.metadata", CheckResultStatus.Failure, "NTIA minimum elements: no metadata" },
        { "no supplier", "$.metadata.supplier", CheckResultStatus.Failure, "NTIA minimum elements: no supplier in the metadata" },
        { "no timestamp", "$.metadata.timestamp", CheckResultStatus.Failure, "NTIA minimum elements: no valid timestamp in the metadata" },
        { "no authors", "$.metadata.authors", CheckResultStatus.Failure, "NTIA minimum elements: no author in the metadata" },
        { "no described component", "$.metadata.component", CheckResultStatus.Failure, "NTIA minimum elements: no component in the metadata (what the SBOM describes)" },
        { "component without a version", "$.components[0].version", CheckResultStatus.Failure, "NTIA minimum elements: 1 component without a version (pkg:maven/org.slf4j/slf4j-api@2.0.9)" },
        { "nested component without a supplier", "$.components[1].components[0].supplier", CheckResultStatus.Failure, "NTIA minimum elements: 1 component without a supplier (inner)" },
        { "component without purl", "$.components[0].purl", CheckResultStatus.Warning, "NTIA minimum elements: 1 component without a purl, cpe or swid (pkg:maven/org.slf4j/slf4j-api@2.0.9)" },
        { "no dependencies", "$.dependencies", CheckResultStatus.Warning, "NTIA minimum elements: no dependencies: how the components relate is not recorded" },
    };

    [Theory]
    [MemberData(nameof(Defects))]
    public async Task MissingElement_IsReportedWithItsSeverity(string why, string remove, CheckResultStatus status, string message)
    {
        var findings = await RunAsync(Without(Complete(), remove).ToJsonString());

        var finding = Assert.Single(findings, f => f.Status != CheckResultStatus.Success);
        Assert.True(finding.Status == status, why);
        Assert.Equal(message, finding.Message);
    }

    [Theory]
    [InlineData("{ \"bomFormat\": \"SPDX\" }", "The file is not a CycloneDX SBOM")]
    [InlineData("{ not json", "The file is not JSON")]
    public async Task NotCycloneDxJson_FailsSayingSo(string content, string message)
    {
        var finding = Assert.Single(await RunAsync(content));

        Assert.Equal(CheckResultStatus.Failure, finding.Status);
        Assert.StartsWith(message, finding.Message, StringComparison.Ordinal);
    }

    public static TheoryData<string, byte[]> NotText() => new()
    {
        { "an unpaired surrogate escape", "\"\\ud800x\""u8.ToArray() },
        { "invalid UTF-8", [(byte)'"', 0xFF, (byte)'"'] },
    };

    [Theory]
    [MemberData(nameof(NotText))]
    public async Task StringThatIsNotText_FailsAsNotJson(string why, byte[] name)
    {
        var json = Encoding.UTF8.GetBytes(Complete().ToJsonString());
        var at = json.AsSpan().IndexOf("\"slf4j-api\""u8);

        var finding = Assert.Single(await RunAsync([.. json.AsSpan(0, at), .. name, .. json.AsSpan(at + "\"slf4j-api\"".Length)]));

        Assert.True(finding.Status == CheckResultStatus.Failure, why);
        Assert.StartsWith("The file is not JSON: the \"name\" value is not valid text", finding.Message, StringComparison.Ordinal);
    }

    private static JsonNode Complete() => JsonNode.Parse("""
        {
          "bomFormat": "CycloneDX",
          "specVersion": "1.5",
          "metadata": {
            "timestamp": "2026-11-01T10:00:00Z",
            "authors": [ { "name": "Rita Reyes" } ],
            "supplier": { "name": "The Apache Software Foundation" },
            "component": { "name": "apache-widget", "version": "1.0.0", "purl": "pkg:maven/org.apache.widget/widget@1.0.0" }
          },
          "components": [
            { "bom-ref": "pkg:maven/org.slf4j/slf4j-api@2.0.9", "name": "slf4j-api", "version": "2.0.9",
              "supplier": { "name": "QOS.ch" }, "purl": "pkg:maven/org.slf4j/slf4j-api@2.0.9" },
            { "bom-ref": "outer", "name": "outer", "version": "1", "supplier": { "name": "ASF" }, "cpe": "cpe:2.3:a:apache:outer:1:*:*:*:*:*:*:*",
              "components": [ { "bom-ref": "inner", "name": "inner", "version": "1", "supplier": { "name": "ASF" }, "purl": "pkg:generic/inner@1" } ] }
          ],
          "dependencies": [ { "ref": "outer", "dependsOn": [ "inner" ] } ]
        }
        """)!;

    /// <summary>The document without the property at a simple path (<c>$.a.b[0].c</c>).</summary>
    private static JsonNode Without(JsonNode document, string path)
    {
        var steps = path[2..].Replace("[", ".[", StringComparison.Ordinal).Split('.');
        var parent = document;
        foreach (var step in steps[..^1])
        {
            parent = step.StartsWith('[') ? parent[int.Parse(step[1..^1], System.Globalization.CultureInfo.InvariantCulture)]! : parent[step]!;
        }

        parent.AsObject().Remove(steps[^1]);
        return document;
    }

    private static Task<IReadOnlyList<CheckFinding>> RunAsync(string content) => RunAsync(Encoding.UTF8.GetBytes(content));

    private static async Task<IReadOnlyList<CheckFinding>> RunAsync(byte[] bytes)
    {
        var entry = new ManifestEntry(Path, bytes.Length, Convert.ToHexStringLower(SHA256.HashData(bytes)), Convert.ToHexStringLower(SHA512.HashData(bytes)));
        var subject = new CheckSubject("widget", "1.0.0", "00002", "widget", false, EffectiveReleasePolicy.Of(null, "widget"),
            new Manifest([entry]), Path, CommitteeKeys.None(DateTime.UtcNow));
        var check = new SbomCheck();
        Assert.True(check.AppliesTo(Path));
        var run = new CheckRun(check, subject, (_, _) => Task.FromResult<Stream>(new MemoryStream(bytes)));
        await check.RunAsync(run, TestContext.Current.CancellationToken);
        return run.Findings;
    }
}
