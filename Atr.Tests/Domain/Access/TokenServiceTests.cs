using Atr.Domain.Access;
using Atr.Domain.Common;
using Atr.Tests.Fixtures;
using Microsoft.EntityFrameworkCore;

namespace Atr.Tests.Domain.Access;

public sealed class TokenServiceTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    private static CancellationToken Cancel => TestDatabase.CancellationToken;

    [Fact]
    public async Task Create_GivesASecretShownOnceAndStoresOnlyItsHash()
    {
        await using var database = await template.CopyAsync();
        var rita = await ActorAsync(database, "rita");

        var created = await database.Get<TokenService>().CreateAsync(rita, "  CI release workflow  ", 30, Cancel);

        Assert.StartsWith(TokenService.SecretPrefix, created.Secret, StringComparison.Ordinal);
        Assert.True(created.Secret.Length >= 40);
        Assert.Equal("CI release workflow", created.Token.Label);
        Assert.Equal(Seed.Now.AddDays(30), created.Token.Expires);
        await using var db = await database.ContextAsync();
        var stored = await db.PersonalAccessTokens.SingleAsync(Cancel);
        Assert.Equal("rita", stored.AsfUid);
        Assert.Equal(64, stored.TokenHash.Length);
        Assert.DoesNotContain(created.Secret[TokenService.SecretPrefix.Length..], stored.TokenHash, StringComparison.Ordinal);
        var audit = await db.AuditEvents.SingleAsync(e => e.Action == "token.create", Cancel);
        Assert.Equal("rita", audit.Actor);
        Assert.DoesNotContain(created.Secret, audit.After!, StringComparison.Ordinal);
        Assert.DoesNotContain(stored.TokenHash, audit.After!, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Authenticate_ValidToken_GivesTheOwnerAndRecordsTheUse()
    {
        await using var database = await template.CopyAsync();
        var tokens = database.Get<TokenService>();
        var created = await tokens.CreateAsync(await ActorAsync(database, "carl"), "scripts", 30, Cancel);
        database.Time.Advance(TimeSpan.FromHours(2));

        Assert.Equal("carl", await tokens.AuthenticateAsync(created.Secret, Cancel));

        var listed = Assert.Single(await tokens.ListAsync(await ActorAsync(database, "carl"), Cancel));
        Assert.Equal(Seed.Now.AddHours(2), listed.LastUsed);
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("atr_")]
    [InlineData("atr_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task Authenticate_UnknownOrMalformedSecret_GivesNobody(string secret)
    {
        await using var database = await template.CopyAsync();
        await database.Get<TokenService>().CreateAsync(await ActorAsync(database, "carl"), "scripts", 30, Cancel);

        Assert.Null(await database.Get<TokenService>().AuthenticateAsync(secret, Cancel));
    }

    [Fact]
    public async Task Authenticate_ExpiredToken_GivesNobody()
    {
        await using var database = await template.CopyAsync();
        var created = await database.Get<TokenService>().CreateAsync(await ActorAsync(database, "carl"), "short", 1, Cancel);

        database.Time.Advance(TimeSpan.FromDays(1));

        Assert.Null(await database.Get<TokenService>().AuthenticateAsync(created.Secret, Cancel));
    }

    [Fact]
    public async Task Revoke_OwnToken_StopsItAtOnceAndIsAudited()
    {
        await using var database = await template.CopyAsync();
        var carl = await ActorAsync(database, "carl");
        var tokens = database.Get<TokenService>();
        var created = await tokens.CreateAsync(carl, "scripts", 30, Cancel);

        await tokens.RevokeAsync(carl, created.Token.Id, Cancel);

        Assert.Null(await tokens.AuthenticateAsync(created.Secret, Cancel));
        Assert.NotNull(Assert.Single(await tokens.ListAsync(carl, Cancel)).Revoked);
        await Assert.ThrowsAsync<DomainException>(() => tokens.RevokeAsync(carl, created.Token.Id, Cancel));
        await using var db = await database.ContextAsync();
        Assert.Equal(1, await db.AuditEvents.CountAsync(e => e.Action == "token.revoke", Cancel));
    }

    [Fact]
    public async Task Revoke_SomeoneElsesToken_IsNotFoundAndChangesNothing()
    {
        await using var database = await template.CopyAsync();
        var tokens = database.Get<TokenService>();
        var created = await tokens.CreateAsync(await ActorAsync(database, "carl"), "scripts", 30, Cancel);

        await Assert.ThrowsAsync<NotFoundException>(() => tokens.RevokeAsync(ActorFor("mike"), created.Token.Id, Cancel));

        Assert.Equal("carl", await tokens.AuthenticateAsync(created.Secret, Cancel));
    }

    [Fact]
    public async Task List_ShowsOnlyTheActorsOwnTokens()
    {
        await using var database = await template.CopyAsync();
        var tokens = database.Get<TokenService>();
        await tokens.CreateAsync(await ActorAsync(database, "carl"), "carl's", 30, Cancel);
        await tokens.CreateAsync(await ActorAsync(database, "mike"), "mike's", 30, Cancel);

        Assert.Equal(["carl's"], (await tokens.ListAsync(await ActorAsync(database, "carl"), Cancel)).Select(t => t.Label));
    }

    [Theory]
    [InlineData(null, 30, "needs a label")]
    [InlineData("   ", 30, "needs a label")]
    [InlineData("ok", 0, "1 to 365 days")]
    [InlineData("ok", 366, "1 to 365 days")]
    public async Task Create_InvalidInput_NamesTheRuleAndStoresNothing(string? label, int days, string rule)
    {
        await using var database = await template.CopyAsync();
        var before = await database.ContentHashAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            database.Get<TokenService>().CreateAsync(ActorFor("carl"), label, days, Cancel));

        Assert.Contains(rule, error.Message, StringComparison.Ordinal);
        Assert.Equal(before, await database.ContentHashAsync());
    }

    [Fact]
    public async Task Create_LabelTooLong_IsRefused()
    {
        await using var database = await template.CopyAsync();

        var error = await Assert.ThrowsAsync<DomainException>(() =>
            database.Get<TokenService>().CreateAsync(ActorFor("carl"), new string('x', 101), 30, Cancel));

        Assert.Contains("at most 100 characters", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_TooManyInAnHour_IsRateLimited()
    {
        await using var database = await template.CopyAsync();
        var tokens = database.Get<TokenService>();
        for (var i = 0; i < TokenService.CreationsPerHour; i++)
        {
            await tokens.CreateAsync(ActorFor("carl"), $"token {i}", 30, Cancel);
        }

        var error = await Assert.ThrowsAsync<TooManyRequestsException>(() => tokens.CreateAsync(ActorFor("carl"), "one more", 30, Cancel));

        Assert.Contains("try again later", error.Message, StringComparison.Ordinal);
        await tokens.CreateAsync(ActorFor("mike"), "mike is not limited by carl", 30, Cancel);
    }

    [Fact]
    public async Task Create_ForAnotherUser_OnlyAtrItselfMayAndOnlyForKnownUsers()
    {
        await using var database = await template.CopyAsync();
        var tokens = database.Get<TokenService>();

        var created = await tokens.CreateAsync(Actor.System, "bootstrap", 7, Cancel, forUser: "rita");
        var unknown = await Assert.ThrowsAsync<DomainException>(() => tokens.CreateAsync(Actor.System, "bootstrap", 7, Cancel, forUser: "nobody"));
        await Assert.ThrowsAsync<AccessDeniedException>(() => tokens.CreateAsync(ActorFor("alice"), "for rita", 7, Cancel, forUser: "rita"));

        Assert.Equal("rita", await tokens.AuthenticateAsync(created.Secret, Cancel));
        Assert.Contains("There is no user 'nobody'", unknown.Message, StringComparison.Ordinal);
    }

    private static Actor ActorFor(string userId) => new() { UserId = userId };

    private static Task<Actor> ActorAsync(TestDatabase database, string userId) =>
        database.Get<UserDirectory>().ResolveAsync(userId, Cancel);
}
