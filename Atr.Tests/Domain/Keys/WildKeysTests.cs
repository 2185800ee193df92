using System.Text;
using Atr.Domain.Keys;
using Atr.Tests.Fixtures;

namespace Atr.Tests.Domain.Keys;

/// <summary>
/// A KEYS file with everything real ones hold (Fixtures/Wild/make-wild.sh, GnuPG 2.2 and 1.4): Atr takes exactly the
/// keys GnuPG 2.2 imports, never throws, and judges each key from its own self-signatures only.
/// </summary>
public sealed class WildKeysTests
{
    private const string Popular = "06fff07b4567a3e0d00e920961357d292abc37e7";
    private const string V3Certified = "776c8b5e64ef22f90be931d793c56a3312d59c09";
    private const string Photo = "2a6a0b8e1b90de55136cc9ed61694a604e1c714b";
    private const string DamagedUserIds = "a77d52ba4d4da96cfde6196452e52879a460ed44";
    private const string Subkeys = "3f2356e7aa4b4622c725781bd565ceb296bd8009";
    private const string UnknownParts = "691e5438eed0dbf189279e6cd69233dd2b388545";
    private const string Twice = "f75f26b7362fd0d8c05f2021a0f4217b326941b9";
    private const string Revoked = "f8ec050c8ba6fbad6491ee344fe2f5cc420a91e1";
    private const string DsaElGamal = "c462e8c2b965f9cc179f9be3ba194b43266b41a8";
    private const string Md5Only = "bc5f09c0d95f5a94a345df8ad887d245baa27b25";
    private const string Version3 = "b56313cd8abdc96aff2f1d82947f8aac";
    private const string Latin1UserId = "427094e44e0498cc0037a52006b84bd93833e257";

    private static readonly Lazy<KeysFile> File = new(() => KeysFile.Read(Bytes()));

    [Fact]
    public void EveryKeyGnuPGImports_IsUsable_AndNoOther()
    {
        var expected = System.IO.File.ReadAllLines(FixtureFiles.PathOf("Wild/KEYS-wild.expected"));

        var usable = File.Value.Keys.Where(k => k.Reading.Key is not null).Select(k => k.Fingerprint);

        Assert.Equal(expected.Order(), usable.Order());
        Assert.Empty(File.Value.Errors);
    }

    [Fact]
    public async Task WhatGnuPGImportsNow_IsWhatAtrTakes()
    {
        var imported = await GnuPG.ImportedFingerprintsAsync(Bytes(), TestContext.Current.CancellationToken);

        Assert.Equal(imported.Order(), File.Value.Keys.Where(k => k.Reading.Key is not null).Select(k => k.Fingerprint).Order());
    }

    [Theory]
    [InlineData(Md5Only, "unusable: no user id with a valid self-signature")]
    [InlineData(Version3, "unusable: a version 3 key (PGP 2.x), which GnuPG 2.2 no longer accepts either")]
    public void KeysGnuPGRefuses_AreUnusable_NamingWhy(string fingerprint, string reason)
    {
        var candidate = Assert.Single(File.Value.Keys, k => k.Fingerprint == fingerprint);

        Assert.Null(candidate.Reading.Key);
        Assert.Equal(reason, candidate.Reading.Unusable);
    }

    [Fact]
    public void HundredsOfThirdPartyCertifications_AreLeftOut_OfTheStoredKey()
    {
        var key = Key(Popular);

        Assert.Equal(["Ursula Popular <ursula@example.org>"], key.UserIds);
        Assert.True(key.Armor.Length < 4096, $"{key.Armor.Length} characters of armour");
        Assert.Equal(Popular, KeyParser.Read(key.Armor).Fingerprint);
    }

    [Fact]
    public void Version2And3Certifications_ByOthers_DoNotStopTheKey() =>
        Assert.Equal(["Bea Bridges <bea@example.org>"], Key(V3Certified).UserIds);

    [Fact]
    public void APhotoId_IsNotAUserId_AndDoesNotStopTheKey() =>
        Assert.Equal(["Pia Photo <pia@example.org>"], Key(Photo).UserIds);

    [Fact]
    public void UserIdsWithoutAValidSelfSignature_AreLeftOut() =>
        Assert.Equal(["Dana Damaged <dana@example.org>"], Key(DamagedUserIds).UserIds);

    [Fact]
    public void ExpiredAndRevokedSubkeys_KeepTheirStates()
    {
        var subkeys = Key(Subkeys).Subkeys;

        Assert.Equal(3, subkeys.Count);
        Assert.Single(subkeys, s => s.CanSign && s.Revoked is null && s.Expires < DateTime.UtcNow);
        Assert.Single(subkeys, s => s.CanSign && s.Revoked is not null);
        Assert.Single(subkeys, s => !s.CanSign && s.Revoked is null && s.Expires is null);
    }

    [Fact]
    public void MarkerTrustUnknownPacketsAndAnUnknownAlgorithm_AreSkipped()
    {
        var key = Key(UnknownParts);

        Assert.Equal(["Fiona Future <fiona@example.org>"], key.UserIds);
        Assert.DoesNotContain(key.Subkeys, s => s.CanSign);
    }

    [Fact]
    public void ThreeKeysInOneBlock_AreThreeKeysOfThatBlock()
    {
        var trio = File.Value.Keys.Where(k => k.Reading.Key?.UserIds[0].StartsWith("Trio ", StringComparison.Ordinal) == true).ToList();

        Assert.Equal(3, trio.Count);
        Assert.Single(trio.Select(k => k.Block).Distinct());
    }

    [Fact]
    public void TheSameKeyTwice_IsOneKey_WithWhatBothCopiesSay()
    {
        var copies = File.Value.Keys.Where(k => k.Fingerprint == Twice).ToList();

        var key = Assert.Single(copies).Reading.Key!;
        Assert.Equal(2, key.UserIds.Count);
        Assert.Null(key.Expires);
    }

    [Fact]
    public void ARevokedKey_IsRevoked() => Assert.NotNull(Key(Revoked).Revoked);

    [Fact]
    public void ADsaKeyWithAnElGamalSubkey_SignsWithItsPrimary()
    {
        var key = Key(DsaElGamal);

        Assert.Equal("DSA 1024", KeyParser.Describe(key.Algorithm, key.Length, key.Curve));
        Assert.True(key.CanSign);
        Assert.False(Assert.Single(key.Subkeys).CanSign);
    }

    [Fact]
    public void ALatin1UserId_IsReadAsLatin1() =>
        Assert.Equal(["François Lefèvre <francois@example.org>"], Key(Latin1UserId).UserIds);

    [Fact]
    public async Task TheStoredArmour_ImportsIntoGnuPG_AsTheSameKeys()
    {
        var usable = File.Value.Keys.Select(k => k.Reading.Key).OfType<ParsedKey>().ToList();
        var text = string.Join("\n", usable.Select(k => k.Armor));

        var imported = await GnuPG.ImportedFingerprintsAsync(Encoding.ASCII.GetBytes(text), TestContext.Current.CancellationToken);

        Assert.Equal(usable.Select(k => k.Fingerprint).Order(), imported.Order());
    }

    private static ParsedKey Key(string fingerprint) =>
        Assert.Single(File.Value.Keys, k => k.Fingerprint == fingerprint).Reading.Key!;

    private static byte[] Bytes() => System.IO.File.ReadAllBytes(FixtureFiles.PathOf("Wild/KEYS-wild"));
}
