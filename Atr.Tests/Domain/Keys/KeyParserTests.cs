using Atr.Domain.Common;
using Atr.Domain.Keys;

namespace Atr.Tests.Domain.Keys;

/// <summary>Keys made by GnuPG, read back with BouncyCastle: only verified self-signatures count.</summary>
public sealed class KeyParserTests
{
    [Fact]
    public void Rsa4096_GivesFingerprintSizeUserIdsAndSigning()
    {
        var key = Single("rsa4096.asc");

        Assert.Equal(KeyFixtures.Rsa, key.Fingerprint);
        Assert.Equal((1, 4096, (string?)null), (key.Algorithm, key.Length, key.Curve));
        Assert.Equal(["Rita Manager <rita@apache.org>", "Rita Manager <rita@example.org>"], key.UserIds.Order());
        Assert.True(key.CanSign);
        Assert.Null(key.Expires);
        Assert.Null(key.Revoked);
        Assert.Equal(DateTimeKind.Utc, key.Created.Kind);
        Assert.Equal("70af7f7402d2e171", key.KeyId);
    }

    [Fact]
    public void Ed25519_WithASigningSubkey_NamesTheCurveAndTheSubkey()
    {
        var key = Single("ed25519-subkey.asc");

        Assert.Equal(KeyFixtures.Ed25519, key.Fingerprint);
        Assert.Equal("Ed25519", key.Curve);
        Assert.False(key.CanSign);
        var subkey = Assert.Single(key.Subkeys);
        Assert.True(subkey.CanSign);
        Assert.Null(subkey.Expires);
        Assert.Equal(40, subkey.Fingerprint.Length);
    }

    [Fact]
    public void ExpiredKey_Expires365DaysAfterItWasMade_AsGnuPGSays()
    {
        var key = Single("expired.asc");

        Assert.Equal(KeyFixtures.Expired, key.Fingerprint);
        Assert.Equal(new DateTime(2020, 1, 1, 0, 0, 0, DateTimeKind.Utc), key.Created);
        Assert.Equal(key.Created.AddDays(365), key.Expires);
    }

    [Fact]
    public void KeyWhoseSubkeyExpired_NeverExpiresButItsSubkeyHas()
    {
        var key = Single("subkey-expired.asc");

        Assert.Null(key.Expires);
        var subkey = Assert.Single(key.Subkeys);
        Assert.Equal(subkey.Created.AddDays(365), subkey.Expires);
        Assert.Equal(2020, subkey.Created.Year);
        Assert.True(subkey.CanSign);
    }

    [Fact]
    public void RevokedKey_IsRevoked_AndTheSameKeyBeforeIsNot()
    {
        Assert.NotNull(Single("revoked.asc").Revoked);
        Assert.Null(Single("revoked-before.asc").Revoked);
        Assert.Equal(KeyFixtures.Revoked, Single("revoked-before.asc").Fingerprint);
    }

    [Fact]
    public void RevocationCertificate_IsReadAsARevocation_AndRevokesOnlyItsOwnKey()
    {
        var block = KeyParser.Parse(Assert.Single(KeyParser.Blocks(KeyFixtures.Text("revocation.asc"))));
        Assert.Empty(block.Keys);
        var revocation = Assert.Single(block.Revocations);

        var revoked = KeyParser.Revoke(Single("revoked-before.asc"), revocation);

        Assert.NotNull(revoked);
        Assert.NotNull(revoked.Revoked);
        Assert.NotNull(KeyParser.Read(revoked.Armor).Revoked);
        Assert.Null(KeyParser.Revoke(Single("rsa4096.asc"), revocation));
    }

    [Fact]
    public void KeysFile_GivesEveryBlock_AndOnlyTheCorruptedOneFails()
    {
        var outcomes = KeyParser.Blocks(KeyFixtures.Text("KEYS")).Select(block =>
        {
            try
            {
                return KeyParser.Parse(block).Keys.Single().Fingerprint;
            }
            catch (DomainException e)
            {
                return "error: " + e.Message;
            }
        }).ToList();

        Assert.Equal(5, outcomes.Count);
        Assert.Equal([KeyFixtures.Rsa, KeyFixtures.Ed25519], outcomes[..2]);
        Assert.StartsWith("error: The block is not a readable OpenPGP public key", outcomes[2]);
        Assert.Equal([KeyFixtures.Expired, KeyFixtures.SubkeyExpired], outcomes[3..]);
    }

    [Theory]
    [InlineData("", "No ASCII-armoured public key was found")]
    [InlineData("ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI carl@host", "No ASCII-armoured public key was found")]
    public void TextWithoutABlock_IsRefused(string text, string message) =>
        Assert.StartsWith(message, Assert.Throws<DomainException>(() => KeyParser.Blocks(text)).Message);

    [Fact]
    public void BlockOfGarbage_IsRefusedWithTheReason()
    {
        var block = "-----BEGIN PGP PUBLIC KEY BLOCK-----\n\nbm90IGEga2V5\n=AAAA\n-----END PGP PUBLIC KEY BLOCK-----";

        var error = Assert.Throws<DomainException>(() => KeyParser.Parse(block));

        Assert.Contains("not a readable OpenPGP public key", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TooLongText_IsRefusedBeforeParsing() =>
        Assert.Contains("at most", Assert.Throws<DomainException>(() => KeyParser.Blocks(new string('a', KeyParser.MaxTextLength + 1))).Message,
            StringComparison.Ordinal);

    private static ParsedKey Single(string file) =>
        Assert.Single(KeyParser.Parse(Assert.Single(KeyParser.Blocks(KeyFixtures.Text(file)))).Keys);
}
