using System.Text.RegularExpressions;
using Atr.Tests.E2E.Pages;
using Atr.Tests.Fixtures;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Atr.Tests.E2E;

[Collection(nameof(BrowserSuite))]
public sealed partial class ComposeTests(BrowserFixture browser)
{
    [Fact]
    public async Task ReleaseManager_StartsAReleaseUploadsDeletesAndCompares()
    {
        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "rita");
        var shell = new AtrPage(page);

        // Start a release from the project page.
        await shell.OpenAsync("/projects/widget");
        await page.GetByTestId("start-release").ClickAsync();
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Version" }).FillAsync("3.1.0");
        await page.GetByTestId("start-release-confirm").ClickAsync();
        await Expect(page).ToHaveURLAsync(ReleaseAddress());
        await Expect(shell.Heading).ToHaveTextAsync("Apache Widget 3.1.0");

        // Upload three files in one go, with progress shown.
        await page.GetByTestId("upload-files").ClickAsync();
        await shell.WaitForInteractivityAsync();
        var folder = Directory.CreateTempSubdirectory("atr-e2e-upload-").FullName;
        var files = new[]
        {
            WriteFile(folder, "notes.txt", "release notes\nline two\n"),
            WriteFile(folder, "CHANGES", "changes\n"),
            FixtureFiles.PathOf("Archives/apache-widget-1.0.0-src.tar.gz"),
        };
        await page.Locator("input[type=file]").SetInputFilesAsync(files);
        await Expect(page.GetByTestId("upload-items").Locator("tbody tr")).ToHaveCountAsync(3);
        await Expect(page.GetByTestId("overall-progress")).ToBeVisibleAsync();
        await Expect(page.GetByTestId("file-progress")).ToHaveCountAsync(3);
        await page.GetByTestId("start-upload").ClickAsync();

        // The upload made revision 00002 with the three files.
        await Expect(page).ToHaveURLAsync(RevisionAddress("00002"));
        await Expect(page.GetByTestId("file-list").Locator("tbody tr")).ToHaveCountAsync(3);

        // Delete one file: revision 00003.
        await page.GetByRole(AriaRole.Checkbox, new() { Name = "Select notes.txt" }).CheckAsync();
        await page.GetByTestId("delete-selected").ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Delete", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(RevisionAddress("00003"));
        await Expect(page.GetByTestId("file-list").Locator("tbody tr")).ToHaveCountAsync(2);

        // Compare 00002 with 00003: the deleted file, with its text diff.
        await shell.OpenAsync("/releases/widget/3.1.0/compare/00002/00003");
        var change = page.GetByTestId("changes").Locator("tbody tr");
        await Expect(change).ToHaveCountAsync(1);
        await Expect(change).ToContainTextAsync("removed");
        await Expect(change).ToContainTextAsync("notes.txt");
        await Expect(page.GetByTestId("diff-unified")).ToContainTextAsync("release notes");
    }

    [Fact]
    public async Task FileViewer_ShowsMarkupAsTextAndNeverRunsIt()
    {
        var page = await browser.NewPageAsync();
        await AccessTests.SignInAsync(page, "carl");
        var shell = new AtrPage(page);
        await shell.OpenAsync("/releases/widget/2.0.0-M1/upload");
        var folder = Directory.CreateTempSubdirectory("atr-e2e-upload-").FullName;
        await page.Locator("input[type=file]").SetInputFilesAsync(
            WriteFile(folder, "evil.html", "<script>window.atrPwned = true;</script><img src=x onerror=\"window.atrPwned = true\">\n"));
        await page.GetByTestId("start-upload").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/revisions/\\d{5}$"));

        await page.GetByRole(AriaRole.Link, new() { Name = "evil.html", Exact = true }).ClickAsync();

        await Expect(page.GetByTestId("file-text")).ToContainTextAsync("<script>window.atrPwned = true;</script>");
        Assert.Equal("undefined", await page.EvaluateAsync<string>("typeof window.atrPwned"));
        await Expect(page.GetByTestId("file-text").Locator("script, img")).ToHaveCountAsync(0);
    }

    private static string WriteFile(string folder, string name, string content)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static Regex RevisionAddress(string number) => new($"/releases/widget/3\\.1\\.0/revisions/{number}$");

    [GeneratedRegex("/releases/widget/3\\.1\\.0$")]
    private static partial Regex ReleaseAddress();
}
