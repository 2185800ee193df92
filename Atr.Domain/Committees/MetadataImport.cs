using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Projects;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Committees;

/// <summary>
/// What an import did. <see cref="Removals"/> are committees and projects the database has and the sources lack
/// ("committee oldpmc", "project oldpmc-tools"), left as they are for an administrator to confirm; <see cref="Skipped"/>
/// names each entry of the sources that was not taken, and why.
/// </summary>
public sealed record MetadataImportResult(
    int CommitteesAdded,
    int CommitteesUpdated,
    int CommitteesUnchanged,
    int ProjectsAdded,
    int ProjectsUpdated,
    int ProjectsUnchanged,
    IReadOnlyList<string> Removals,
    IReadOnlyList<string> Skipped);

/// <summary>An import of the foundation's metadata has been committed.</summary>
public sealed record MetadataImported(MetadataImportResult Result) : DomainEvent;

/// <summary>The newest import, and the removals it reported that still await an administrator.</summary>
public sealed record MetadataImportReport(DateTime Occurred, string Actor, MetadataImportResult Result, IReadOnlyList<string> PendingRemovals);

/// <summary>
/// Imports committees, their people, projects and podlings from the foundation's public metadata (administrators), as
/// the original did: a committee-info PMC or a current LDAP podling is a committee, LDAP owners are its members and LDAP
/// members its committers, and its release managers stay as they are. It adds and updates, in one audited transaction,
/// and never deletes. An entry it cannot take (a name that is not a label, an invalid user id) is skipped and reported.
/// </summary>
public sealed class MetadataImporter(IDbContextFactory<AtrDbContext> factory, TimeProvider time, IDomainEventPublisher events) : IDisposable
{
    public const string AuditAction = "metadata.import";

