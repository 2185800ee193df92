using Atr.Domain.Common;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Tests.Domain.Keys;

public sealed class PacketsTests
{
    [Theory]
    [InlineData(new byte[] { 0xC2, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x04 }, "cut short")]
    [InlineData(new byte[] { 0xC2, 0xE0, 0x04, 0xFF, 0x7F, 0xFF, 0xFF, 0xFF, 0x00 }, "cut short")]
    [InlineData(new byte[] { 0xC2, 0xFE, 0x04 }, "cut short")]
    [InlineData(new byte[] { 0x8A, 0xFF, 0xFF, 0xFF, 0xF0, 0x00 }, "cut short")]
    [InlineData(new byte[] { 0x89 }, "cut short")]
    [InlineData(new byte[] { 0x04, 0x00 }, "not the start of an OpenPGP packet")]
    public void LengthPastTheData_IsADomainErrorNamingIt(byte[] data, string message) =>
        Assert.Contains(message, Assert.Throws<DomainException>(() => Packets.Read(data)).Message);

    [Fact]
    public void PartialBodies_AreJoined_AsOnePacket()
    {
        byte[] data = [0xC2, 0xE1, 1, 2, 0x01, 3];

        var packet = Assert.Single(Packets.Read(data));

        Assert.Equal(2, packet.Tag);
        Assert.Equal([1, 2, 3], packet.Body.ToArray());
    }
}
