using System.Globalization;
using System.Net;
using System.Text.Json;
using Atr.Domain.Access;
using Atr.Domain.Audit;
using Atr.Domain.Common;
using Atr.Domain.Data;
using Atr.Domain.Releases;
using Microsoft.EntityFrameworkCore;

namespace Atr.Domain.Distributions;

/// <param name="OwnerNamespace">Required, forbidden or defaulted as the platform says.</param>
/// <param name="Staging">Published to the platform's staging service (Artifact Hub, PyPI), not its real one.</param>
public sealed record DistributionInput(DistributionPlatform Platform, string? OwnerNamespace, string Package, string Version, bool Staging);

/// <summary>A release's distributions, with the committee whose members record them.</summary>
public sealed record ReleaseDistributions(string? CommitteeName, IReadOnlyList<DistributionView> Rows);

public sealed record DistributionView(
    DistributionPlatform Platform, string PlatformName, string OwnerNamespace, string Package, string Version, bool Staging, DateTime? UploadDate,
    string ApiUrl, string? WebUrl);

/// <summary>
/// Where a release was also published (package registries). A record is made only after the platform's API confirms
/// the package version, and it keeps the upload date the platform reports. A staging record is upgraded in place
/// when the real publication is recorded.
/// </summary>
public sealed class DistributionService(IDbContextFactory<AtrDbContext> factory, AtrDomainSettings settings, TimeProvider time) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
    {
        Timeout = TimeSpan.FromSeconds(20),
        DefaultRequestHeaders = { { "User-Agent", "Atr (trusted releases)" }, { "Accept", "application/json" } },
    };

    public void Dispose() => _http.Dispose();

    /// <summary>The release's distributions, newest upload first: public for a published release, else for its committee's committers.</summary>
    public async Task<ReleaseDistributions> ListAsync(Actor actor, string projectName, string version, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
        if (release.Phase != ReleasePhase.Release)
        {
            actor.Require(AccessLevel.Participant, release.Project.Committee, $"see the distributions of {projectName} {version}");
        }

        var rows = await db.Distributions.AsNoTracking().Where(d => d.ReleaseName == release.Name).ToListAsync(cancellationToken);
        return new ReleaseDistributions(
            release.Project.CommitteeName,
            rows.OrderByDescending(d => d.UploadDate).ThenBy(d => d.Package, StringComparer.Ordinal).Select(View).ToList());
    }

    /// <summary>
    /// Confirms the package version with the platform's API and records it (committee members). Staging records are for
    /// releases not yet published; real ones for releases in Finish or published.
    /// </summary>
    public async Task<DistributionView> RecordAsync(Actor actor, string projectName, string version, DistributionInput input, CancellationToken cancellationToken)
    {
        string releaseName;
        string? committee;
        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
            actor.Require(AccessLevel.Member, release.Project.Committee, $"record a distribution of {projectName} {version}");
            RequirePhase(release, input.Staging);
            releaseName = release.Name;
            committee = release.Project.CommitteeName;
        }

        var package = input.Package?.Trim() ?? "";
        var packageVersion = input.Version?.Trim() ?? "";
        if (packageVersion.StartsWith('v') || packageVersion.StartsWith('V'))
        {
            throw new DomainException($"Give the version without its leading v: {packageVersion[1..]}");
        }

        if (package.Length is 0 or > Distribution.FieldMaxLength || packageVersion.Length is 0 or > Distribution.FieldMaxLength)
        {
            throw new DomainException($"The package and its version are each 1 to {Distribution.FieldMaxLength} characters");
        }

        var candidate = new Distribution(releaseName, input.Platform, input.OwnerNamespace, package, packageVersion, input.Staging);
        var (uploaded, webUrl) = await ConfirmAsync(candidate, cancellationToken);

        await using (var db = await factory.CreateDbContextAsync(cancellationToken))
        {
            // Checked again in this unit of work: the release may have moved on during the registry's answer.
            var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
            actor.Require(AccessLevel.Member, release.Project.Committee, $"record a distribution of {projectName} {version}");
            RequirePhase(release, input.Staging);
            var now = time.GetUtcNow().UtcDateTime;
            var existing = await db.Distributions.SingleOrDefaultAsync(d => d.ReleaseName == releaseName && d.Platform == candidate.Platform
                && d.OwnerNamespace == candidate.OwnerNamespace && d.Package == candidate.Package && d.Version == candidate.Version, cancellationToken);
            Distribution recorded;
            if (existing is null)
            {
                candidate.UploadDate = uploaded;
                candidate.WebUrl = webUrl;
                db.Distributions.Add(candidate);
                recorded = candidate;
            }
            else if (existing.Staging && !candidate.Staging)
            {
                existing.PromoteToFinal(uploaded, webUrl);
                recorded = existing;
            }
            else
            {
                throw new DomainException($"{candidate.Title}{(existing.Staging ? " (staging)" : "")} is already recorded") { RuleKind = "precondition" };
            }

            db.Audit(actor, now, existing is null ? "distribution.record" : "distribution.promote", nameof(Distribution), recorded.Title,
                committee, after: new { release = releaseName, platform = recorded.Platform.ToString(), recorded.Package, recorded.Version, recorded.Staging, uploaded });
            await db.SaveChangesAsync(cancellationToken);
            return View(recorded);
        }
    }

    /// <summary>Deletes a record (committee members); the package on the platform is not touched.</summary>
    public async Task DeleteAsync(
        Actor actor, string projectName, string version, DistributionPlatform platform, string ownerNamespace, string package, string packageVersion,
        CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var release = await db.FindReleaseAsync(projectName, version, cancellationToken);
        actor.Require(AccessLevel.Member, release.Project.Committee, $"delete a distribution of {projectName} {version}");
        var row = await db.Distributions.SingleOrDefaultAsync(d => d.ReleaseName == release.Name && d.Platform == platform
                && d.OwnerNamespace == ownerNamespace && d.Package == package && d.Version == packageVersion, cancellationToken)
            ?? throw new NotFoundException($"The distribution {platform.Info().DisplayName}-{package}-{packageVersion} of {projectName} {version}");
        db.Distributions.Remove(row);
        db.Audit(actor, time.GetUtcNow().UtcDateTime, "distribution.delete", nameof(Distribution), row.Title, release.Project.CommitteeName,
            before: new { platform = platform.ToString(), package, version = packageVersion, row.Staging });
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>Fetches the platform's description of the version; returns its upload date and, where the platform has one, its page.</summary>
    private async Task<(DateTime Uploaded, string? WebUrl)> ConfirmAsync(Distribution candidate, CancellationToken cancellationToken)
    {
        var info = candidate.Platform.Info();
        var url = Rewrite(candidate.ApiUrl);
        JsonElement json;
        try
        {
            using var response = await _http.GetAsync(url, cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                throw new DomainException(response.StatusCode == HttpStatusCode.NotFound
                    ? $"{info.DisplayName} does not know {candidate.Package} {candidate.Version} ({candidate.ApiUrl} answered 404); is it published?"
                    : $"{info.DisplayName} answered {(int)response.StatusCode} for {candidate.ApiUrl}; try again later");
            }

            await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(body, cancellationToken: cancellationToken);
            json = document.RootElement.Clone();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException { InnerException: TimeoutException })
        {
            throw new DomainException($"{info.DisplayName} could not be reached at {candidate.ApiUrl}: {e.Message}", e);
        }
        catch (JsonException e)
        {
            throw new DomainException($"{info.DisplayName} answered {candidate.ApiUrl} with something that is not JSON", e);
        }

        var uploaded = UploadDate(candidate, json)
            ?? throw new DomainException($"{info.DisplayName}'s answer for {candidate.Package} {candidate.Version} has no upload date, so it cannot be recorded");
        return (uploaded, WebUrl(candidate, json));
    }

    private static DateTime? UploadDate(Distribution d, JsonElement json)
    {
        try
        {
            return d.Platform switch
            {
                DistributionPlatform.ArtifactHub => json.GetProperty("available_versions").EnumerateArray()
                    .FirstOrDefault(v => v.GetProperty("version").GetString() == d.Version) is { ValueKind: JsonValueKind.Object } listed
                    ? DateTime.UnixEpoch.AddSeconds(listed.GetProperty("ts").GetInt64())
                    : null,
                DistributionPlatform.DockerHub => Iso(json.GetProperty("tag_last_pushed").GetString()),
                DistributionPlatform.Maven => json.GetProperty("response").GetProperty("docs") is { ValueKind: JsonValueKind.Array } docs && docs.GetArrayLength() > 0
                    ? DateTime.UnixEpoch.AddMilliseconds(docs[0].GetProperty("timestamp").GetInt64())
                    : throw new DomainException($"Maven Central has no {d.OwnerNamespace}:{d.Package}:{d.Version}"),
                DistributionPlatform.Npm or DistributionPlatform.NpmScoped => json.GetProperty("time") is var times
                    && (times.TryGetProperty(d.Version, out var at) || times.TryGetProperty("v" + d.Version, out at))
                    ? Iso(at.GetString())
                    : throw new DomainException($"npm lists no version {d.Version} of {d.Package}"),
                DistributionPlatform.PyPi => Iso(json.GetProperty("urls")[0].GetProperty("upload_time_iso_8601").GetString()),
                _ => null,
            };
        }
        catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException or FormatException)
        {
            return null;
        }
    }

    private static string? WebUrl(Distribution d, JsonElement json) => d.Platform switch
    {
        DistributionPlatform.ArtifactHub =>
            $"https://{(d.Staging ? "staging." : "")}artifacthub.io/packages/helm/{Uri.EscapeDataString(d.OwnerNamespace)}/{Uri.EscapeDataString(d.Package)}/{Uri.EscapeDataString(d.Version)}",
        DistributionPlatform.Npm => $"https://www.npmjs.com/package/{Uri.EscapeDataString(d.Package)}/v/{Uri.EscapeDataString(d.Version)}",
        DistributionPlatform.NpmScoped =>
            $"https://www.npmjs.com/package/@{Uri.EscapeDataString(d.OwnerNamespace)}/{Uri.EscapeDataString(d.Package)}/v/{Uri.EscapeDataString(d.Version)}",
        DistributionPlatform.PyPi => json.TryGetProperty("info", out var info) && info.TryGetProperty("release_url", out var url) ? url.GetString() : null,
        _ => null,
    };

    private static DateTime? Iso(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var value) ? value.UtcDateTime : null;

    /// <summary>The API URL with its origin replaced as <c>Atr:Distributions:Origins</c> says for its host.</summary>
    private string Rewrite(string apiUrl)
    {
        var uri = new Uri(apiUrl);
        return settings.DistributionOrigins.TryGetValue(uri.Host, out var origin)
            ? origin.TrimEnd('/') + uri.PathAndQuery
            : apiUrl;
    }

    private static void RequirePhase(Release release, bool staging)
    {
        var name = $"{release.ProjectName} {release.Version}";
        if (staging && release.Phase == ReleasePhase.Release)
        {
            throw new DomainException($"{name} is published; record its real distributions, not staging ones") { RuleKind = "phase" };
        }

        if (!staging && release.Phase is ReleasePhase.ReleaseCandidateDraft or ReleasePhase.ReleaseCandidate)
        {
            throw new DomainException($"{name} is in the {release.Phase.StepName()} phase; until its vote passed, only staging distributions are recorded")
            { RuleKind = "phase" };
        }
    }

    private static DistributionView View(Distribution d) =>
        new(d.Platform, d.Platform.Info().DisplayName, d.OwnerNamespace, d.Package, d.Version, d.Staging, d.UploadDate, d.ApiUrl, d.WebUrl);

}
