using Atr.Domain.Checks.Archives;

namespace Atr.Tests.Fuzzing;

/// <summary>
/// The fuzzer's compressors write what decoders read back whole: otherwise a mutated tar would only ever reach the
/// parser as a damaged compression (as a third of the xz inputs once did, with a CRC-64 of the wrong variant).
/// </summary>
[Trait("Category", "Fuzz")]
public sealed class CompressionTests
{
    [Theory]
    [InlineData(ArchiveCompression.Gzip)]
    [InlineData(ArchiveCompression.Bzip2)]
    [InlineData(ArchiveCompression.Xz)]
    [InlineData(ArchiveCompression.Zstd)]
    public void Compress_AnyChoiceTheContextMakes_DecompressesToTheSameBytes(ArchiveCompression compression)
    {
        var random = new Random(17);
        var context = new MutationContext(new Random(23), []);
        for (var trial = 0; trial < 60; trial++)
        {
            var data = new byte[random.Next(1, 150_000)];
            random.NextBytes(data.AsSpan(0, data.Length / 2));

            var compressed = Compression.Compress(data, compression, context);

            Assert.Equal(data, Compression.Decompress(compressed, compression));
        }
    }
}
