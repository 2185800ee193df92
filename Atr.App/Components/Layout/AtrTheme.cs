using MudBlazor;

namespace Atr.App.Components.Layout;

/// <summary>Atr's colours and type: the system font stack (no web fonts), a deep blue and a teal accent.</summary>
public static class AtrTheme
{
    private static readonly string[] SystemFonts =
        ["system-ui", "-apple-system", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#27468f",
            Secondary = "#00796b",
            AppbarBackground = "#1c2f5e",
            Background = "#f6f7fb",
            DrawerBackground = "#ffffff",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#8fb0ff",
            Secondary = "#4db6ac",
            AppbarBackground = "#151b2c",
            Background = "#10131c",
            Surface = "#1a1f2e",
            DrawerBackground = "#151b2c",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = SystemFonts },
        },
        LayoutProperties = new LayoutProperties { DrawerWidthLeft = "220px" },
    };
}
