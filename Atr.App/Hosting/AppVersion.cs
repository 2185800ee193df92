using System.Reflection;

namespace Atr.App.Hosting;

public static class AppVersion
{
    /// <summary>The product version (without the build metadata the SDK appends).</summary>
    public static string Current { get; } =
        typeof(AppVersion).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion.Split('+')[0]
        ?? "unknown";
}
