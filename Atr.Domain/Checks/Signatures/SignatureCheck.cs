using System.Globalization;
using Atr.Domain.Common;
using Atr.Domain.Keys;
using Atr.Domain.Keys.OpenPgp;
using Atr.Domain.Tasks;

namespace Atr.Domain.Checks.Signatures;

/// <summary>
/// Verifies the detached ASCII-armoured OpenPGP signatures of <c>artifact.asc</c> (one or several, version 2, 3 or 4)
/// over its artifact (the path without <c>.asc</c>) against the keys linked to the release's committee, with one row
/// per signature. The file passes when at least one signature is good and none is bad; a signature by a key the
/// committee does not have then only warns, naming the key. A signature counts only when it verifies over
/// the artifact's bytes with a weak-hash-free digest, and its key, or signing subkey, is the committee's, may sign,
/// is not revoked, was not expired when it signed and is not expired now. A subkey signs only with its primary key's
/// binding and its own back-signature. Stricter than <c>gpg --verify</c>, which reports a good signature by an
/// expired or revoked key as good, with a warning, and accepts text-mode signatures, whose meaning for a binary
/// archive depends on how its bytes are read as lines.
/// </summary>
public sealed class SignatureCheck : ICheck
{
    /// <summary>Larger than any detached signature: anything bigger is not one.</summary>
    public const int MaxSignatureFileBytes = 64 * 1024;

    private const int BufferSize = 1 << 20;

    /// <summary>More signatures than anyone makes over one file; each one costs a pass over the artifact.</summary>
    public const int MaxSignatures = 16;

    public string Key => "signature";

    public string Version => "2";

    public TaskType TaskType => TaskType.SignatureCheck;

    public bool RevisionWide => false;

    public bool ReadsCommitteeKeys => true;

    public bool AppliesTo(string path) => path.EndsWith(".asc", StringComparison.Ordinal) && path.Length > ".asc".Length;

    /// <summary>The artifact a signature belongs to: its path without <c>.asc</c>.</summary>
    public static string ArtifactPath(string signaturePath) => signaturePath[..^".asc".Length];

    public string DescribeInputs(CheckSubject subject)
    {
        var artifact = ArtifactPath(subject.PrimaryPath!);
        return $"{subject.PrimaryFile.Sha256}\n{artifact}\n{subject.Files.Find(artifact)?.Sha256 ?? "missing"}\n{subject.Keys.Digest}";
    }

    public async Task RunAsync(CheckRun run, CancellationToken cancellationToken)
    {
        var signatureFile = run.Subject.PrimaryFile;
        var artifactPath = ArtifactPath(signatureFile.Path);
        var artifact = run.Subject.Files.Find(artifactPath);
        if (artifact is null)
        {
            run.Failure($"There is no {artifactPath} for this signature", new { reason = "missing-artifact", artifact = artifactPath });
            return;
        }

        if (signatureFile.Size > MaxSignatureFileBytes)
        {
            run.Failure($"The file is {signatureFile.Size:N0} bytes: too large to be a detached signature",
                new { reason = "malformed", size = signatureFile.Size });
            return;
        }

        byte[] armour;
        await using (var content = await run.OpenAsync(signatureFile, cancellationToken))
        {
            using var buffer = new MemoryStream();
            await content.CopyToAsync(buffer, cancellationToken);
            armour = buffer.ToArray();
        }

        if (Read(armour) is not { } signatures)
        {
            run.Failure("The file is not an ASCII-armoured OpenPGP signature (\"-----BEGIN PGP SIGNATURE-----\")", new { reason = "malformed" });
            return;
        }

        if (signatures.Count > MaxSignatures)
        {
            run.Failure($"The file holds {signatures.Count} signatures; at most {MaxSignatures} are verified", new { reason = "malformed", signatures = signatures.Count });
            return;
        }

        var keys = run.Subject.Keys;
        var verdicts = signatures.Select(signature => Judge(signature, keys)).ToList();
        var candidates = verdicts.Where(v => v.Signer is not null).ToList();
        if (candidates.Count > 0)
        {
            await VerifyAsync(run, artifact, candidates, cancellationToken);
        }

        var good = verdicts.Count(v => v.Good);
        foreach (var verdict in verdicts)
        {
            Report(run, artifactPath, verdict, good);
        }
    }

