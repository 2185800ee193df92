using Bunit;
using Microsoft.AspNetCore.Components;
using MudBlazor.Services;

namespace Atr.Tests.Components;

/// <summary>bUnit with MudBlazor's services, loose JS interop and an interactive server renderer.</summary>
public abstract class AtrComponentContext : BunitContext
{
    protected AtrComponentContext()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        Services.AddMudServices();
    }

    /// <summary>Call after the last service registration: bUnit freezes the container at the first render.</summary>
    protected void UseInteractiveServer() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));
}
