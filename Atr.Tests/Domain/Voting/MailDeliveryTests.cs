using Atr.Domain;
using Atr.Domain.Mail;
using Atr.Domain.Voting;
using Atr.Tests.Fixtures;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Atr.Tests.Domain.Voting;

/// <summary>The outbox delivered to a real SMTP server running in the test process.</summary>
public sealed class MailDeliveryTests
{
    private static CancellationToken Cancel => VoteFixture.Cancel;

    [Fact]
    public async Task TheVoteAndItsReplies_ArriveThreaded_WithTheirPlaceholdersFilled()
    {
        await using var smtp = SmtpSink.Start();
        await using var fixture = await VoteFixture.CreateAsync(configure: Relay(smtp.Port));
        await fixture.StartAsync(subject: "[VOTE] Widget 1.0.0 RC1");
        await fixture.CastAsync("mike", VoteValue.For, "Signatures verified.");

        var sent = await fixture.Database.Get<MailDelivery>().DeliverDueAsync(Cancel);

        Assert.Equal(2, sent);
        Assert.Equal(2, smtp.Messages.Count);
        var (call, reply) = (smtp.Messages[0], smtp.Messages[1]);
        Assert.Equal(["dev@widget.apache.org"], call.EnvelopeTo);
        Assert.Equal("[VOTE] Widget 1.0.0 RC1", call.Message.Subject);
        Assert.Equal("atr@widget.test", call.Message.From.Mailboxes.Single().Address);
        Assert.Contains("Apache Widget 1.0.0", call.Message.TextBody, StringComparison.Ordinal);
        Assert.Contains("https://atr.widget.test/releases/widget/1.0.0/vote", call.Message.TextBody, StringComparison.Ordinal);
        Assert.Equal("Re: [VOTE] Widget 1.0.0 RC1", reply.Message.Subject);
        Assert.Equal(call.Message.MessageId, reply.Message.InReplyTo);
        Assert.Equal([call.Message.MessageId!], reply.Message.References.ToList());
        Assert.Equal("+1 (mike) mike (binding)\n\nSignatures verified.", reply.Message.TextBody!.ReplaceLineEndings("\n").TrimEnd());
        Assert.All(await fixture.OutboxAsync(), m => Assert.Equal((OutboundStatus.Sent, 1, Seed.Now), (m.Status, m.Attempts, m.Sent!.Value)));
        Assert.Equal(0, await fixture.Database.Get<MailDelivery>().DeliverDueAsync(Cancel));
    }

    [Fact]
    public async Task WhenTheRelayIsDown_TheMessageWaits_AndIsSentOnALaterAttempt()
    {
        var port = SmtpSink.FreePort();
        await using var fixture = await VoteFixture.CreateAsync(configure: Relay(port));
        await fixture.StartAsync();
        var delivery = fixture.Database.Get<MailDelivery>();

        Assert.Equal(0, await delivery.DeliverDueAsync(Cancel));
        var waiting = Assert.Single(await fixture.OutboxAsync());
        // An unreachable relay postpones the message without counting it as an attempt.
        Assert.Equal((OutboundStatus.Queued, 0, Seed.Now.AddMinutes(1)), (waiting.Status, waiting.Attempts, waiting.NextAttempt!.Value));
        Assert.Contains($"Could not reach 127.0.0.1:{port}", waiting.LastError, StringComparison.Ordinal);

        await using var smtp = SmtpSink.Start(port);
        Assert.Equal(0, await delivery.DeliverDueAsync(Cancel));
        fixture.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal(1, await delivery.DeliverDueAsync(Cancel));
        Assert.Equal("[VOTE] Release Apache Widget 1.0.0", Assert.Single(smtp.Messages).Message.Subject);
        Assert.Equal((OutboundStatus.Sent, 1), Assert.Single(await fixture.OutboxAsync()) is var m ? (m.Status, m.Attempts) : default);
    }

    [Fact]
    public void AMessageThatNeverGoesOut_BacksOffAndEndsFailed_NotLost()
    {
        Assert.Equal([1, 2, 4, 8, 16, 32, 64], Enumerable.Range(1, 7).Select(a => OutboundMessage.BackOff(a).TotalMinutes).ToList());
        var settings = new AtrDomainSettings("Data Source=:memory:", "state");
        Assert.Equal("'not an address' is not a mail address", settings.Mail.RecipientProblem("not an address"));
        Assert.Null(settings.Mail.RecipientProblem("dev@widget.apache.org"));
        Assert.NotNull(settings.Mail.RecipientProblem("dev@apache.org.evil.example"));
    }

    private static Action<IServiceCollection> Relay(int port) => services =>
    {
        var settings = (AtrDomainSettings)services.Single(d => d.ServiceType == typeof(AtrDomainSettings)).ImplementationInstance!;
        services.Replace(ServiceDescriptor.Singleton(settings with
        {
            Mail = settings.Mail with
            {
                Sender = "atr@widget.test",
                PublicBaseUrl = "https://atr.widget.test",
                Smtp = new SmtpSettings { Host = "127.0.0.1", Port = port, Security = SmtpSecurity.None },
            },
        }));
    };
}