    private const string ImportAction = "import committee metadata";


    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(60),
        MaxResponseContentBufferSize = 64 << 20,
        DefaultRequestHeaders = { { "User-Agent", "Atr (trusted releases)" }, { "Accept", "application/json" } },
    };

    public void Dispose() => _http.Dispose();

    /// <summary>Reads the four documents from their URLs or files; a missing or unreachable one is a <see cref="DomainException"/> naming it.</summary>
    internal async Task<MetadataDocuments> ReadAsync(MetadataSources sources, CancellationToken cancellationToken) => new(
        await ReadAsync(sources.LdapProjects, nameof(sources.LdapProjects), "LDAP projects", cancellationToken),
        await ReadAsync(sources.CommitteeInfo, nameof(sources.CommitteeInfo), "committee info", cancellationToken),
        await ReadAsync(sources.Projects, nameof(sources.Projects), "projects", cancellationToken),
        await ReadAsync(sources.Podlings, nameof(sources.Podlings), "podlings", cancellationToken));

    /// <summary>Reads the sources and imports them; access is checked before anything is fetched.</summary>
    public async Task<MetadataImportResult> ImportAsync(Actor actor, MetadataSources sources, CancellationToken cancellationToken)
    {
        actor.RequireAdmin(ImportAction);
        return await ImportAsync(actor, await ReadAsync(sources, cancellationToken), cancellationToken);
    }

    /// <summary>Imports the documents; a malformed one is a <see cref="DomainException"/> naming it, and nothing is written.</summary>
    public async Task<MetadataImportResult> ImportAsync(Actor actor, MetadataDocuments documents, CancellationToken cancellationToken)
    {
        actor.RequireAdmin(ImportAction);
        var metadata = documents.Parse();
        var now = time.GetUtcNow().UtcDateTime;
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var run = new ImportRun(
            db,
            metadata,
            await db.Committees.ToDictionaryAsync(c => c.Name, StringComparer.Ordinal, cancellationToken),
            await db.Projects.ToDictionaryAsync(p => p.Name, StringComparer.Ordinal, cancellationToken),
            now,
            actor.UserId);
        await run.CommitteesAsync(cancellationToken);
        run.Projects();
        var result = run.Result();
        db.Audit(actor, now, AuditAction, "Metadata", "asf", null, after: result);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        events.Publish(new MetadataImported(result));
        return result;
    }

    /// <summary>
    /// The newest import (administrators), its removals narrowed to the committees and projects that still exist: the
    /// ones an administrator has not yet confirmed by deleting them. Null when nothing was ever imported.
    /// </summary>
    public async Task<MetadataImportReport?> LatestAsync(Actor actor, CancellationToken cancellationToken)
    {
        actor.RequireAdmin("read the metadata imports");
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        if (await db.LatestAsync<MetadataImportResult>(AuditAction, cancellationToken) is not { } latest)
        {
            return null;
        }

        var committees = (await db.Committees.Select(c => c.Name).ToListAsync(cancellationToken)).Select(n => $"committee {n}");
        var projects = (await db.Projects.Select(p => p.Name).ToListAsync(cancellationToken)).Select(n => $"project {n}");
        var existing = committees.Concat(projects).ToHashSet(StringComparer.Ordinal);
        return new MetadataImportReport(latest.Occurred, latest.Actor, latest.Value, [.. latest.Value.Removals.Where(existing.Contains)]);
    }

    private async Task<MetadataDocument> ReadAsync(string? source, string setting, string what, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(source))
        {
            throw new DomainException($"No source is set for the {what} document (Atr:Metadata:{setting})");
        }

        if (Uri.TryCreate(source, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            return uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps
                ? new MetadataDocument(source, await FetchAsync(uri, what, cancellationToken))
                : throw new DomainException($"The {what} source {source} is neither an http(s) URL nor a file path");
        }

        try
        {
            return new MetadataDocument(source, await File.ReadAllTextAsync(source, cancellationToken));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new DomainException($"The {what} document could not be read from {source}: {e.Message}", e);
        }
    }

    private async Task<string> FetchAsync(Uri uri, string what, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(uri, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new DomainException($"The {what} document could not be fetched: {uri} answered {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            return await response.Content.ReadAsStringAsync(cancellationToken);
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            throw new DomainException($"The {what} document could not be fetched from {uri}: {e.Message}", e);
        }
    }

    /// <summary>One import's unit of work: the tracked committees and projects by name, what changed, and what was skipped.</summary>
    private sealed class ImportRun(
        AtrDbContext db,
        AsfMetadata metadata,
        Dictionary<string, Committee> committees,
        Dictionary<string, Project> projects,
        DateTime now,
        string? actor)
    {
        private const string Incubator = "incubator";
        private const string CurrentPodling = "current";
        private const string Attic = "attic";
        private const string RetiredCategory = "retired";

        private readonly Dictionary<string, Committee> _imported = new(StringComparer.Ordinal);
        private readonly HashSet<string> _importedProjects = new(StringComparer.Ordinal);
        private readonly List<string> _skipped = [];
        private int _committeesAdded;
        private int _committeesUpdated;
        private int _committeesUnchanged;
        private int _projectsAdded;
        private int _projectsUpdated;
        private int _projectsUnchanged;

        /// <summary>The PMCs of committee info first, then the current podlings of LDAP, which need the incubator.</summary>
        public async Task CommitteesAsync(CancellationToken cancellationToken)
        {
            foreach (var (name, entry) in Ordered(metadata.Committees))
            {
                if (entry?.Pmc != true)
                {
                    continue;
                }

                if (!IsName(name, Committee.NameMaxLength))
                {
                    Skip($"committee {name}: the name is not a label (lowercase letters, digits and single hyphens)");
                }
                else if (metadata.Groups.GetValueOrDefault(name) is not { } group)
                {
                    Skip($"committee {name}: LDAP has no group of that name, so it has no roster");
                }
                else
                {
                    await AddOrUpdateCommitteeAsync(name, entry.DisplayName, false, group, cancellationToken);
                }
            }

            foreach (var (name, group) in Ordered(metadata.Groups))
            {
                if (group?.Pmc == true && !metadata.Committees.ContainsKey(name))
                {
                    Skip($"committee {name}: a PMC in LDAP, but committee info does not list it");
                }

                if (group?.Podling != CurrentPodling)
                {
                    continue;
                }

                if (!IsName(name, Committee.NameMaxLength))
                {
                    Skip($"podling {name}: the name is not a label (lowercase letters, digits and single hyphens)");
                }
                else if (_imported.ContainsKey(name))
                {
                    Skip($"podling {name}: committee info lists it as a PMC, so it was imported as one");
                }
                else if (committees.GetValueOrDefault(Incubator) is not { IsPodling: false })
                {
                    Skip($"podling {name}: there is no committee {Incubator} for it to belong to");
                }
                else
                {
                    await AddOrUpdateCommitteeAsync(name, PodlingName(metadata.Podlings.GetValueOrDefault(name)?.Name, keepApache: false), true, group, cancellationToken);
                }
            }

            foreach (var (name, _) in Ordered(metadata.Podlings))
            {
                if (metadata.Groups.GetValueOrDefault(name)?.Podling != CurrentPodling)
                {
                    Skip($"podling {name}: podlings.json lists it, but LDAP has no current podling of that name");
                }
            }
        }

        /// <summary>Each imported podling's project, then the projects of projects.json whose committee is known.</summary>
        public void Projects()
        {
            foreach (var (name, committee) in Ordered(_imported).Where(c => c.Value.IsPodling))
            {
                var podling = metadata.Podlings.GetValueOrDefault(name);
                AddOrUpdateProject(name, committee, PodlingName(podling?.Name, keepApache: true), podling?.Description, null, null, retired: false);
            }

            foreach (var (name, entry) in Ordered(metadata.Projects))
            {
                if (entry is null)
                {
                    continue;
                }

                if (!IsName(name, Project.NameMaxLength))
                {
                    Skip($"project {name}: the name is not a label (lowercase letters, digits and single hyphens)");
                }
                else if (_importedProjects.Contains(name))
                {
                    Skip($"project {name}: a podling's project of the same name was imported instead");
                }
                else if (Owner(name, entry) is { } committee)
                {
                    var categories = Labels(entry.Category);
                    var retired = entry.Pmc == Attic || categories?.Contains(RetiredCategory) == true;
                    AddOrUpdateProject(name, committee, entry.Name, entry.Description, categories, Labels(entry.ProgrammingLanguages), retired);
                }
            }
        }

        public MetadataImportResult Result()
        {
            var committeeSources = metadata.Committees.Where(c => c.Value?.Pmc == true).Select(c => c.Key)
                .Concat(metadata.Groups.Where(g => g.Value?.Podling == CurrentPodling).Select(g => g.Key))
                .ToHashSet(StringComparer.Ordinal);
            var projectSources = metadata.Projects.Keys.Concat(metadata.Podlings.Keys)
                .Concat(metadata.Groups.Where(g => g.Value?.Podling == CurrentPodling).Select(g => g.Key))
                .ToHashSet(StringComparer.Ordinal);
            var removals = committees.Keys.Where(c => !committeeSources.Contains(c)).Order(StringComparer.Ordinal).Select(c => $"committee {c}")
                .Concat(projects.Keys.Where(p => !projectSources.Contains(p)).Order(StringComparer.Ordinal).Select(p => $"project {p}"))
                .ToList();
            return new MetadataImportResult(_committeesAdded, _committeesUpdated, _committeesUnchanged,
                _projectsAdded, _projectsUpdated, _projectsUnchanged, removals, _skipped);
        }

        private async Task AddOrUpdateCommitteeAsync(string name, string? displayName, bool podling, LdapGroup group, CancellationToken cancellationToken)
        {
            var what = $"committee {name}";
            var fullName = Line(what, "display name", displayName, Committee.FullNameMaxLength);
            var members = Roster(what, group.Owners);
            var committers = Roster(what, group.Members);
            var parent = podling ? Incubator : null;
            if (!committees.TryGetValue(name, out var committee))
            {
                committee = new Committee(name, fullName, podling, parent);
                committee.SetRoster(members, committers, []);
                db.Committees.Add(committee);
                committees.Add(name, committee);
                _committeesAdded++;
            }
            else
            {
                if (podling != committee.IsPodling && await CommitteeEditor.PodlingChangeBlockerAsync(db, committee, cancellationToken) is { } blocker)
                {
                    Skip($"{what}: the sources make it {(podling ? "a podling" : "a PMC")}, but {blocker}; an administrator must change it");
                    podling = committee.IsPodling;
                    parent = committee.ParentCommitteeName;
                }

                fullName ??= committee.FullName;
                if (fullName == committee.FullName && podling == committee.IsPodling && parent == committee.ParentCommitteeName
                    && members.SequenceEqual(committee.CommitteeMembers.Order(StringComparer.Ordinal))
                    && committers.SequenceEqual(committee.Committers.Order(StringComparer.Ordinal)))
                {
                    _committeesUnchanged++;
                }
                else
                {
                    committee.Edit(fullName, podling, parent);
                    committee.SetRoster(members, committers, committee.ReleaseManagers);
                    _committeesUpdated++;
                }
            }

            _imported[name] = committee;
        }

        /// <summary>
        /// The committee a projects.json entry belongs to: its <c>pmc</c> when imported, or for the Attic's, the committee
        /// its name begins with. Its name is the committee's, or begins with it and a hyphen.
        /// </summary>
        private Committee? Owner(string name, ProjectEntry entry)
        {
            if (entry.Pmc == Attic)
            {
                var committee = committees.Values.Where(c => Belongs(name, c.Name)).MaxBy(c => c.Name.Length);
                if (committee is null)
                {
                    Skip($"project {name}: retired to the Attic, and no committee's name begins its name");
                }

                return committee;
            }

            if (entry.Pmc is null || !_imported.TryGetValue(entry.Pmc, out var owner))
            {
                Skip($"project {name}: its committee {entry.Pmc ?? "(none)"} is not imported");
                return null;
            }

            if (!Belongs(name, owner.Name))
            {
                Skip($"project {name}: a project of {owner.Name} is named {owner.Name}, or {owner.Name}- and more");
                return null;
            }

            return owner;
        }

        /// <summary>Adds or updates a project; a field the source leaves out stays as it is.</summary>
        private void AddOrUpdateProject(string name, Committee committee, string? fullNameSource, string? descriptionSource,
            IReadOnlyList<string>? categories, IReadOnlyList<string>? languages, bool retired)
        {
            var what = $"project {name}";
            _importedProjects.Add(name);
            var existing = projects.GetValueOrDefault(name);
            if (existing is not null && existing.CommitteeName != committee.Name)
            {
                Skip($"{what}: it belongs to {existing.CommitteeName ?? "no committee"} here and to {committee.Name} in the sources; an administrator must move it");
                return;
            }

            var fullName = Line(what, "full name", fullNameSource, Project.FullNameMaxLength)
                ?? (existing is null ? $"Apache {Names.TitleCase(name)}" : existing.FullName);
            var description = descriptionSource is null ? existing?.Description : Paragraph(descriptionSource, Project.DescriptionMaxLength);
            var category = categories is null ? existing?.Category : LabelList(categories);
            var programmingLanguages = languages is null ? existing?.ProgrammingLanguages : LabelList(languages);
            // The sources say only whether a project is retired; dormant and standing are an administrator's to set.
            var status = retired ? ProjectStatus.Retired
                : existing?.Status is ProjectStatus.Dormant or ProjectStatus.Standing ? existing.Status
                : ProjectStatus.Active;
            if (existing is null)
            {
                existing = new Project(name, fullName, committee, now, actor);
                db.Projects.Add(existing);
                projects.Add(name, existing);
                _projectsAdded++;
            }
            else if (fullName == existing.FullName && description == existing.Description && category == existing.Category
                && programmingLanguages == existing.ProgrammingLanguages && status == existing.Status)
            {
                _projectsUnchanged++;
                return;
            }
            else
            {
                _projectsUpdated++;
            }

            existing.Rename(fullName);
            existing.Description = description;
            existing.Category = category;
            existing.ProgrammingLanguages = programmingLanguages;
            existing.Status = status;
        }

        /// <summary>Sorted distinct valid user ids; each invalid one is reported.</summary>
        private List<string> Roster(string what, IReadOnlyList<string>? userIds)
        {
            var roster = new SortedSet<string>(StringComparer.Ordinal);
            foreach (var userId in userIds ?? [])
            {
                if (Names.IsUserId(userId))
                {
                    roster.Add(userId);
                }
                else
                {
                    Skip($"{what}: '{userId}' is not a valid user id (lowercase letters, digits, '-' and '_', starting with a letter)");
                }
            }

            return [.. roster];
        }

        /// <summary>The text trimmed, or null when absent or unusable (reported: the field then stays as it was).</summary>
        private string? Line(string what, string field, string? text, int maxLength)
        {
            var line = text?.Trim();
            if (string.IsNullOrEmpty(line))
            {
                return null;
            }

            if (line.Length > maxLength || line.Any(char.IsControl))
            {
                Skip($"{what}: its {field} is not one line of at most {maxLength} characters, so it was not changed");
                return null;
            }

            return line;
        }

        private void Skip(string entry)
        {
            if (!_skipped.Contains(entry))
            {
                _skipped.Add(entry);
            }
        }

        private static bool IsName(string name, int maxLength) => name.Length <= maxLength && Names.IsLabel(name);

        private static bool Belongs(string project, string committee) =>
            project == committee || project.StartsWith($"{committee}-", StringComparison.Ordinal);

        private static IEnumerable<KeyValuePair<string, T>> Ordered<T>(IReadOnlyDictionary<string, T> entries) =>
            entries.OrderBy(e => e.Key, StringComparer.Ordinal);

        /// <summary>"Apache Amoro (Incubating)" → "Apache Amoro", or "Amoro" without <paramref name="keepApache"/>.</summary>
        private static string? PodlingName(string? name, bool keepApache)
        {
            const string incubating = "(Incubating)";
            var text = name?.Trim();
            if (text is not null && text.EndsWith(incubating, StringComparison.OrdinalIgnoreCase))
            {
                text = text[..^incubating.Length].TrimEnd();
            }

            if (!keepApache && text is not null && text.StartsWith("Apache ", StringComparison.Ordinal))
            {
                text = text["Apache ".Length..].TrimStart();
            }

            return text;
        }

        /// <summary>The text trimmed and cut to <paramref name="maxLength"/> (never inside a surrogate pair); null when empty.</summary>
        private static string? Paragraph(string text, int maxLength)
        {
            var trimmed = text.Trim();
            if (trimmed.Length > maxLength)
            {
                trimmed = trimmed[..(char.IsHighSurrogate(trimmed[maxLength - 1]) ? maxLength - 1 : maxLength)].TrimEnd();
            }

            return trimmed.Length == 0 ? null : trimmed;
        }

        /// <summary>"Big Data" → "big-data"; values that are still not labels are dropped.</summary>
        private static List<string>? Labels(IReadOnlyList<string>? values) => values?
            .Select(v => string.Join('-', v.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToLowerInvariant())
            .Where(Names.IsLabel)
            .Distinct(StringComparer.Ordinal)
            .ToList();

        /// <summary>The labels comma-separated, as many as fit in <see cref="Project.LabelListMaxLength"/>; null when none.</summary>
        private static string? LabelList(IReadOnlyList<string> labels)
        {
            var kept = new List<string>();
            var length = 0;
            foreach (var label in labels)
            {
                var added = label.Length + (kept.Count == 0 ? 0 : ", ".Length);
                if (length + added > Project.LabelListMaxLength)
                {
                    break;
                }

                kept.Add(label);
                length += added;
            }

            return kept.Count == 0 ? null : string.Join(", ", kept);
        }
    }
}
