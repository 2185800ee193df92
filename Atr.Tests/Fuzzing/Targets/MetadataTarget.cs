using System.Text;
using Atr.Domain.Committees;
using Atr.Domain.Common;

namespace Atr.Tests.Fuzzing.Targets;

/// <summary>
/// The foundation's four metadata documents (<see cref="MetadataDocuments.Parse"/>; a malformed one is a
/// <see cref="DomainException"/> naming it), one input holding all four, separated by 0x1E: LDAP projects, committee
/// info, projects, podlings. Seeds: the suite's metadata fixtures.
/// </summary>
public sealed class MetadataTarget : FuzzTarget
{
    private const byte Separator = 0x1E;

    private static readonly string[] Documents = ["public_ldap_projects.json", "committee-info.json", "projects.json", "podlings.json"];

    private static readonly ByteMutator Bytes = new("{", "}", "[", "]", "\"", ",", ":", "null", "\"projects\":", "\"committees\":", "\"pmc\":true", "\"podling\":\"current\"");

    public override string Name => "metadata";

    public override IMutator Mutator { get; } = new PartsMutator(Separator, new WeightedMutator(Bytes, (1, Bytes), (3, new JsonMutator())));

    /// <summary>The documents are fetched with at most 64 MiB each; the fixtures are a few KiB.</summary>
    public override FuzzLimits Limits { get; } = new(TimeSpan.FromSeconds(1), 32 << 20, 256 << 10);

    public override FuzzOutcome Run(byte[] input, CancellationToken cancellationToken)
    {
        var parts = PartsMutator.Split(input, Separator).Select(p => Encoding.UTF8.GetString(p)).Concat(Enumerable.Repeat("", Documents.Length)).ToList();
        var documents = new MetadataDocuments(
            new MetadataDocument(Documents[0], parts[0]), new MetadataDocument(Documents[1], parts[1]),
            new MetadataDocument(Documents[2], parts[2]), new MetadataDocument(Documents[3], parts[3]));
        try
        {
            documents.Parse();
        }
        catch (DomainException)
        {
            return FuzzOutcome.DomainError;
        }

        return FuzzOutcome.Result;
    }

    protected override IReadOnlyList<byte[]> LoadSeeds() =>
        [PartsMutator.Join(Documents.Select(d => File.ReadAllBytes(Fixtures.FixtureFiles.PathOf($"Metadata/{d}"))), Separator)];
}
