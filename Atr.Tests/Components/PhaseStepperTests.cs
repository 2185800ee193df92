using Atr.App.Components.Shared;
using Atr.Domain.Releases;
using Bunit;

namespace Atr.Tests.Components;

public sealed class PhaseStepperTests : AtrComponentContext
{
    [Theory]
    [InlineData(ReleasePhase.ReleaseCandidateDraft, "Compose", new string[0])]
    [InlineData(ReleasePhase.ReleaseCandidate, "Vote", new[] { "Compose" })]
    [InlineData(ReleasePhase.ReleasePreview, "Finish", new[] { "Compose", "Vote" })]
    public void Render_MarksTheCurrentStepAndTheDoneOnes(ReleasePhase phase, string current, string[] done)
    {
        var stepper = Render<PhaseStepper>(p => p.Add(s => s.Phase, phase));

        var steps = stepper.FindAll("li.atr-step");
        Assert.Equal(["Compose", "Vote", "Finish", "Released"], steps.Select(s => s.GetAttribute("data-step")));
        Assert.Equal(current, stepper.Find("[aria-current='step']").GetAttribute("data-step"));
        Assert.Equal(done, stepper.FindAll("li.atr-step-done").Select(s => s.GetAttribute("data-step")));
        Assert.All(stepper.FindAll("li.atr-step-done"), s => Assert.Contains("(done)", s.TextContent, StringComparison.Ordinal));
    }

    [Fact]
    public void Render_Released_MarksEveryStepDone()
    {
        var stepper = Render<PhaseStepper>(p => p.Add(s => s.Phase, ReleasePhase.Release));

        Assert.Equal(4, stepper.FindAll("li.atr-step-done").Count);
        Assert.Equal("Released", stepper.Find("[aria-current='step']").GetAttribute("data-step"));
    }
}
