using System.Text;
using Org.BouncyCastle.Bcpg;
using Org.BouncyCastle.Bcpg.OpenPgp;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace Atr.Domain.Demo;

/// <summary>
/// Real Ed25519 signing keys for the demo's release managers, made afresh for each demo database, so that the demo's
/// signatures verify like any others. The secret halves live only while the demo is seeded.
/// </summary>
internal sealed class DemoKeys
{
    private static readonly SecureRandom Random = new();
    private readonly Dictionary<string, (PgpPublicKeyRing Ring, PgpPrivateKey Secret)> _keys = [];

    public DemoKeys(IEnumerable<DemoUser> owners, DateTime created)
    {
        foreach (var owner in owners)
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(Random));
            var pair = new PgpKeyPair(PublicKeyAlgorithmTag.EdDsa_Legacy, generator.GenerateKeyPair(), created);
            var flags = new PgpSignatureSubpacketGenerator();
            flags.SetKeyFlags(false, PgpKeyFlags.CanSign | PgpKeyFlags.CanCertify);
            var rings = new PgpKeyRingGenerator(PgpSignature.PositiveCertification, pair, $"{owner.FullName} <{owner.Email}>",
                SymmetricKeyAlgorithmTag.Null, HashAlgorithmTag.Sha512, Array.Empty<char>(), false, flags.Generate(), null, Random);
            _keys[owner.Id] = (rings.GeneratePublicKeyRing(), pair.PrivateKey);
        }
    }

    public IReadOnlyCollection<string> Owners => _keys.Keys;

    public string Fingerprint(string owner) => Convert.ToHexStringLower(_keys[owner].Ring.GetPublicKey().GetFingerprint());

    public string Armor(string owner) => Keys.OpenPgp.Armor.Encode(_keys[owner].Ring.GetEncoded());

    /// <summary>A detached, ASCII-armoured SHA-512 signature of <paramref name="content"/>, made at <paramref name="at"/>.</summary>
    public byte[] Sign(string owner, byte[] content, DateTime at)
    {
        var (ring, secret) = _keys[owner];
        var signer = new PgpSignatureGenerator(PublicKeyAlgorithmTag.EdDsa_Legacy, HashAlgorithmTag.Sha512);
        signer.InitSign(PgpSignature.BinaryDocument, secret);
        var hashed = new PgpSignatureSubpacketGenerator();
        hashed.SetSignatureCreationTime(false, at);
        hashed.SetIssuerFingerprint(false, ring.GetPublicKey());
        signer.SetHashedSubpackets(hashed.Generate());
        signer.Update(content);
        using var buffer = new MemoryStream();
        using (var armored = ArmoredOutputStream.Build().Build(buffer))
        {
            signer.Generate().Encode(armored);
        }

        return Encoding.ASCII.GetBytes(Encoding.ASCII.GetString(buffer.ToArray()).ReplaceLineEndings("\n"));
    }
}
