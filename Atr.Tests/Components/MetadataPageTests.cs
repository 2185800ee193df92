using Atr.App.Components.Pages.Admin;
using Atr.Domain.Access;
using Atr.Domain.Committees;
using Atr.Tests.Fixtures;
using Bunit;

namespace Atr.Tests.Components;

public sealed class MetadataPageTests : AtrComponentContext
{
    protected override bool SeedDemoData => true;

    [Fact]
    public async Task AnAdministrator_SeesTheLastImport_AndWhyAnImportCannotRunWithoutSources()
    {
        var importer = Database.Get<MetadataImporter>();
        var sources = new MetadataSources(Fixture("public_ldap_projects.json"), Fixture("committee-info.json"), Fixture("projects.json"), Fixture("podlings.json"));
        await importer.ImportAsync(Actor.System, sources, TestDatabase.CancellationToken);
        SignIn("alice");

        var page = Render<MetadataPage>();
        page.WaitForAssertion(() => Assert.Contains("by system", page.Find("[data-testid='import-counts']").TextContent, StringComparison.Ordinal));
        Assert.Contains("committee other", page.Find("[data-testid='removals']").TextContent, StringComparison.Ordinal);
        Assert.Contains("not set", page.Find("[data-testid='sources']").TextContent, StringComparison.Ordinal);

        page.Find("[data-testid='import-now']").Click();

        page.WaitForAssertion(() => Assert.Equal("No source is set for the LDAP projects document (Atr:Metadata:LdapProjects)",
            page.Find("[data-testid='import-error']").TextContent.Trim()));
    }

    [Fact]
    public void AMember_IsToldWhoReadsIt()
    {
        SignIn("mike");

        var page = Render<MetadataPage>();

        page.WaitForAssertion(() => Assert.Equal("To read the metadata imports you must be an administrator; mike is not", page.Find("[data-testid='denied']").TextContent.Trim()));
    }

    private static string Fixture(string name) => FixtureFiles.PathOf(Path.Combine("Metadata", name));
}
