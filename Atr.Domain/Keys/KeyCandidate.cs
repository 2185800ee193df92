using Atr.Domain.Common;
using Atr.Domain.Keys.OpenPgp;

namespace Atr.Domain.Keys;

/// <summary>What a key turned out to be once its self-signatures were verified: usable, or not and why.</summary>
/// <param name="Unusable">Why the key cannot be used ("no user id with a valid self-signature", ...), when it cannot.</param>
public sealed record KeyReading(ParsedKey? Key, string? Unusable);

/// <summary>
/// One transferable public key as read from a block, before anything about it is verified: its primary key, its user
/// ids, photo ids and subkeys, and only the signatures that its own key may have made. Its <see cref="Reading"/> is
/// worked out once, on first use.
/// </summary>
public sealed class KeyCandidate
{
    private readonly List<SignaturePacket> _direct = [];
    private readonly List<Component> _components = [];
    private readonly Lazy<KeyReading> _reading;

    internal KeyCandidate(int block, Packet primary)
    {
        Block = block;
        try
        {
            Primary = KeyMaterial.Parse(primary.Body);
            Fingerprint = Primary.FingerprintHex;
        }
        catch (DomainException e)
        {
            Error = e.Message;
            Fingerprint = $"unreadable key in block {block}";
        }

        PrimaryRaw = primary.Raw;
        _reading = new Lazy<KeyReading>(() => KeyParser.Judge(this), LazyThreadSafetyMode.ExecutionAndPublication);
    }

    /// <summary>The block (from 1) the key first appears in.</summary>
    public int Block { get; }

    /// <summary>Lower-case hex fingerprint of the primary key (32 digits for PGP 2.x keys).</summary>
    public string Fingerprint { get; }

    /// <summary>The key verified: its self-signatures, revocations and subkey bindings judged, once.</summary>
    public KeyReading Reading => _reading.Value;

    /// <summary>Whether <see cref="Reading"/> has been worked out (its self-signatures verified) yet.</summary>
    internal bool Verified => _reading.IsValueCreated;

    /// <summary>Whether the primary key or one of the subkeys has this key id (unverified: a subkey may lack its binding).</summary>
    public bool Has(ulong keyId) => Primary?.KeyId == keyId || _components.Any(c => c.Subkey?.KeyId == keyId);

    internal KeyMaterial? Primary { get; }

    internal ReadOnlyMemory<byte> PrimaryRaw { get; }

    /// <summary>Why the primary key packet could not be read.</summary>
    internal string? Error { get; }

    internal IReadOnlyList<SignaturePacket> Direct => _direct;

    internal IReadOnlyList<Component> Components => _components;

    internal Component Add(Packet packet)
    {
        KeyMaterial? subkey = null;
        string? error = null;
        if (packet.Tag == PacketTag.PublicSubkey)
        {
            try
            {
                subkey = KeyMaterial.Parse(packet.Body);
            }
            catch (DomainException e)
            {
                error = e.Message;
            }
        }

        var component = new Component(packet, subkey, error);
        _components.Add(component);
        return component;
    }

    /// <summary>Keeps a signature that follows the primary key or <paramref name="component"/> when its key may have made it.</summary>
    internal void Attach(Component? component, Packet packet)
    {
        if (Primary is null)
        {
            return;
        }

        var (keyId, fingerprint) = SignaturePacket.IssuerOf(packet.Body.Span);
        if ((fingerprint is not null && !fingerprint.AsSpan().SequenceEqual(Primary.Fingerprint)) || (keyId is { } id && id != Primary.KeyId))
        {
            return;
        }

        SignaturePacket signature;
        try
        {
            signature = SignaturePacket.Parse(packet.Body, packet.Raw);
        }
        catch (DomainException)
        {
            // A self-signature Atr cannot read counts as none, as GnuPG ignores one it cannot check.
            return;
        }

        (component?.Signatures ?? _direct).Add(signature);
    }

    /// <summary>Adds what another copy of the same key holds that this one lacks.</summary>
    internal void Merge(KeyCandidate copy)
    {
        foreach (var signature in copy._direct.Where(s => !_direct.Any(d => d.Raw.Span.SequenceEqual(s.Raw.Span))))
        {
            _direct.Add(signature);
        }

        foreach (var other in copy._components)
        {
            var same = _components.FirstOrDefault(c => c.Tag == other.Tag && c.Body.Span.SequenceEqual(other.Body.Span));
            if (same is null)
            {
                _components.Add(other);
                continue;
            }

            same.Signatures.AddRange(other.Signatures.Where(s => !same.Signatures.Any(d => d.Raw.Span.SequenceEqual(s.Raw.Span))));
        }
    }
}
