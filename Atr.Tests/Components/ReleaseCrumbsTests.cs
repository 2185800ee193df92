using Atr.App.Components.Shared;

namespace Atr.Tests.Components;

/// <summary>Every page of a release starts its breadcrumbs the same way, and only the last step is not a link.</summary>
public sealed class ReleaseCrumbsTests
{
    [Fact]
    public void APageBelowTheRelease_LinksTheReleasesTheProjectAndTheRelease_AndEndsOnItself()
    {
        var crumbs = Display.ReleaseCrumbs("widget", "1.2.0", ("Revision 00002", "releases/widget/1.2.0/revisions/00002"), ("x.tar.gz", null));

        Assert.Equal(
            [("Releases", "releases", false), ("widget", "projects/widget", false), ("1.2.0", "releases/widget/1.2.0", false),
                ("Revision 00002", "releases/widget/1.2.0/revisions/00002", false), ("x.tar.gz", null, true)],
            crumbs.Select(c => (c.Text, c.Href, c.Disabled)));
    }

    [Fact]
    public void TheReleasePage_EndsOnTheVersion()
    {
        var crumbs = Display.ReleaseCrumbs("gizmo", "0.3.0-incubating");

        Assert.Equal([("Releases", false), ("gizmo", false), ("0.3.0-incubating", true)], crumbs.Select(c => (c.Text, c.Disabled)));
    }
}
