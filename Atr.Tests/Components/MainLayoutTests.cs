using Atr.App.Components.Layout;
using Atr.App.Components.Shared;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Atr.Tests.Components;

public sealed class MainLayoutTests : AtrComponentContext
{
    [Fact]
    public void Render_ShowsBrandNavigationBodyAndVersion()
    {
        var layout = Render<MainLayout>(p => p.Add(l => l.Body, (RenderFragment)(b => b.AddMarkupContent(0, "<p id='body'>page</p>"))));

        Assert.Contains("Atr", layout.Find(".atr-brand").TextContent, StringComparison.Ordinal);
        Assert.Equal(["Home", "Committees", "Projects", "Releases", "Tasks"], layout.FindAll("nav[aria-label='Main'] a").Select(a => a.TextContent.Trim()));
        Assert.Equal("page", layout.Find("#body").TextContent);
        Assert.Contains("Atr 0.1.0", layout.Find("footer").TextContent, StringComparison.Ordinal);
        Assert.Equal("true", layout.Find(".mud-layout").GetAttribute("data-interactive"));
    }

    [Theory]
    [InlineData("dark", "Switch to light mode")]
    [InlineData("light", "Switch to dark mode")]
    public void Render_RememberedTheme_IsUsedFromTheFirstRender(string cookie, string toggleLabel)
    {
        var layout = Render<MainLayout>(p => p
            .Add(l => l.Body, (RenderFragment)(_ => { }))
            .AddCascadingValue(ThemePreference.FromCookie(cookie)));

        Assert.Equal(toggleLabel, layout.Find("[data-testid='theme-toggle']").GetAttribute("aria-label"));
    }

    [Fact]
    public void ThemeToggle_RemembersTheChoiceThenSwitches()
    {
        var module = JSInterop.SetupModule("./js/theme.js");
        module.SetupVoid("rememberTheme", "dark").SetVoidResult();
        var layout = Render<MainLayout>(p => p
            .Add(l => l.Body, (RenderFragment)(_ => { }))
            .AddCascadingValue(ThemePreference.FromCookie("light")));

        layout.Find("[data-testid='theme-toggle']").Click();

        layout.WaitForAssertion(() =>
            Assert.Equal("Switch to light mode", layout.Find("[data-testid='theme-toggle']").GetAttribute("aria-label")));
        Assert.Equal("dark", module.VerifyInvoke("rememberTheme").Arguments.Single());
    }
}
