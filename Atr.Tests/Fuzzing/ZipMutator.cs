using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Edits a zip archive as zip: a field of a local header, central directory header, data descriptor, end of central
/// directory or its zip64 forms (sizes, offsets, counts, name, extra and comment lengths, methods, flags, CRCs, the
/// file mode in the external attributes) or of a zip64 extra field set to an edge value; a name overwritten; or the
/// archive written again with one member's name or content changed, so that the change reaches the rules that read
/// members.
/// </summary>
public sealed class ZipMutator : IMutator
{
    /// <summary>Each record's signature and its fields: local header, central directory header, end of central directory, its zip64 form and locator, data descriptor.</summary>
    private static readonly (byte[] Signature, (int Offset, int Width, Field Kind)[] Fields)[] Records =
    [
        ("PK\u0003\u0004"u8.ToArray(),
        [
            (4, 2, Field.Number), (6, 2, Field.Flags), (8, 2, Field.Method), (14, 4, Field.Number), (18, 4, Field.Size), (22, 4, Field.Size),
            (26, 2, Field.Length), (28, 2, Field.Length),
        ]),
        ("PK\u0001\u0002"u8.ToArray(),
        [
            (6, 2, Field.Number), (8, 2, Field.Flags), (10, 2, Field.Method), (16, 4, Field.Number), (20, 4, Field.Size), (24, 4, Field.Size),
            (28, 2, Field.Length), (30, 2, Field.Length), (32, 2, Field.Length), (34, 2, Field.Number), (38, 4, Field.Mode), (42, 4, Field.Offset),
        ]),
        ("PK\u0005\u0006"u8.ToArray(),
        [
            (4, 2, Field.Number), (6, 2, Field.Number), (8, 2, Field.Count), (10, 2, Field.Count), (12, 4, Field.Size), (16, 4, Field.Offset),
            (20, 2, Field.Length),
        ]),
        ("PK\u0006\u0006"u8.ToArray(), [(4, 8, Field.Size), (16, 4, Field.Number), (24, 8, Field.Count), (32, 8, Field.Count), (40, 8, Field.Size), (48, 8, Field.Offset)]),
        ("PK\u0006\u0007"u8.ToArray(), [(4, 4, Field.Number), (8, 8, Field.Offset), (16, 4, Field.Number)]),
        ("PK\u0007\u0008"u8.ToArray(), [(4, 4, Field.Number), (8, 4, Field.Size), (12, 4, Field.Size)]),
    ];

    private static readonly ushort[] Methods = [0, 8, 9, 1, 6, 12, 14, 19, 93, 95, 98, 99, 0xFFFF];

    /// <summary>Unix file types in the high half of the external attributes: link, folder, devices, FIFO, file.</summary>
    private static readonly uint[] Modes = [0xA1FF0000, 0x41ED0000, 0x21B60000, 0x61B60000, 0x11B60000, 0x81A40000, 0];

    private static readonly string[] Names = ["../../evil", "/abs/x", "a\\b", "apache-widget-1.0.0-src/pom.xml", "apache-widget-1.0.0-src/LICENSE", "x/", ""];

    private readonly ByteMutator _bytes = new();

    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        var records = Find(input);
        if (records.Count == 0)
        {
            return null;
        }

