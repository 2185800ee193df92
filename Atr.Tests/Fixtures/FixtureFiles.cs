namespace Atr.Tests.Fixtures;

/// <summary>Files made by real tools and checked in beside the script that made them.</summary>
public static class FixtureFiles
{
    public static string PathOf(string relative) => Path.Combine(Repository.Root, "Atr.Tests", "Fixtures", relative);
}
