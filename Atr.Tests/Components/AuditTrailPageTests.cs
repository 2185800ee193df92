using Atr.App.Components.Pages.Admin;
using Atr.Domain.Releases;
using Atr.Tests.Fixtures;
using Bunit;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Components;

public sealed class AuditTrailPageTests : AtrComponentContext
{
    protected override bool SeedDemoData => true;

    [Fact]
    public async Task Admin_SeesTheEventsNewestFirst()
    {
        var carl = await Database.Get<Atr.Domain.Access.UserDirectory>().ResolveAsync("carl", TestDatabase.CancellationToken);
        await Database.Services.GetRequiredService<ReleaseService>().StartAsync(carl, "widget", "3.0.0", TestDatabase.CancellationToken);
        SignIn("alice");

        var page = Render<AuditTrail>();

        page.WaitForAssertion(() => Assert.NotEmpty(page.FindAll("[data-testid='audit-grid'] tbody tr.mud-table-row")));
        var first = page.FindAll("[data-testid='audit-grid'] tbody tr.mud-table-row")[0];
        Assert.Contains("release.start", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("carl", first.TextContent, StringComparison.Ordinal);
        Assert.Contains("widget 3.0.0", first.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, "To read the audit trail you must sign in as an administrator")]
    [InlineData("mike", "To read the audit trail you must be an administrator; mike is not")]
    public void Others_AreToldWhoMayReadIt(string? userId, string message)
    {
        if (userId is not null)
        {
            SignIn(userId);
        }

        var page = Render<AuditTrail>();

        page.WaitForAssertion(() => Assert.Equal(message, page.Find("[data-testid='denied']").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid='audit-grid']"));
    }
}
