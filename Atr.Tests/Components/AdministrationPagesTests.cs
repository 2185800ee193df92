using Atr.App.Components.Pages.Committees;
using Atr.App.Components.Pages.Projects;
using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Atr.Tests.Components;

public sealed class AdministrationPagesTests : AtrComponentContext
{
    protected override bool SeedDemoData => true;

    [Fact]
    public async Task AMember_AddsAProject_AfterBeingToldWhatIsWrongWithTheName()
    {
        SignIn("mike");
        var page = Render<ProjectEditPage>(p => p.Add(x => x.Committee, "widget"));
        page.WaitForAssertion(() => Assert.Equal("widget-", page.Find("[data-testid='project-name']").GetAttribute("value")));

        page.Find("[data-testid='project-name']").Change("widget-tools");
        page.Find("[data-testid='project-full-name']").Change("Widget Tools");
        page.Find("[data-testid='save-project']").Click();

        page.WaitForAssertion(() => Assert.Contains("see the 1 field marked below", page.Find("[data-testid='project-errors']").TextContent, StringComparison.Ordinal));
        Assert.Contains("begins with \"Apache\"", page.Markup, StringComparison.Ordinal);

        page.Find("[data-testid='project-full-name']").Change("Apache Widget Tools");
        page.Find("[data-testid='save-project']").Click();

        page.WaitForAssertion(() => Assert.EndsWith("/projects/widget-tools", Services.GetRequiredService<NavigationManager>().Uri, StringComparison.Ordinal));
        await using var db = await Database.ContextAsync();
        Assert.Equal("Apache Widget Tools", (await db.Projects.SingleAsync(p => p.Name == "widget-tools", Fixtures.TestDatabase.CancellationToken)).FullName);
    }

    [Fact]
    public void ACommitter_IsToldWhoAddsProjects()
    {
        SignIn("carl");

        var page = Render<ProjectEditPage>(p => p.Add(x => x.Committee, "widget"));

        page.WaitForAssertion(() => Assert.Equal("Projects of widget are added by the members of widget.", page.Find("[data-testid='project-refused']").TextContent.Trim()));
        Assert.Empty(page.FindAll("[data-testid='save-project']"));
    }

    [Fact]
    public void AnAdministrator_IsToldWhyANewCommitteeCannotBeSaved()
    {
        SignIn("alice");
        var page = Render<CommitteeEditPage>();
        page.WaitForAssertion(() => page.Find("[data-testid='committee-name']"));

        page.Find("[data-testid='committee-name']").Change("Sprocket");
        page.Find("[data-testid='committee-members']").Change("sam\nSue Smith");
        page.Find("[data-testid='save-committee']").Click();

        page.WaitForAssertion(() => Assert.Contains("see the 2 fields marked below", page.Find("[data-testid='committee-errors']").TextContent, StringComparison.Ordinal));
        Assert.Contains("'Sprocket' is not a committee name", page.Markup, StringComparison.Ordinal);
        Assert.Contains("Not a user id: 'Sue', 'Smith'", page.Markup, StringComparison.Ordinal);
    }

    [Fact]
    public void AMember_IsToldThatAdministratorsEditCommittees()
    {
        SignIn("mike");

        var page = Render<CommitteeEditPage>(p => p.Add(x => x.Name, "widget"));

        page.WaitForAssertion(() => Assert.Equal("Committees are created and edited by administrators.", page.Find("[data-testid='committee-refused']").TextContent.Trim()));
    }
}
