namespace Atr.Domain.Checks.Archives;

/// <summary>How the archive's members are laid out.</summary>
public enum ArchiveFormat
{
    Tar,
    Zip,
}

/// <summary>The compression around a tar archive.</summary>
public enum ArchiveCompression
{
    None,
    Gzip,
    Bzip2,
    Xz,
    Zstd,
}

/// <summary>
/// An archive format Atr reads, as its file name says: the layout, the compression, and the prefix of its result
/// rows (<c>targz.integrity</c>, <c>tarxz.structure</c>, <c>zip.integrity</c>).
/// </summary>
public sealed record ArchiveKind(ArchiveFormat Format, ArchiveCompression Compression, string Prefix, IReadOnlyList<string> Extensions)
{
    public static readonly ArchiveKind TarGz = new(ArchiveFormat.Tar, ArchiveCompression.Gzip, "targz", [".tar.gz", ".tgz"]);
    public static readonly ArchiveKind TarBz2 = new(ArchiveFormat.Tar, ArchiveCompression.Bzip2, "tarbz2", [".tar.bz2", ".tbz2", ".tbz"]);
    public static readonly ArchiveKind TarXz = new(ArchiveFormat.Tar, ArchiveCompression.Xz, "tarxz", [".tar.xz", ".txz"]);
    public static readonly ArchiveKind TarZst = new(ArchiveFormat.Tar, ArchiveCompression.Zstd, "tarzst", [".tar.zst", ".tzst"]);
    public static readonly ArchiveKind Tar = new(ArchiveFormat.Tar, ArchiveCompression.None, "tar", [".tar"]);
    public static readonly ArchiveKind Zip = new(ArchiveFormat.Zip, ArchiveCompression.None, "zip", [".zip"]);

    /// <summary>Every kind Atr reads.</summary>
    public static readonly IReadOnlyList<ArchiveKind> All = [TarGz, TarBz2, TarXz, TarZst, Tar, Zip];

    /// <summary>Archive formats releases use that Atr does not read, by extension, with their names.</summary>
    private static readonly (string Extension, string Name)[] Unread =
    [
        (".7z", "7-Zip"), (".rar", "RAR"), (".tar.lz", "lzip-compressed tar"), (".tar.lzma", "LZMA-compressed tar"),
        (".tlz", "LZMA-compressed tar"), (".tar.lz4", "LZ4-compressed tar"), (".tar.z", "compress (.Z) tar"), (".taz", "compress (.Z) tar"),
        (".tar.br", "Brotli-compressed tar"), (".cpio", "cpio"), (".cpio.gz", "compressed cpio"), (".ar", "ar"),
    ];

    /// <summary>The kind a path's extension names, if Atr reads it.</summary>
    public static ArchiveKind? Of(string path) =>
        All.FirstOrDefault(kind => kind.Extensions.Any(e => path.EndsWith(e, StringComparison.OrdinalIgnoreCase)));

    /// <summary>The name of an archive format a path's extension names that Atr does not read, or null.</summary>
    public static string? UnreadFormat(string path) =>
        Of(path) is null ? Unread.FirstOrDefault(u => path.EndsWith(u.Extension, StringComparison.OrdinalIgnoreCase)).Name : null;

    /// <summary>The name without its archive extension.</summary>
    public string Strip(string name) =>
        Extensions.FirstOrDefault(e => name.EndsWith(e, StringComparison.OrdinalIgnoreCase)) is { } extension ? name[..^extension.Length] : name;

    /// <summary>"tar.gz", "zip": the kind as people name it.</summary>
    public string Name => Extensions[0][1..];
}
