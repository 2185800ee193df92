using System.Security.Claims;
using Atr.Domain.Access;
using Microsoft.AspNetCore.Components.Authorization;

namespace Atr.App.Auth;

/// <summary>Turns the signed-in principal into the domain's <see cref="Actor"/>, with the committees it belongs to now.</summary>
public sealed class ActorResolver(UserDirectory users)
{
    public Task<Actor> ResolveAsync(ClaimsPrincipal principal, CancellationToken cancellationToken) =>
        users.ResolveAsync(principal.UserId(), cancellationToken);
}

/// <summary>The actor of the current circuit or request, for components.</summary>
public sealed class CurrentActor(AuthenticationStateProvider authentication, ActorResolver resolver)
{
    public async Task<Actor> GetAsync(CancellationToken cancellationToken)
    {
        var state = await authentication.GetAuthenticationStateAsync();
        return await resolver.ResolveAsync(state.User, cancellationToken);
    }
}
