using Atr.Domain.Checks.Archives;
using Atr.Domain.Checks.Hashing;
using Atr.Domain.Checks.Paths;
using Atr.Domain.Checks.Sbom;
using Atr.Domain.Checks.Signatures;

namespace Atr.Domain.Checks;

/// <summary>Every check Atr runs, the same for the engine and the offline command.</summary>
public static class CheckCatalog
{
    public static IReadOnlyList<ICheck> All(ArchiveLimits limits) =>
    [
        new HashingCheck(),
        new PathsCheck(),
        new SignatureCheck(),
        new ArchiveCheck(ArchiveFormat.Tar, limits),
        new ArchiveCheck(ArchiveFormat.Zip, limits),
        new SbomCheck(),
    ];
}
