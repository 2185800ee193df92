using Atr.Domain.Common;

namespace Atr.Domain.Revisions;

/// <summary>One file of a revision's manifest: its path in the release and the hashes of its content.</summary>
public sealed class RevisionFile : IDescribedEntity
{
    public const int PathMaxLength = 1024;
    public const int Sha256Length = 64;
    public const int Sha512Length = 128;

    private RevisionFile()
    {
    }

    public RevisionFile(string path, long size, string sha256, string sha512)
    {
        if (size < 0)
        {
            throw new DomainException($"The size of {path} cannot be negative");
        }

        Path = path;
        Size = size;
        Sha256 = RequireHex(sha256, Sha256Length, "SHA-256");
        Sha512 = RequireHex(sha512, Sha512Length, "SHA-512");
    }

    public int Id { get; private set; }

    public string RevisionName { get; private set; } = null!;

    /// <summary>Relative, '/'-separated path inside the release.</summary>
    public string Path { get; private set; } = null!;

    public long Size { get; private set; }

    /// <summary>Lowercase hex SHA-256 of the content; also the blob's address in the artifact store.</summary>
    public string Sha256 { get; private set; } = null!;

    public string Sha512 { get; private set; } = null!;

    public string Describe() => $"file {Path} of revision {RevisionName}";

    private static string RequireHex(string value, int length, string algorithm)
    {
        if (value.Length != length || !value.All(char.IsAsciiHexDigitLower))
        {
            throw new DomainException($"A {algorithm} digest must be {length} lowercase hex digits");
        }

        return value;
    }
}
