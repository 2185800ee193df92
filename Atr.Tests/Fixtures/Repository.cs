namespace Atr.Tests.Fixtures;

/// <summary>Paths inside the checked-out repository, found from the test assembly's location.</summary>
public static class Repository
{
    public static string Root { get; } = FindRoot();

    /// <summary>The build configuration the tests were built with (Debug or Release).</summary>
    public static string Configuration { get; } = new DirectoryInfo(Path.TrimEndingDirectorySeparator(AppContext.BaseDirectory)).Parent!.Name;

    /// <summary>Atr.App's build output, built together with the tests (the test project references it).</summary>
    public static string AppOutput => Path.Combine(Root, "Atr.App", "bin", Configuration, "net10.0");

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Atr.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No Atr.sln above {AppContext.BaseDirectory}");
    }
}
