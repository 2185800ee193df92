using System.Text.RegularExpressions;
using Atr.Domain.Tasks;

namespace Atr.Domain.Checks.Paths;

/// <summary>
/// Judges every file name of a revision (reference §3.11): artifacts need a signature and a SHA-256 or SHA-512 file,
/// podling artifacts say "incubating", metadata files need their artifact and a current hash algorithm, KEYS and
/// dot-files do not belong in a release, the top level holds only artifacts and the usual documents, and an
/// artifact whose name carries a version carries the release's. Each error is a failure row, each warning a warning
/// row, and a file with neither gets one success row.
/// </summary>
public sealed partial class PathsCheck : ICheck
{
    private static readonly string[] ArtifactSuffixes =
    [
        ".jar.pack.gz", ".tar.bz2", ".tar.gz", ".tar.xz", ".bin", ".crate", ".deb", ".dmg", ".exe", ".far", ".gem", ".jar", ".msi",
        ".nar", ".nbm", ".snupkg", ".nupkg", ".pkg", ".pom", ".rar", ".rpm", ".sh", ".slingosgifeature", ".taco", ".tar", ".tgz",
        ".vsix", ".war", ".whl", ".zip",
    ];

    private static readonly string[] MetadataSuffixes =
    [
        ".asc.asc", ".asc.md5", ".asc.sha1", ".asc.sha256", ".asc.sha512", ".cdx.json", ".cdx.xml", ".sha512.asc", ".sha512.md5",
        ".sha512.sha1", ".sha512.sha512", ".asc", ".MD5", ".md5", ".mds", ".prov", ".sh1", ".sha1", ".sha256", ".SHA256", ".SHA512",
        ".sha512sum", ".sha512", ".sha", ".sig",
    ];

    private static readonly HashSet<string> KnownMetadata = [".asc", ".cdx.json", ".sha256", ".sha512", ".md5", ".sha", ".sha1"];

    private static readonly HashSet<string> TopLevelDocuments = ["CHANGES", "LICENSE", "NOTICE", "README"];

    public string Key => "paths";

    public string Version => "2";

    public TaskType TaskType => TaskType.PathsCheck;

    public bool RevisionWide => true;

    public bool ReadsCommitteeKeys => false;

    public bool AppliesTo(string path) => false;

    public string DescribeInputs(CheckSubject subject) =>
        $"podling={subject.IsPodling}\nversion={subject.Version}\n{string.Join('\n', subject.Files.Files.Select(f => f.Path))}";

    public Task RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var paths = run.Subject.Files.Files.Select(f => f.Path).ToHashSet(StringComparer.Ordinal);
        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            var (errors, warnings) = Judge(path, paths, run.Subject.IsPodling, run.Subject.Version);
            foreach (var error in errors)
            {
                run.Failure(error, new { rule = "error" }, primaryPath: path);
            }

            foreach (var warning in warnings)
            {
                run.Warning(warning, new { rule = "warning" }, primaryPath: path);
            }

            if (errors.Count + warnings.Count == 0)
            {
                run.Success("The path follows the naming rules", primaryPath: path);
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The errors and warnings for one path, given all paths of the revision and the release's version.</summary>
    internal static (List<string> Errors, List<string> Warnings) Judge(string path, IReadOnlySet<string> paths, bool podling, string version)
    {
        var errors = new List<string>();
        var warnings = new List<string>();
        var name = Storage.ReleasePath.FileName(path);
        var segments = path.Split('/');

        if (name == "KEYS")
        {
            errors.Add("A KEYS file does not belong in a release: add the keys in the Keys section instead");
        }

        if (segments.Select((segment, index) => (segment, index)).Any(s => s.segment.StartsWith('.') && !(s.index == 0 && s.segment == ".atr")))
        {
            errors.Add("Dotfiles are forbidden");
        }

        var classified = Classify(name);
        if (classified is { Metadata: null, Artifact: { } artifactSuffix })
        {
            if (!paths.Contains(path + ".asc"))
            {
                errors.Add($"The artifact has no signature ({name}.asc)");
            }

            if (!paths.Contains(path + ".sha256") && !paths.Contains(path + ".sha512"))
            {
                errors.Add($"The artifact has no checksum ({name}.sha512 or {name}.sha256)");
            }

            if (podling && !name.Contains("incubating", StringComparison.Ordinal))
            {
                errors.Add($"A podling's artifact name must contain \"incubating\" ({artifactSuffix} artifact)");
            }

            if (OtherVersion(name[..^artifactSuffix.Length], version) is { } other)
            {
                warnings.Add($"The artifact's name carries version {other}, not the release's {version}: is it from another release?");
            }
        }
        else if (classified is { Metadata: { } metadata })
        {
            switch (metadata)
            {
                case ".md5":
                case ".MD5":
                    errors.Add("MD5 checksums are not allowed: provide SHA-512 (or SHA-256)");
                    break;
                case ".sha1":
                    warnings.Add("SHA-1 checksums are deprecated: provide SHA-512 (or SHA-256)");
                    break;
                case ".sha":
                    warnings.Add("A .sha checksum does not say its algorithm: use .sha512 (or .sha256)");
                    break;
                case ".sig":
                    errors.Add("Binary .sig signatures are not allowed: provide an ASCII-armoured .asc signature");
                    break;
                default:
                    if (!KnownMetadata.Contains(metadata))
                    {
                        warnings.Add($"Unusual metadata file type {metadata}");
                    }

                    break;
            }

            var artifact = path[..^metadata.Length];
            if (!paths.Contains(artifact))
            {
                errors.Add($"The artifact {Storage.ReleasePath.FileName(artifact)} this file belongs to is missing");
            }
        }
        else if (segments.Length == 1 && !TopLevelDocuments.Contains(name))
        {
            warnings.Add("Unknown top level file: only artifacts, their signatures and checksums, CHANGES, LICENSE, NOTICE and README belong here");
        }

        return (errors, warnings);
    }

    /// <summary>
    /// The first version number (digits with dots: 3.0.0, 1.11) in an artifact's name without its suffix, when the
    /// name does not carry the release's version; null when it does, or carries none, or the version is not a number.
    /// </summary>
    private static string? OtherVersion(string stem, string version) =>
        version.Any(char.IsAsciiDigit) && !stem.Contains(version, StringComparison.Ordinal) && VersionNumber().Match(stem) is { Success: true } match
            ? match.Value
            : null;

    [GeneratedRegex(@"(?<![0-9.])[0-9]+(?:\.[0-9]+)+", RegexOptions.CultureInvariant)]
    private static partial Regex VersionNumber();

    /// <summary>The artifact suffix of a name, and its metadata suffix when the name is an artifact's metadata file.</summary>
    internal static (string? Artifact, string? Metadata) Classify(string name)
    {
        foreach (var metadata in MetadataSuffixes)
        {
            if (name.EndsWith(metadata, StringComparison.Ordinal)
                && ArtifactSuffixes.FirstOrDefault(a => name[..^metadata.Length].EndsWith(a, StringComparison.Ordinal)) is { } artifact)
            {
                return (artifact, metadata);
            }
        }

        return (ArtifactSuffixes.FirstOrDefault(a => name.EndsWith(a, StringComparison.Ordinal)), null);
    }
}
