using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Atr.Domain.Tasks;

namespace Atr.Domain.Checks.Hashing;

/// <summary>
/// Verifies a <c>.sha256</c> or <c>.sha512</c> file against the artifact it belongs to (its path without the
/// extension). The artifact's hashes were computed when it was stored, so no artifact byte is read. Accepted forms:
/// <c>HASH  name</c>, <c>HASH *name</c>, a bare <c>HASH</c>, BSD <c>SHA512 (name) = HASH</c>, and the wrapped,
/// grouped upper-case form of <c>gpg --print-md</c> (<c>name: 3D2F 4A1B …</c>). When the file names a file, it must
/// name the artifact.
/// </summary>
public sealed partial class HashingCheck : ICheck
{
    /// <summary>Larger than any checksum file: anything bigger is not one.</summary>
    public const int MaxChecksumFileBytes = 64 * 1024;

    public string Key => "hashing";

    public string Version => "1";

    public TaskType TaskType => TaskType.HashingCheck;

    public bool RevisionWide => false;

    public bool ReadsCommitteeKeys => false;

    public bool AppliesTo(string path) =>
        path.EndsWith(".sha256", StringComparison.Ordinal) || path.EndsWith(".sha512", StringComparison.Ordinal);

    public string DescribeInputs(CheckSubject subject)
    {
        var artifact = ArtifactPath(subject.PrimaryPath!);
        return $"{subject.PrimaryFile.Sha256}\n{artifact}\n{subject.Files.Find(artifact)?.Sha256 ?? "missing"}";
    }

    public async Task RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var checksumFile = run.Subject.PrimaryFile;
        var sha512 = checksumFile.Path.EndsWith(".sha512", StringComparison.Ordinal);
        var algorithm = sha512 ? "SHA-512" : "SHA-256";
        var artifactPath = ArtifactPath(checksumFile.Path);
        var artifactName = Storage.ReleasePath.FileName(artifactPath);
        var artifact = run.Subject.Files.Find(artifactPath);
        if (artifact is null)
        {
            run.Failure($"There is no {artifactPath} for this checksum file", new { algorithm, artifact = artifactPath });
            return;
        }

        if (checksumFile.Size > MaxChecksumFileBytes)
        {
            run.Failure($"The file is {checksumFile.Size} bytes: too large to be a checksum file", new { algorithm, size = checksumFile.Size });
            return;
        }

        string text;
        await using (var content = await run.OpenAsync(checksumFile, cancellationToken))
        using (var reader = new StreamReader(content, new UTF8Encoding(false, throwOnInvalidBytes: false)))
        {
            text = await reader.ReadToEndAsync(cancellationToken);
        }

        var computed = sha512 ? artifact.Sha512 : artifact.Sha256;
        switch (Read(text, sha512 ? 128 : 64, artifactName))
        {
            case Parsed.NoHash:
                run.Failure($"No {algorithm} hash found in the file", new { algorithm, artifact = artifactPath });
                break;
            case Parsed.Ambiguous:
                run.Failure($"The file holds several {algorithm} hashes and names none of them", new { algorithm, artifact = artifactPath });
                break;
            case Parsed.OtherName(var named):
                run.Failure($"The checksum file names {named}, not {artifactName}", new { algorithm, artifact = artifactPath, named });
                break;
            case Parsed.Hash(var expected):
                var data = new { algorithm, artifact = artifactPath, expected, computed };
                if (CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(computed)))
                {
                    run.Success($"{algorithm} matches {artifactName}", data);
                }
                else
                {
                    run.Failure($"{algorithm} mismatch for {artifactName}: the file says {expected[..16]}…, the content is {computed[..16]}…", data);
                }

                break;
        }
    }

    /// <summary>The artifact a checksum file belongs to: its path without the last extension.</summary>
    public static string ArtifactPath(string checksumPath) => checksumPath[..checksumPath.LastIndexOf('.')];

    /// <summary>Finds the hash for <paramref name="artifactName"/> in a checksum file's text.</summary>
    internal static Parsed Read(string text, int hexLength, string artifactName)
    {
        var candidates = new List<(string? Name, string Hash)>();
        var trimmed = text.Trim().TrimStart('\uFEFF');

        var wrapped = Wrapped().Match(trimmed);
        if (wrapped.Success)
        {
            var hex = Whitespace().Replace(wrapped.Groups["hex"].Value, "");
            if (hex.Length == hexLength)
            {
                candidates.Add((wrapped.Groups["name"].Value.Trim(), hex.ToLowerInvariant()));
            }
        }
        else
        {
            foreach (var line in trimmed.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0))
            {
                if (Bsd().Match(line) is { Success: true } bsd && bsd.Groups["hex"].Length == hexLength)
                {
                    candidates.Add((bsd.Groups["name"].Value, bsd.Groups["hex"].Value.ToLowerInvariant()));
                }
                else if (Gnu().Match(line) is { Success: true } gnu && gnu.Groups["hex"].Length == hexLength)
                {
                    var name = gnu.Groups["name"].Value;
                    candidates.Add((name.Length == 0 ? null : name, gnu.Groups["hex"].Value.ToLowerInvariant()));
                }
            }
        }

        if (candidates.Count == 0)
        {
            return new Parsed.NoHash();
        }

        if (candidates.FirstOrDefault(c => c.Name is { } name && Storage.ReleasePath.FileName(name.Replace('\\', '/')) == artifactName) is { Hash: not null } named)
        {
            return new Parsed.Hash(named.Hash);
        }

        var unnamed = candidates.Where(c => c.Name is null).ToList();
        if (unnamed.Count == 1)
        {
            return new Parsed.Hash(unnamed[0].Hash);
        }

        return candidates.FirstOrDefault(c => c.Name is not null).Name is { } other ? new Parsed.OtherName(other) : new Parsed.Ambiguous();
    }

    internal abstract record Parsed
    {
        public sealed record Hash(string Value) : Parsed;

        public sealed record NoHash : Parsed;

        public sealed record OtherName(string Name) : Parsed;

        public sealed record Ambiguous : Parsed;
    }

    [GeneratedRegex(@"^(?:SHA|SHA2-)(?:256|512)\s*\((?<name>.+)\)\s*=\s*(?<hex>[0-9A-Fa-f]+)$")]
    private static partial Regex Bsd();

    [GeneratedRegex(@"^(?<hex>[0-9A-Fa-f]+)(?:\s+\*?(?<name>.*?))?$")]
    private static partial Regex Gnu();

    [GeneratedRegex(@"^(?<name>[^\s:][^:\n]*?):\s*(?<hex>[0-9A-Fa-f][0-9A-Fa-f\s]*)$", RegexOptions.Singleline)]
    private static partial Regex Wrapped();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
