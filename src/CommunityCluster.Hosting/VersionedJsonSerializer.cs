using System.Runtime.Serialization;
using System.Text.Json;
using Akka.Actor;
using Akka.Serialization;

namespace CommunityCluster.Hosting;

/// <summary>
/// JSON for a versioned wire contract: each message type has a manifest that names its shape and
/// version (<c>profile.v1</c>). A changed shape gets a new manifest, and the old entry stays in
/// the table so the old bytes remain readable (STYLE.md habit 4).
/// </summary>
public abstract class VersionedJsonSerializer(ExtendedActorSystem system, IReadOnlyDictionary<string, Type> contract)
    : SerializerWithStringManifest(system)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly Dictionary<Type, string> _manifests = contract.ToDictionary(p => p.Value, p => p.Key);

    public override string Manifest(object o) =>
        _manifests.TryGetValue(o.GetType(), out var manifest)
            ? manifest
            : throw new ArgumentException($"{o.GetType()} is not part of the {GetType().Name} contract", nameof(o));

    public override byte[] ToBinary(object obj) => JsonSerializer.SerializeToUtf8Bytes(obj, obj.GetType(), Json);

    public override object FromBinary(byte[] bytes, string manifest) =>
        contract.TryGetValue(manifest, out var type)
            ? JsonSerializer.Deserialize(bytes, type, Json) ?? throw new SerializationException($"empty {manifest} payload")
            : throw new SerializationException($"unknown manifest '{manifest}' for {GetType().Name}");
}
