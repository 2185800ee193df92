namespace Atr.Tests.Domain.Keys;

/// <summary>The GnuPG-made keys of Fixtures/Keys (make-keys.sh) and their fingerprints.</summary>
public static class KeyFixtures
{
    public const string Rsa = "c9eba97585bc28909f22377170af7f7402d2e171";
    public const string Ed25519 = "1037b077f66f47512b123731e92392dd8396eaf0";
    public const string SubkeyExpired = "f7113ed2fe1e00543f3fce004e7aa9d71b1c72eb";
    public const string Revoked = "4d6d22a945f146438a740757104cb20e9f56c73f";
    public const string Expired = "cd66493762aed3efd88a8b7aaaf2490442f6317a";

    public static string Text(string name) => File.ReadAllText(Atr.Tests.Fixtures.FixtureFiles.PathOf(Path.Combine("Keys", name)));
}