    /// <summary>Everything that can be said about one signature before reading the artifact.</summary>
    private static Verdict Judge((SignaturePacket? Packet, string? Error) read, CommitteeKeys keys)
    {
        if (read.Packet is not { } signature)
        {
            return new Verdict(null, "", default) { Reason = "malformed", Problem = $"A signature in the file cannot be read: {read.Error}" };
        }

        var issuer = signature.Issuer;
        var keyId = issuer?.ToString("X16", CultureInfo.InvariantCulture) ?? "(none)";
        var signed = DateTime.SpecifyKind(signature.Created, DateTimeKind.Utc);
        var verdict = new Verdict(signature, keyId, signed);
        if (signature.Type == SignatureType.TextDocument)
        {
            return verdict with
            {
                Reason = "text-mode",
                Problem = "The signature was made in text mode (gpg --textmode), which rewrites line endings before signing: sign release artifacts as binary",
            };
        }

        if (signature.Type != SignatureType.BinaryDocument)
        {
            return verdict with { Reason = "malformed", Problem = $"The signature is of type 0x{signature.Type:x2}, not a signature over a document" };
        }

        if (issuer is null)
        {
            return verdict with { Reason = "malformed", Problem = "The signature does not name the key that made it" };
        }

        if (keys.Find(issuer.Value) is not var (candidate, signer))
        {
            var known = keys.Source is null ? "The project belongs to no committee, so no key is accepted"
                : $"The key {keyId} is not among the {keys.Keys.Count} keys of {keys.Source}: add it there, or sign with one of them";
            return verdict with { Reason = "unknown-key", Problem = known };
        }

        if (candidate.Reading.Key is not { } owner)
        {
            return verdict with
            {
                Reason = "unusable-key",
                Problem = $"The key {KeyParser.Display(candidate.Fingerprint)} of {keys.Source} cannot be used: {candidate.Reading.Unusable}",
            };
        }

        verdict = verdict with { Owner = owner, Signer = signer, Problem = KeyProblem(owner, signer, signed, keys.At, out var reason), Reason = reason };
        if (verdict.Problem is null && PgpHashAlgorithm.IsBroken(signature.HashAlgorithm))
        {
            verdict = verdict with
            {
                Reason = "weak-hash",
                Problem = $"The signature uses {PgpHashAlgorithm.Name(signature.HashAlgorithm)}, a broken hash; sign with SHA-256 or SHA-512",
            };
        }

        return verdict;
    }

    /// <summary>Why the key may not have made this signature, or null when it may have.</summary>
    private static string? KeyProblem(ParsedKey owner, KeyMaterial key, DateTime signed, DateTime now, out string? reason)
    {
        var name = KeyParser.Display(owner.Fingerprint);
        reason = "revoked-key";
        if (owner.Revoked is { } revoked)
        {
            return $"The key {name} was revoked on {Day(revoked)}";
        }

        DateTime? expires = owner.Expires;
        if (key.FingerprintHex == owner.Fingerprint)
        {
            if (!owner.CanSign)
            {
                reason = "not-signing-key";
                return $"The key {name} may not sign: its self-signature does not grant the signing flag";
            }
        }
        else
        {
            var fingerprint = key.FingerprintHex;
            var subkey = owner.Subkeys.FirstOrDefault(s => s.Fingerprint == fingerprint);
            if (subkey is null)
            {
                reason = "not-signing-key";
                return $"The subkey {KeyParser.Display(fingerprint)} has no valid binding signature from its primary key {name}";
            }

            if (subkey.Revoked is { } subkeyRevoked)
            {
                return $"The subkey {KeyParser.Display(fingerprint)} of {name} was revoked on {Day(subkeyRevoked)}";
            }

            if (!subkey.CanSign)
            {
                reason = "not-signing-key";
                return subkey.BackSigned
                    ? $"The subkey {KeyParser.Display(fingerprint)} of {name} may not sign: its binding does not grant the signing flag"
                    : $"The subkey {KeyParser.Display(fingerprint)} of {name} may not sign: it has no valid back-signature (primary-key binding)";
            }

            expires = subkey.Expires is { } own && (expires is null || own < expires) ? own : expires;
            if (signed < subkey.Created)
            {
                reason = "bad-signature";
                return $"The signature claims {Day(signed)}, before its subkey existed ({Day(subkey.Created)})";
            }
        }

        reason = "expired-key";
        if (expires <= signed)
        {
            return $"The key {name} had expired ({Day(expires.Value)}) when the signature was made ({Day(signed)})";
        }

        if (expires <= now)
        {
            return $"The key {name} expired on {Day(expires.Value)}; extend its expiry and upload it again, or sign with a valid key";
        }

        if (signed < owner.Created)
        {
            reason = "bad-signature";
            return $"The signature claims {Day(signed)}, before its key existed ({Day(owner.Created)})";
        }

        reason = null;
        return null;
    }

