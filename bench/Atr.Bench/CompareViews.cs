using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.Playwright;

namespace Atr.Bench;

/// <summary>
/// Concurrent compare views of a large text change, in Debian's Chromium: two unrelated 32,000-line files of 992,000
/// bytes (under the viewer's 1 MiB text limit) are uploaded as two revisions, then N pages open the compare view at once. Per view: from navigation to
/// the diff table shown by the interactive page. For the app process: resident memory before, at its peak while the
/// views are open, and after the pages are closed (their circuits end).
/// </summary>
public static class CompareViews
{
    public static async Task<int> RunAsync(Uri app, string token, int appProcessId, int views)
    {
        var version = $"8.{DateTime.UtcNow:HHmmss}.0";
        using var api = new HttpClient { BaseAddress = app, Timeout = TimeSpan.FromMinutes(5) };
        api.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        (await api.PostAsJsonAsync("api/v1/projects/widget/releases", new { version })).EnsureSuccessStatusCode();
        var random = new Random(20);
        foreach (var side in new[] { "old", "new" })
        {
            var text = string.Concat(Enumerable.Range(0, 32_000).Select(i => $"{side} line {i:D5} {random.Next():D10} {random.Next(10_000):D4}\n"));
            (await api.PutAsync($"api/v1/projects/widget/releases/{version}/files/notes.txt", new StringContent(text))).EnsureSuccessStatusCode();
        }

        var address = $"releases/widget/{version}/compare/00002/00003";
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { BaseURL = app.ToString() });
        var signIn = await context.NewPageAsync();
        await signIn.GotoAsync("dev/signin");
        await signIn.GetByRole(AriaRole.Button, new() { Name = "Sign in as carl", Exact = true }).ClickAsync();
        await signIn.WaitForURLAsync(app.ToString());

        // One view first, closed again: what the first one costs (code loaded, caches filled) is not the views' cost.
        await OpenAsync(context, address);
        await signIn.CloseAsync();
        foreach (var page in context.Pages.ToList())
        {
            await page.CloseAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(3));
        var before = ResidentMiB(appProcessId);
        var peak = before;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                peak = Math.Max(peak, ResidentMiB(appProcessId));
                await Task.Delay(50);
            }
        });
        var times = await Task.WhenAll(Enumerable.Range(0, views).Select(_ => OpenAsync(context, address)));
        await Task.Delay(TimeSpan.FromSeconds(2));
        var open = ResidentMiB(appProcessId);
        foreach (var page in context.Pages.ToList())
        {
            await page.CloseAsync();
        }

        await Task.Delay(TimeSpan.FromSeconds(10));
        await sampling.CancelAsync();
        await sampler;
        var after = ResidentMiB(appProcessId);

        var sorted = times.Order().ToList();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{views} concurrent compare views of two unrelated 32,000-line files ({version}):"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  per view: median {sorted[sorted.Count / 2]:F0} ms, slowest {sorted[^1]:F0} ms"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"  app resident memory: {before:F0} MiB before, {peak:F0} MiB at peak (+{peak - before:F0}), {open:F0} MiB with the views open, {after:F0} MiB 10 s after they closed"));
        return 0;
    }

    /// <summary>Opens the view in a new page; returns the milliseconds until its diff is shown by the interactive page.</summary>
    private static async Task<double> OpenAsync(IBrowserContext context, string address)
    {
        var page = await context.NewPageAsync();
        var watch = Stopwatch.StartNew();
        await page.GotoAsync(address, new() { Timeout = 180_000 });
        await page.Locator(".mud-layout[data-interactive='true']").WaitForAsync(new() { Timeout = 180_000 });
        await page.Locator("[data-testid='diff-unified'], [data-testid='diff-side-by-side']").First.WaitForAsync(new() { Timeout = 180_000 });
        return watch.Elapsed.TotalMilliseconds;
    }

    private static double ResidentMiB(int processId) =>
        File.ReadLines($"/proc/{processId}/status").First(line => line.StartsWith("VmRSS:", StringComparison.Ordinal))
            .Split(' ', StringSplitOptions.RemoveEmptyEntries)[1] is var kib ? double.Parse(kib, CultureInfo.InvariantCulture) / 1024 : 0;
}
