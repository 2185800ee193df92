using System.Text;
using System.Text.Json;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// Edits a JSON document as JSON, so that it mostly stays a document and the code behind the parser is reached: a
/// value replaced by one of another type, by an edge of its own type or by another value of the document, wrapped in
/// an array or object, or nested past the parser's depth limit.
/// </summary>
public sealed class JsonMutator : IMutator
{
    private static readonly byte[][] Replacements = [.. new[]
    {
        "null", "true", "false", "0", "-1", "1e400", "-0.0", "18446744073709551616", "\"\"", "\" \"", "\"\\ud800\"", "\"\\u0000\"",
        "\"x\"", "{}", "[]", "[null]", "[\"a\",1]", "{\"name\":null}", "{\"name\":\"n\",\"version\":\"1\"}", "\"2026-13-45T99:99:99Z\"",
        "\"CycloneDX\"", "\"apache\"", "\"current\"", "\"attic\"", "\"a,b,,c\"", "\"-\"", "\"ÿ\\u00ff\\n\"",
    }.Select(Encoding.UTF8.GetBytes)];

    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        var values = Values(input);
        if (values.Count == 0)
        {
            return null;
        }

        var (start, end) = context.Pick(values);
        var value = input[start..end];
        byte[] replacement = context.Next(6) switch
        {
            0 or 1 => context.Pick(Replacements),
            2 => context.Pick(values) is var (otherStart, otherEnd) ? input[otherStart..otherEnd] : [],
            3 => context.OneIn(2) ? [(byte)'[', .. value, (byte)',', .. value, (byte)']'] : [.. "{\"name\":"u8, .. value, (byte)'}'],
            4 => Nested(value, context.OneIn(2) ? context.Next(1, 16) : context.Next(250, 300)),
            _ => Encoding.UTF8.GetBytes($"\"{new string('a', context.Next(1, 20_000))}\""),
        };
        return [.. input.AsSpan(0, start), .. replacement, .. input.AsSpan(end)];
    }

    /// <summary>The start and end of every value of a valid document; none when it is not one.</summary>
    private static List<(int Start, int End)> Values(byte[] input)
    {
        var values = new List<(int, int)>();
        var reader = new Utf8JsonReader(input, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = 2048 });
        try
        {
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.PropertyName or JsonTokenType.EndObject or JsonTokenType.EndArray)
                {
                    continue;
                }

                var start = (int)reader.TokenStartIndex;
                if (reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    var copy = reader;
                    copy.Skip();
                    values.Add((start, (int)copy.BytesConsumed));
                }
                else
                {
                    values.Add((start, (int)reader.BytesConsumed));
                }
            }
        }
        catch (JsonException)
        {
            return [];
        }

        return values;
    }

    private static byte[] Nested(byte[] value, int depth) => [.. Enumerable.Repeat((byte)'[', depth), .. value, .. Enumerable.Repeat((byte)']', depth)];
}

/// <summary>
/// Inputs made of several documents joined by a separator byte (a policy's fields, the four metadata documents): one
/// part is mutated by the inner mutator, the others stay as they are.
/// </summary>
public sealed class PartsMutator(byte separator, IMutator inner) : IMutator
{
    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        var parts = Split(input, separator);
        var index = context.Next(parts.Count);
        if (inner.Mutate(parts[index], context) is not { } mutated)
        {
            return null;
        }

        parts[index] = mutated;
        return Join(parts, separator);
    }

    public static List<byte[]> Split(byte[] input, byte separator)
    {
        var parts = new List<byte[]>();
        var start = 0;
        for (var i = 0; i <= input.Length; i++)
        {
            if (i == input.Length || input[i] == separator)
            {
                parts.Add(input[start..i]);
                start = i + 1;
            }
        }

        return parts;
    }

    public static byte[] Join(IEnumerable<byte[]> parts, byte separator)
    {
        using var joined = new MemoryStream();
        var first = true;
        foreach (var part in parts)
        {
            if (!first)
            {
                joined.WriteByte(separator);
            }

            joined.Write(part);
            first = false;
        }

        return joined.ToArray();
    }
}

/// <summary>Edits line-based text line by line: a line deleted, duplicated, swapped with another, or moved.</summary>
public sealed class LineMutator : IMutator
{
    public byte[]? Mutate(byte[] input, MutationContext context)
    {
        var lines = PartsMutator.Split(input, (byte)'\n');
        if (lines.Count < 2)
        {
            return null;
        }

        var at = context.Next(lines.Count);
        var other = context.Next(lines.Count);
        switch (context.Next(4))
        {
            case 0:
                lines.RemoveAt(at);
                break;
            case 1:
                lines.Insert(at, lines[other]);
                break;
            case 2:
                (lines[at], lines[other]) = (lines[other], lines[at]);
                break;
            default:
                var line = lines[at];
                lines.RemoveAt(at);
                lines.Insert(context.Next(lines.Count + 1), line);
                break;
        }

        return PartsMutator.Join(lines, (byte)'\n');
    }
}
