using System.Globalization;
using System.IO.Compression;
using System.Text;
using Atr.Domain.Checks.Archives;
using Atr.Domain.Revisions;

namespace Atr.Domain.Storage;

public enum ContentKind
{
    Text,
    Binary,
    Archive,
}

/// <summary>One entry of an archive: its path inside, its size, and whether it is a directory or a link.</summary>
public sealed record ArchiveMember(string Path, long Size, string Type);

/// <summary>What the file viewer shows of a file: text, or a hex dump of the start, and for archives their members.</summary>
public sealed record ContentView(
    ManifestEntry File,
    ContentKind Kind,
    string? Text,
    string? HexDump,
    IReadOnlyList<ArchiveMember> Members,
    bool MembersTruncated,
    string? Problem);

/// <summary>
/// Looks into stored content for the viewer. Text up to 1 MiB is returned as text (the page shows it as text, never
/// as markup); anything else gets a hex dump of its first 4 KiB; archives the checks read (tar in any compression,
/// zip) also list their members (the first 10,000), through the checks' reader, without extracting anything.
/// </summary>
public sealed class ContentInspector(ArtifactStore store)
{
    public const int MaxTextBytes = 1 << 20;
    public const int HexBytes = 4096;
    public const int MaxMembers = 10_000;

    public async Task<ContentView> InspectAsync(ManifestEntry file, CancellationToken cancellationToken)
    {
        var head = new byte[(int)Math.Min(file.Size, MaxTextBytes)];
        await using (var stream = store.OpenRead(file.Sha256))
        {
            await stream.ReadExactlyAsync(head, cancellationToken);
        }

        if (IsArchive(file.Path))
        {
            var (members, truncated, problem) = await ListMembersAsync(file, cancellationToken);
            return new ContentView(file, ContentKind.Archive, null, HexDump(head), members, truncated, problem);
        }

        return file.Size <= MaxTextBytes && DecodeText(head) is { } text
            ? new ContentView(file, ContentKind.Text, text, null, [], false, null)
            : new ContentView(file, ContentKind.Binary, null, HexDump(head), [], false,
                file.Size > MaxTextBytes ? "The file is larger than 1 MiB; only its start is shown" : null);
    }

    /// <summary>The text of a file for a diff, or null when it is not text or larger than 1 MiB.</summary>
    public async Task<string?> ReadTextAsync(ManifestEntry file, CancellationToken cancellationToken)
    {
        if (file.Size > MaxTextBytes || IsArchive(file.Path))
        {
            return null;
        }

        var bytes = new byte[file.Size];
        await using var stream = store.OpenRead(file.Sha256);
        await stream.ReadExactlyAsync(bytes, cancellationToken);
        return DecodeText(bytes);
    }

    public static bool IsArchive(string path) => ArchiveKind.Of(path) is not null;

    /// <summary>UTF-8 text without NUL characters, or null.</summary>
    private static string? DecodeText(byte[] bytes)
    {
        if (bytes.AsSpan().Contains((byte)0))
        {
            return null;
        }

        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }

    private static string HexDump(byte[] head)
    {
        var length = Math.Min(head.Length, HexBytes);
        var dump = new StringBuilder();
        for (var offset = 0; offset < length; offset += 16)
        {
            var line = head.AsSpan(offset, Math.Min(16, length - offset));
            dump.Append(offset.ToString("x8", CultureInfo.InvariantCulture)).Append("  ");
            for (var i = 0; i < 16; i++)
            {
                dump.Append(i < line.Length ? line[i].ToString("x2", CultureInfo.InvariantCulture) + " " : "   ");
                if (i == 7)
                {
                    dump.Append(' ');
                }
            }

            dump.Append(" |");
            foreach (var b in line)
            {
                dump.Append(b is >= 0x20 and < 0x7f ? (char)b : '.');
            }

            dump.Append("|\n");
        }

        return dump.ToString();
    }

    private async Task<(IReadOnlyList<ArchiveMember>, bool, string?)> ListMembersAsync(ManifestEntry file, CancellationToken cancellationToken)
    {
        var members = new List<ArchiveMember>();
        var truncated = false;
        try
        {
            await using var stream = store.OpenRead(file.Sha256);
            if (ArchiveKind.Of(file.Path) == ArchiveKind.Zip)
            {
                // A zip lists its members in its central directory: nothing needs decompressing to show them.
                await using var zip = await ZipArchive.CreateAsync(stream, ZipArchiveMode.Read, leaveOpen: false, entryNameEncoding: null, cancellationToken);
                members.AddRange(zip.Entries.Take(MaxMembers).Select(e => new ArchiveMember(e.FullName, e.Length, e.FullName.EndsWith('/') ? "directory" : "file")));
                return (members, zip.Entries.Count > MaxMembers, null);
            }

            await ArchiveReader.ReadAsync(stream, ArchiveKind.Of(file.Path)!, new ArchiveLimits(), _ => 0, (member, _) =>
            {
                truncated = members.Count == MaxMembers;
                if (!truncated)
                {
                    members.Add(new ArchiveMember(member.Name, member.Size, member.Kind switch
                    {
                        ArchiveMemberKind.Directory => "directory",
                        ArchiveMemberKind.SymbolicLink => $"link to {member.LinkTarget}",
                        ArchiveMemberKind.HardLink => $"hard link to {member.LinkTarget}",
                        ArchiveMemberKind.File => "file",
                        var other => other.ToString().ToLowerInvariant(),
                    }));
                }

                return !truncated;
            }, cancellationToken);
            return (members, truncated, null);
        }
        catch (Exception e) when (e is ArchiveException or InvalidDataException or IOException)
        {
            return (members, false, $"The archive cannot be read: {e.Message}");
        }
    }
}
