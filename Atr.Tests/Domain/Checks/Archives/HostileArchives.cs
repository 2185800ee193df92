using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace Atr.Tests.Domain.Checks.Archives;

/// <summary>One member of an archive made in code: hostile names, links, devices, the things real tools refuse to make.</summary>
public sealed record Entry(string Name, string Content = "", TarEntryType Type = TarEntryType.RegularFile, string? Link = null);

/// <summary>Writes tar.gz and zip archives member by member, exactly as told.</summary>
public static class HostileArchives
{
    public static byte[] TarGz(params Entry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            if (entries.Length == 0)
            {
                // An empty tar is its end-of-archive marker alone; TarWriter writes nothing at all.
                gzip.Write(new byte[1024]);
            }

            foreach (var entry in entries)
            {
                var member = new PaxTarEntry(entry.Type, entry.Name);
                if (entry.Link is not null)
                {
                    member.LinkName = entry.Link;
                }

                if (entry.Type == TarEntryType.RegularFile)
                {
                    member.DataStream = new MemoryStream(Encoding.UTF8.GetBytes(entry.Content));
                }

                tar.WriteEntry(member);
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A zip; a symbolic link is marked in the Unix mode of the external attributes, its target as content.</summary>
    public static byte[] Zip(params Entry[] entries)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                var member = zip.CreateEntry(entry.Name);
                if (entry.Type == TarEntryType.SymbolicLink)
                {
                    member.ExternalAttributes = unchecked((int)0xA1FF0000);
                }

                using var content = member.Open();
                content.Write(Encoding.UTF8.GetBytes(entry.Link ?? entry.Content));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A gzip of <paramref name="bytes"/> zero bytes in one tar member: compresses about 1000:1.</summary>
    public static byte[] Bomb(long bytes)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            tar.WriteEntry(new PaxTarEntry(TarEntryType.RegularFile, "bomb/zeros") { DataStream = new ZeroStream(bytes) });
        }

        return buffer.ToArray();
    }

    private sealed class ZeroStream(long length) : Stream
    {
        private long _position;

        public override bool CanRead => true;

        public override bool CanSeek => true;

        public override bool CanWrite => false;

        public override long Length => length;

        public override long Position
        {
            get => _position;
            set => _position = value;
        }

        public override int Read(byte[] buffer, int offset, int count)
        {
            var read = (int)Math.Min(count, length - _position);
            Array.Clear(buffer, offset, read);
            _position += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => _position = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => _position + offset,
            _ => length + offset,
        };

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