        return context.Next(6) switch
        {
            < 3 => Number(input, context.Pick(records), context),
            3 => Name(input, context.Pick(records), context),
            4 => Extra(input, context.Pick(records), context) ?? Number(input, context.Pick(records), context),
            _ => Rewritten(input, context),
        };
    }

    /// <summary>Every record signature in the data, with what it is.</summary>
    private static List<(int At, int Kind)> Find(byte[] input)
    {
        var found = new List<(int, int)>();
        for (var at = 0; at + 4 <= input.Length; at++)
        {
            if (input[at] != (byte)'P' || input[at + 1] != (byte)'K')
            {
                continue;
            }

            for (var kind = 0; kind < Records.Length; kind++)
            {
                if (input.AsSpan(at).StartsWith(Records[kind].Signature))
                {
                    found.Add((at, kind));
                }
            }
        }

        return found;
    }

    private static byte[] Number(byte[] input, (int At, int Kind) record, MutationContext context)
    {
        var (offset, width, kind) = context.Pick(Records[record.Kind].Fields);
        if (record.At + offset + width > input.Length)
        {
            return input;
        }

        var output = (byte[])input.Clone();
        var span = output.AsSpan(record.At + offset, width);
        var current = width switch
        {
            2 => BinaryPrimitives.ReadUInt16LittleEndian(span),
            4 => BinaryPrimitives.ReadUInt32LittleEndian(span),
            _ => BinaryPrimitives.ReadUInt64LittleEndian(span),
        };
        var max = width == 8 ? ulong.MaxValue : (1UL << (8 * width)) - 1;
        var value = kind switch
        {
            Field.Method when !context.OneIn(4) => context.Pick(Methods),
            Field.Flags when !context.OneIn(4) => current ^ (ulong)(1 << context.Pick([0, 3, 11, 6, 13])),
            Field.Mode when !context.OneIn(4) => context.Pick(Modes),
            _ => context.Next(8) switch
            {
                0 => 0UL,
                1 => max,
                2 => max - 1,
                3 => current + (ulong)context.Next(1, 64),
                4 => current - (ulong)context.Next(1, 64),
                5 => (ulong)input.Length,
                6 => (ulong)context.Next(input.Length + 1),
                _ => (ulong)context.Random.NextInt64() & max,
            },
        };
        for (var i = 0; i < width; i++)
        {
            span[i] = (byte)(value >> (8 * i));
        }

        return output;
    }

    /// <summary>A local or central header's name overwritten in place (same length) or by a name of another length, its length field made to match.</summary>
    private static byte[] Name(byte[] input, (int At, int Kind) record, MutationContext context)
    {
        var (lengthAt, nameAt) = record.Kind switch { 0 => (26, 30), 1 => (28, 46), _ => (-1, -1) };
        if (lengthAt < 0 || record.At + nameAt > input.Length)
        {
            return input;
        }

        var length = BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(record.At + lengthAt));
        var start = record.At + nameAt;
        var end = Math.Min(input.Length, start + length);
        var name = Encoding.UTF8.GetBytes(context.Pick(Names));
        if (context.OneIn(2))
        {
            var output = (byte[])input.Clone();
            name.AsSpan(0, Math.Min(name.Length, end - start)).CopyTo(output.AsSpan(start));
            return output;
        }

        byte[] changed = [.. input.AsSpan(0, start), .. name, .. input.AsSpan(end)];
        BinaryPrimitives.WriteUInt16LittleEndian(changed.AsSpan(record.At + lengthAt), (ushort)name.Length);
        return changed;
    }

    /// <summary>A field of an extra field (its id, its length, or a zip64 size or offset in it) set to an edge value.</summary>
    private static byte[]? Extra(byte[] input, (int At, int Kind) record, MutationContext context)
    {
        var (nameLengthAt, extraLengthAt, nameAt) = record.Kind switch { 0 => (26, 28, 30), 1 => (28, 30, 46), _ => (-1, -1, -1) };
        if (nameAt < 0 || record.At + nameAt > input.Length)
        {
            return null;
        }

        var at = record.At + nameAt + BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(record.At + nameLengthAt));
        var end = Math.Min(input.Length, at + BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(record.At + extraLengthAt)));
        var fields = new List<(int At, int Width)>();
        while (at + 4 <= end)
        {
            fields.Add((at, 2));
            fields.Add((at + 2, 2));
            var size = BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(at + 2));
            if (BinaryPrimitives.ReadUInt16LittleEndian(input.AsSpan(at)) == 0x0001)
            {
                for (var value = at + 4; value + 8 <= Math.Min(end, at + 4 + size); value += 8)
                {
                    fields.Add((value, 8));
                }
            }

            at += 4 + size;
        }

        if (fields.Count == 0)
        {
            return null;
        }

        var (fieldAt, width) = context.Pick(fields);
        var output = (byte[])input.Clone();
        var bytes = output.AsSpan(fieldAt, width);
        switch (context.Next(4))
        {
            case 0:
                bytes.Clear();
                break;
            case 1:
                bytes.Fill(0xFF);
                break;
            case 2:
                bytes[0] = (byte)(bytes[0] + context.Next(1, 9));
                break;
            default:
                bytes[context.Next(width)] = (byte)context.Next(256);
                break;
        }

        return output;
    }

    /// <summary>The archive written again by .NET with one member's name or content changed, and the others as they were.</summary>
    private byte[]? Rewritten(byte[] input, MutationContext context)
    {
        var members = new List<(string Name, byte[] Content, int Attributes)>();
        try
        {
            using var archive = new ZipArchive(new MemoryStream(input, writable: false), ZipArchiveMode.Read);
            foreach (var entry in archive.Entries)
            {
                using var content = entry.Open();
                using var copy = new MemoryStream();
                content.CopyTo(copy);
                members.Add((entry.FullName, copy.ToArray(), entry.ExternalAttributes));
            }
        }
        catch (Exception e) when (e is InvalidDataException or IOException or NotSupportedException or ArgumentException)
        {
            return null;
        }

        if (members.Count == 0)
        {
            return null;
        }

        var at = context.Next(members.Count);
        var (name, bytes, attributes) = members[at];
        members[at] = context.OneIn(3)
            ? (context.Pick(Names) is { Length: > 0 } other ? other : $"{name}/", bytes, attributes)
            : (name, context.OneIn(2) ? _bytes.Mutate(bytes, context) : context.Pick(TarMutator.Contents), attributes);
        using var output = new MemoryStream();
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (memberName, content, memberAttributes) in members.Where(m => m.Name.Length > 0))
            {
                var entry = archive.CreateEntry(memberName, context.Pick([CompressionLevel.Optimal, CompressionLevel.NoCompression, CompressionLevel.Fastest]));
                entry.ExternalAttributes = memberAttributes;
                using var stream = entry.Open();
                stream.Write(content);
            }
        }

        return output.ToArray();
    }

    private enum Field
    {
        Number,
        Flags,
        Method,
        Size,
        Length,
        Offset,
        Count,
        Mode,
    }
}