    /// <summary>
    /// Streams the artifact once through every signature that names a committee key, or not at all when the runner
    /// kept hashes of it for them all.
    /// </summary>
    private static async Task VerifyAsync(CheckRun run, Revisions.ManifestEntry artifact, List<Verdict> candidates, CancellationToken cancellationToken)
    {
        var verifiers = new List<(Verdict Verdict, SignatureVerifier Verifier)>();
        try
        {
            foreach (var verdict in candidates)
            {
                try
                {
                    verifiers.Add((verdict, SignatureVerifier.For(verdict.Signature!, verdict.Signer!, algorithm => run.HashedContent(artifact, algorithm))));
                }
                catch (DomainException e)
                {
                    verdict.Unusable = $"The signature cannot be verified with its key: {e.Message}";
                }
            }

            var reading = verifiers.Select(v => v.Verifier).Where(v => v.NeedsContent).ToList();
            if (reading.Count > 0)
            {
                var buffer = new byte[BufferSize];
                await using var content = await run.OpenAsync(artifact, cancellationToken);
                int read;
                while ((read = await content.ReadAsync(buffer, cancellationToken)) > 0)
                {
                    foreach (var verifier in reading)
                    {
                        verifier.Append(buffer.AsSpan(0, read));
                    }
                }
            }

            foreach (var (verdict, verifier) in verifiers)
            {
                try
                {
                    verdict.Verified = verifier.Verify();
                }
                catch (DomainException e)
                {
                    verdict.Unusable = $"The signature cannot be verified: {e.Message}";
                }
            }
        }
        finally
        {
            foreach (var (_, verifier) in verifiers)
            {
                verifier.Dispose();
            }
        }
    }

    /// <summary>One row per signature; a signature by a key the committee lacks only warns when another signature is good.</summary>
    private static void Report(CheckRun run, string artifactPath, Verdict verdict, int good)
    {
        var artifactName = Storage.ReleasePath.FileName(artifactPath);
        var (reason, problem) = verdict.Unusable is { } unusable ? ("malformed", unusable)
            : verdict.Signer is not null && !verdict.Verified ? ("bad-signature", $"Bad signature: it does not match the content of {artifactName}")
            : (verdict.Reason, verdict.Problem);
        var data = new
        {
            reason,
            artifact = artifactPath,
            keyId = verdict.KeyId,
            signer = verdict.Owner?.Fingerprint,
            signingKey = verdict.Signer?.FingerprintHex,
            userId = verdict.Owner is { UserIds.Count: > 0 } signer ? signer.UserIds[0] : null,
            algorithm = verdict.Owner is { } owner ? KeyParser.Describe(owner.Algorithm, owner.Length, owner.Curve) : null,
            created = verdict.Signature is null ? (DateTime?)null : verdict.Signed,
            hash = verdict.Signature is { } packet ? PgpHashAlgorithm.Name(packet.HashAlgorithm) : null,
            signatures = good,
        };
        if (problem is null)
        {
            var by = data.userId is null ? KeyParser.Display(data.signer!) : $"{data.userId} ({KeyParser.Display(data.signer!)})";
            run.Success($"Good signature of {artifactName} by {by}, made {Day(verdict.Signed)}", data);
        }
        else if (reason == "unknown-key" && good > 0)
        {
            run.Warning($"{problem}. This signature was not checked; the file has {good} good {(good == 1 ? "signature" : "signatures")} by the committee's keys", data);
        }
        else
        {
            run.Failure(problem, data);
        }
    }

    /// <summary>
    /// The signatures of a detached signature file (one armour block or several, each with one or more signature
    /// packets; marker packets skipped), each read or with the reason it cannot be; null when the file is not one.
    /// </summary>
    private static List<(SignaturePacket? Packet, string? Error)>? Read(byte[] armour)
    {
        var blocks = Armor.Blocks(armour).Where(b => b.Kind == "SIGNATURE").ToList();
        if (blocks.Count == 0)
        {
            return null;
        }

        var signatures = new List<(SignaturePacket?, string?)>();
        try
        {
            foreach (var block in blocks)
            {
                foreach (var packet in Packets.Read(Armor.Decode(block)))
                {
                    switch (packet.Tag)
                    {
                        case PacketTag.Signature:
                            try
                            {
                                signatures.Add((SignaturePacket.Parse(packet.Body, packet.Raw), null));
                            }
                            catch (DomainException e)
                            {
                                signatures.Add((null, e.Message));
                            }

                            break;
                        case PacketTag.Marker or PacketTag.Padding:
                            break;
                        default:
                            // A detached signature is never compressed, and holds nothing but signatures.
                            return null;
                    }
                }
            }
        }
        catch (DomainException)
        {
            return null;
        }

        return signatures.Count > 0 ? signatures : null;
    }

    private static string Day(DateTime time) => time.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private sealed record Verdict(SignaturePacket? Signature, string KeyId, DateTime Signed)
    {
        public ParsedKey? Owner { get; init; }

        /// <summary>The committee's key or subkey the signature names, whatever its state.</summary>
        public KeyMaterial? Signer { get; init; }

        public string? Problem { get; init; }

        public string? Reason { get; init; }

        public bool Verified { get; set; }

        /// <summary>Why the signature could not be verified at all (an algorithm its key does not have, ...).</summary>
        public string? Unusable { get; set; }

        public bool Good => Verified && Problem is null && Unusable is null;
    }
}
