using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Playwright;

namespace Atr.Bench;

/// <summary>
/// How long a finished check takes to show in a browser. A release page is open in Debian's Chromium, where a
/// MutationObserver notes when each file's hashing chip turns passed or failed (Date.now()); a script uploads
/// N artifacts with their .sha512 files. Latency per task: the chip's time minus the task's Completed time, which
/// the runner sets just before the commit that records it. Both clocks are this machine's.
/// </summary>
public static class LiveLatency
{
    private const string Observer = """
        () => {
            window.atrSeen = {};
            const note = () => {
                for (const chip of document.querySelectorAll('[data-checker="hashing"]')) {
                    const state = chip.getAttribute('data-state');
                    const file = chip.closest('tr').getAttribute('data-file');
                    if ((state === 'passed' || state === 'failed') && !(file in window.atrSeen)) {
                        window.atrSeen[file] = Date.now();
                    }
                }
            };
            new MutationObserver(note).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-state'] });
        }
        """;

    public static async Task<int> RunAsync(Uri app, string stateDirectory, string token, int tasks)
    {
        var version = $"7.{DateTime.UtcNow:HHmmss}.0";
        using var api = new HttpClient { BaseAddress = app };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.PostAsJsonAsync("api/v1/projects/widget/releases", new { version })).EnsureSuccessStatusCode();

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { BaseURL = app.ToString() });
        await page.GotoAsync("dev/signin");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in as carl", Exact = true }).ClickAsync();
        await page.WaitForURLAsync(app.ToString());
        await page.GotoAsync($"releases/widget/{version}");
        await page.Locator(".mud-layout[data-interactive='true']").WaitForAsync();
        await page.GetByTestId("check-progress-text").Filter(new() { HasText = "No checks for revision 00001" }).WaitForAsync();
        await page.EvaluateAsync(Observer);

        using var form = new MultipartFormDataContent();
        for (var i = 0; i < tasks; i++)
        {
            var artifact = $"apache-widget-{version}-part{i:D4}.tar.gz";
            var content = RandomNumberGenerator.GetBytes(1024);
            var hash = i % 2 == 0 ? Convert.ToHexStringLower(SHA512.HashData(content)) : new string('0', 128);
            form.Add(new ByteArrayContent(content), "file", artifact);
            form.Add(new StringContent($"{hash}  {artifact}"), "file", artifact + ".sha512");
        }

        (await api.PostAsync($"api/v1/projects/widget/releases/{version}/files", form)).EnsureSuccessStatusCode();
        await page.WaitForFunctionAsync($"() => Object.keys(window.atrSeen).length >= {tasks}", null, new() { Timeout = 120_000 });
        var seen = JsonSerializer.Deserialize<Dictionary<string, double>>(await page.EvaluateAsync<string>("() => JSON.stringify(window.atrSeen)"))!;

        var completed = new Dictionary<string, DateTime>();
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(stateDirectory, "atr.db")};Mode=ReadOnly"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT PrimaryRelPath, Completed FROM Task WHERE VersionName = $version AND TaskType = 'HashingCheck'";
            command.Parameters.AddWithValue("$version", version);
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                completed[reader.GetString(0)] = DateTime.SpecifyKind(DateTime.Parse(reader.GetString(1), CultureInfo.InvariantCulture), DateTimeKind.Utc);
            }
        }

        var latencies = seen
            .Select(s => s.Value - new DateTimeOffset(completed[s.Key]).ToUnixTimeMilliseconds())
            .Order()
            .ToList();
        double Percentile(double p) => latencies[Math.Min(latencies.Count - 1, (int)Math.Ceiling(p * latencies.Count) - 1)];
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{latencies.Count} tasks, commit -> DOM: p50 {Percentile(0.50):0} ms, p95 {Percentile(0.95):0} ms, max {latencies[^1]:0} ms"));
        return 0;
    }
}
