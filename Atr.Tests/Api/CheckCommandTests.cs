using System.Security.Cryptography;
using System.Text.Json;
using Atr.Domain.Checks.Licenses;
using Atr.Domain.Demo;
using Atr.Tests.Domain.Checks.Archives;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Api;

/// <summary>
/// The offline <c>check</c> command, as <c>Atr.App check</c> (a process) and as <c>atr check</c> (the client, in
/// process): the server's checks on a folder, its exit codes and its JSON.
/// </summary>
public sealed class CheckCommandTests : IDisposable
{
    private const string Archive = "apache-widget-1.0.0-src.tar.gz";

    private readonly string _folder = Directory.CreateTempSubdirectory("atr-check-").FullName;
    private readonly string _keys = Path.Combine(Path.GetTempPath(), $"atr-check-KEYS-{Guid.NewGuid():N}");

    public void Dispose()
    {
        Directory.Delete(_folder, recursive: true);
        File.Delete(_keys);
    }

    public static TheoryData<string> Commands => ["Atr.App", "atr"];

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task CompliantRelease_ExitsZero_WithTheResultsAsJsonAlone(string command)
    {
        WriteRelease();

        var outcome = await RunAsync(command, "check", _folder, "--keys", _keys, "--project", "widget", "--version", "1.0.0", "--json");

        Assert.True(outcome.ExitCode == 0, outcome.Output + outcome.Errors);
        var results = JsonDocument.Parse(outcome.Output).RootElement.GetProperty("results").EnumerateArray()
            .Select(r => (Checker: r.GetProperty("checker").GetString()!, Path: r.GetProperty("primaryRelPath").GetString(),
                Status: r.GetProperty("status").GetString()!))
            .ToList();
        Assert.All(results, r => Assert.Equal("success", r.Status));
        Assert.Equal(
            ["hashing", "license.files", "license.headers", "paths", "signature", "targz.integrity", "targz.structure"],
            results.Select(r => r.Checker).Distinct().Order(StringComparer.Ordinal));
        Assert.Contains(("signature", $"{Archive}.asc", "success"), results);
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task TamperedArtifact_ExitsOne_AndTheTableNamesTheFailures(string command)
    {
        WriteRelease();
        var bytes = await File.ReadAllBytesAsync(Path.Combine(_folder, Archive), TestContext.Current.CancellationToken);
        bytes[^3] ^= 0x01;
        await File.WriteAllBytesAsync(Path.Combine(_folder, Archive), bytes, TestContext.Current.CancellationToken);

        var outcome = await RunAsync(command, "check", _folder, "--keys", _keys);

        Assert.Equal(1, outcome.ExitCode);
        Assert.StartsWith("STATUS ", outcome.Output, StringComparison.Ordinal);
        Assert.Matches(@"failure\s+signature\s+apache-widget-1\.0\.0-src\.tar\.gz\.asc\s+Bad signature", outcome.Output);
        Assert.Matches(@"failure\s+hashing\s+apache-widget-1\.0\.0-src\.tar\.gz\.sha512\s+SHA-512 mismatch", outcome.Output);
        Assert.Matches(@"\d+ passed, \d+ warnings?, \d+ failures, 0 exceptions, 0 skipped \(\d+ results\)", outcome.Output);
    }

    [Theory]
    [InlineData("Atr.App", "no keys")]
    [InlineData("Atr.App", "no such folder")]
    [InlineData("Atr.App", "unknown option")]
    [InlineData("atr", "no keys")]
    [InlineData("atr", "no such folder")]
    [InlineData("atr", "unknown option")]
    [InlineData("atr", "no folder")]
    public async Task BadArguments_ExitTwo_WithTheUsage(string command, string why)
    {
        WriteRelease();
        string[] args = why switch
        {
            "no keys" => ["check", _folder],
            "no such folder" => ["check", Path.Combine(_folder, "missing"), "--keys", _keys],
            "no folder" => ["check", "--keys", _keys],
            _ => ["check", _folder, "--keys", _keys, "--fast"],
        };

        var outcome = await RunAsync(command, args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Equal("", outcome.Output);
        Assert.NotEqual("", outcome.Errors.Trim());
    }

    [Fact]
    public async Task TheClientsVersion_IsTheProducts()
    {
        var outcome = await RunAsync("atr", "--version");

        Assert.Equal(0, outcome.ExitCode);
        Assert.StartsWith(typeof(Atr.Domain.Checks.OfflineCheck).Assembly.GetName().Version!.ToString(3), outcome.Output, StringComparison.Ordinal);
    }

    private async Task<AppCommand.Outcome> RunAsync(string command, params string[] args)
    {
        if (command == "Atr.App")
        {
            return await AppCommand.RunAsync(_folder, args);
        }

        using var output = new StringWriter();
        using var errors = new StringWriter();
        var exitCode = await Atr.Cli.AtrCommand.RunAsync(args, output, errors, TestContext.Current.CancellationToken);
        return new AppCommand.Outcome(exitCode, output.ToString(), errors.ToString());
    }

    /// <summary>A compliant source release, signed with a fresh key that the KEYS file holds, with its SHA-512.</summary>
    private void WriteRelease()
    {
        const string Root = "apache-widget-1.0.0-src";
        var archive = HostileArchives.TarGz(
            new Entry($"{Root}/LICENSE", LicenseTexts.ApacheLicense),
            new Entry($"{Root}/NOTICE", "Apache Widget\nCopyright 2026 The Apache Software Foundation\n\nThis product includes software developed at\nThe Apache Software Foundation (https://www.apache.org/).\n"),
            new Entry($"{Root}/src/Main.java", DemoTexts.SourceHeader + "package org.apache.widget;\n"));
        var keys = new DemoKeys([new DemoUser("rita", "Rita Reyes", "release manager")], DateTime.UtcNow.AddDays(-1));
        File.WriteAllBytes(Path.Combine(_folder, Archive), archive);
        File.WriteAllBytes(Path.Combine(_folder, $"{Archive}.asc"), keys.Sign("rita", archive, DateTime.UtcNow.AddMinutes(-1)));
        File.WriteAllText(Path.Combine(_folder, $"{Archive}.sha512"), $"{Convert.ToHexStringLower(SHA512.HashData(archive))}  {Archive}\n");
        File.WriteAllText(_keys, keys.Armor("rita"));
    }
}
