using Atr.App.Components.Pages.Admin;
using Atr.Domain.Access;
using Atr.Domain.Storage;
using Atr.Tests.Fixtures;
using Bunit;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Components;

public sealed class DashboardTests : AtrComponentContext
{
    protected override bool SeedDemoData => true;

    [Fact]
    public async Task AnAdministrator_SeesTheFigures_AndAnAlertOnceAStoredFileIsMissing()
    {
        SignIn("alice");
        var page = Render<Dashboard>();
        page.WaitForAssertion(() => page.Find("[data-testid='phase-Release']"));

        await using (var db = await Database.ContextAsync())
        {
            var published = await db.Releases.CountAsync(r => r.Phase == Atr.Domain.Releases.ReleasePhase.Release, TestDatabase.CancellationToken);
            Assert.StartsWith(published.ToString(System.Globalization.CultureInfo.InvariantCulture), page.Find("[data-testid='phase-Release']").TextContent.Trim(), StringComparison.Ordinal);
            Assert.NotEmpty(page.FindAll("[data-testid='tasks-chart'] svg"));
            var chart = page.Find("[data-testid='tasks-chart']").InnerHtml;
            Assert.Contains("#c62828", chart, StringComparison.OrdinalIgnoreCase);
            Assert.Empty(page.FindAll("[data-testid='storage-alert']"));

            var sha256 = await db.RevisionFiles.Select(f => f.Sha256).FirstAsync(TestDatabase.CancellationToken);
            Database.Get<ArtifactStore>().Delete(sha256);
        }

        var report = await Database.Get<StorageConsistency>().CheckAsync(Actor.System, TestDatabase.CancellationToken);
        await Live.PublishAsync(new StorageChecked(report));

        page.WaitForAssertion(() => Assert.Contains("1 file missing", page.Find("[data-testid='storage-alert']").TextContent, StringComparison.Ordinal));
        Assert.Contains("1 missing, 0 corrupt", page.Find("[data-testid='storage-report']").TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void AMember_IsToldTheDashboardIsForAdministrators()
    {
        SignIn("mike");

        var page = Render<Dashboard>();

        page.WaitForAssertion(() => Assert.Equal("To read the dashboard you must be an administrator; mike is not", page.Find("[data-testid='denied']").TextContent.Trim()));
    }
}
