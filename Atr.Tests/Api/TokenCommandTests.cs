using Atr.Domain.Access;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Api;

public sealed class TokenCommandTests(DemoDatabaseTemplate template) : IClassFixture<DemoDatabaseTemplate>
{
    [Fact]
    public async Task TokenCreate_KnownUser_PrintsOnlyAWorkingSecret()
    {
        await using var database = await template.CopyAsync();

        var outcome = await AppCommand.RunAsync(database.Folder, "token", "create", "--user", "rita", "--label", "first CI setup", "--days", "30");

        Assert.True(outcome.ExitCode == 0, outcome.Errors);
        var secret = outcome.Output.Trim();
        Assert.Matches("^atr_[A-Za-z0-9_-]{43}$", secret);
        Assert.Equal("rita", await database.Get<TokenService>().AuthenticateAsync(secret, TestDatabase.CancellationToken));
        var token = Assert.Single(await database.Get<TokenService>().ListAsync(new Actor { UserId = "rita" }, TestDatabase.CancellationToken));
        Assert.Equal("first CI setup", token.Label);
        Assert.Equal(TimeSpan.FromDays(30), token.Expires - token.Created);
    }

    [Fact]
    public async Task TokenCreate_UnknownUser_IsRefusedWithExitCode1()
    {
        await using var database = await template.CopyAsync();

        var outcome = await AppCommand.RunAsync(database.Folder, "token", "create", "--user", "mallory", "--label", "x");

        Assert.Equal(1, outcome.ExitCode);
        Assert.Contains("There is no user 'mallory'", outcome.Errors, StringComparison.Ordinal);
        Assert.Equal("", outcome.Output);
    }

    [Theory]
    [InlineData("token")]
    [InlineData("token", "create", "--user", "rita")]
    [InlineData("token", "create", "--user", "rita", "--label")]
    [InlineData("token", "create", "--user", "rita", "--label", "x", "--days", "soon")]
    [InlineData("token", "delete", "--user", "rita")]
    public async Task TokenCreate_BadUsage_PrintsUsageWithExitCode2(params string[] args)
    {
        await using var database = await template.CopyAsync();

        var outcome = await AppCommand.RunAsync(database.Folder, args);

        Assert.Equal(2, outcome.ExitCode);
        Assert.Contains("usage: Atr.App token create", outcome.Errors, StringComparison.Ordinal);
    }
}
