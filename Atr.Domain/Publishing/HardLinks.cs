using System.Runtime.InteropServices;

namespace Atr.Domain.Publishing;

/// <summary>
/// Places a stored file at a second path without copying its bytes: a hard link where the system has them (Linux,
/// macOS), a copy elsewhere or across file systems.
/// </summary>
internal static partial class HardLinks
{
    public static void LinkOrCopy(string existing, string target)
    {
        if (!OperatingSystem.IsWindows() && Link(existing, target) == 0)
        {
            return;
        }

        File.Copy(existing, target);
    }

    [LibraryImport("libc", EntryPoint = "link", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int Link(string existing, string target);
}
