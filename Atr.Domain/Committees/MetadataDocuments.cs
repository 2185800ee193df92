using System.Text.Json;
using System.Text.Json.Serialization;
using Atr.Domain.Common;

namespace Atr.Domain.Committees;

/// <summary>
/// Where the foundation's metadata is read from: each an http(s) URL or a local file path. <see cref="LdapProjects"/> is
/// Whimsy's <c>public_ldap_projects.json</c>, <see cref="CommitteeInfo"/> its <c>committee-info.json</c>,
/// <see cref="Projects"/> and <see cref="Podlings"/> the <c>projects.json</c> and <c>podlings.json</c> of projects.apache.org.
/// </summary>
public sealed record MetadataSources(string? LdapProjects, string? CommitteeInfo, string? Projects, string? Podlings);

/// <summary>The text of one metadata document and where it came from (a URL, a path, or a name), for messages.</summary>
public sealed record MetadataDocument(string Source, string Json);

/// <summary>The four documents an import reads, as read; <see cref="Parse"/> checks them.</summary>
public sealed record MetadataDocuments(MetadataDocument LdapProjects, MetadataDocument CommitteeInfo, MetadataDocument Projects, MetadataDocument Podlings)
{
    /// <summary>Reads all four documents; throws a <see cref="DomainException"/> naming the first that is malformed.</summary>
    internal AsfMetadata Parse() => new(
        Read<LdapProjectsDocument>(LdapProjects, "LDAP projects").Projects
            ?? throw Malformed(LdapProjects, "LDAP projects", "it has no \"projects\" object"),
        Read<CommitteeInfoDocument>(CommitteeInfo, "committee info").Committees
            ?? throw Malformed(CommitteeInfo, "committee info", "it has no \"committees\" object"),
        Read<Dictionary<string, ProjectEntry?>>(Projects, "projects"),
        Read<Dictionary<string, PodlingEntry?>>(Podlings, "podlings"));

    private static T Read<T>(MetadataDocument document, string what)
        where T : class
    {
        try
        {
            return JsonSerializer.Deserialize<T>(document.Json) ?? throw Malformed(document, what, "it is null");
        }
        catch (JsonException e)
        {
            throw Malformed(document, what, e.Message, e);
        }
    }

    private static DomainException Malformed(MetadataDocument document, string what, string reason, Exception? inner = null)
    {
        var message = $"The {what} document from {document.Source} is not usable: {reason}";
        return inner is null ? new DomainException(message) : new DomainException(message, inner);
    }
}

/// <summary>The parts of the four documents the import uses, keyed by committee, project or podling name.</summary>
internal sealed record AsfMetadata(
    IReadOnlyDictionary<string, LdapGroup?> Groups,
    IReadOnlyDictionary<string, CommitteeInfoEntry?> Committees,
    IReadOnlyDictionary<string, ProjectEntry?> Projects,
    IReadOnlyDictionary<string, PodlingEntry?> Podlings);

internal sealed record LdapProjectsDocument([property: JsonPropertyName("projects")] Dictionary<string, LdapGroup?>? Projects);

/// <summary>One LDAP project group: <see cref="Owners"/> are its (P)PMC members, <see cref="Members"/> its committers.</summary>
internal sealed record LdapGroup(
    [property: JsonPropertyName("members")] IReadOnlyList<string>? Members,
    [property: JsonPropertyName("owners")] IReadOnlyList<string>? Owners,
    [property: JsonPropertyName("pmc")] bool? Pmc,
    [property: JsonPropertyName("podling")] string? Podling);

internal sealed record CommitteeInfoDocument([property: JsonPropertyName("committees")] Dictionary<string, CommitteeInfoEntry?>? Committees);

internal sealed record CommitteeInfoEntry(
    [property: JsonPropertyName("display_name")] string? DisplayName,
    [property: JsonPropertyName("pmc")] bool? Pmc);

/// <summary>A project of projects.apache.org; <see cref="Pmc"/> is its committee, or "attic" once retired.</summary>
internal sealed record ProjectEntry(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("pmc")] string? Pmc,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("category"), JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string>? Category,
    [property: JsonPropertyName("programming-language"), JsonConverter(typeof(StringOrListConverter))] IReadOnlyList<string>? ProgrammingLanguages);

internal sealed record PodlingEntry(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("description")] string? Description);

/// <summary>
/// projects.apache.org gives a list either as a comma-separated string or as an array of strings. A bare
/// <see cref="JsonException"/> lets the serializer name the path and line of anything else.
/// </summary>
internal sealed class StringOrListConverter : JsonConverter<IReadOnlyList<string>>
{
    public override IReadOnlyList<string>? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new JsonException();
        }

        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String)
            {
                throw new JsonException();
            }

            values.AddRange(reader.GetString()!.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries));
        }

        return values;
    }

    public override void Write(Utf8JsonWriter writer, IReadOnlyList<string> value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value, options);
}
