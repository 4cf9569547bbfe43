using System.Buffers.Binary;
using System.Runtime.Serialization;
using System.Text;
using Akka.Actor;
using Akka.Serialization;
using CommunityCluster.Core.Storage;
using CommunityCluster.Hosting;
using CommunityCluster.Photos.Chunks;
using CommunityCluster.Photos.Entity;

namespace CommunityCluster.Photos;

/// <summary>
/// PhotoHub's wire contract. Pieces carry bytes, so they get a compact binary form (no base64):
/// <c>[id length:u16][id utf8][offset:i32][chunk length:i32][data]</c>. Everything else is
/// versioned JSON (<see cref="VersionedJsonSerializer"/>).
/// </summary>
public sealed class PhotoHubSerializer : SerializerWithStringManifest
{
    private const string StorePieceManifest = "store-piece.v1";
    private const string PieceDataManifest = "piece-data.v1";

    public static readonly IReadOnlyDictionary<string, Type> JsonContract = new Dictionary<string, Type>(StringComparer.Ordinal)
    {
        ["piece-stored.v1"] = typeof(PieceStored),
        ["piece-refused.v1"] = typeof(PieceRefused),
        ["read-piece.v1"] = typeof(ReadPiece),
        ["piece-unavailable.v1"] = typeof(PieceUnavailable),
        ["manifest.v1"] = typeof(PhotoManifest),
        ["plan-upload.v1"] = typeof(PlanUpload),
        ["upload-plan.v1"] = typeof(UploadPlan),
        ["already-stored.v1"] = typeof(AlreadyStored),
        ["commit-upload.v1"] = typeof(CommitUpload),
        ["upload-committed.v1"] = typeof(UploadCommitted),
        ["replica-completed.v1"] = typeof(ReplicaCompleted),
        ["ensure-replication.v1"] = typeof(EnsureReplication),
        ["replication-ensured.v1"] = typeof(ReplicationEnsured),
        ["delete-photo.v1"] = typeof(DeletePhoto),
        ["photo-deleted.v1"] = typeof(PhotoDeleted),
        ["photo-not-found.v1"] = typeof(PhotoNotFound),
        ["fill-replica.v1"] = typeof(FillReplica),
        ["fill-declined.v1"] = typeof(FillDeclined),
        ["move-copy.v1"] = typeof(MoveCopy),
        ["drop-extra-copy.v1"] = typeof(DropExtraCopy),
        ["rebalance-step-taken.v1"] = typeof(RebalanceStepTaken),
    };

    private readonly JsonPart _json;

    public PhotoHubSerializer(ExtendedActorSystem system) : base(system) => _json = new JsonPart(system);

    public override int Identifier => 7103;

    public override string Manifest(object o) => o switch
    {
        StorePiece => StorePieceManifest,
        PieceData => PieceDataManifest,
        _ => _json.Manifest(o),
    };

    public override byte[] ToBinary(object obj) => obj switch
    {
        StorePiece p => Encode(p.TransferId + "/" + p.ChunkId, p.Offset, p.ChunkLength, p.Data),
        PieceData p => Encode(p.ChunkId, p.Offset, 0, p.Data),
        _ => _json.ToBinary(obj),
    };

    public override object FromBinary(byte[] bytes, string manifest)
    {
        switch (manifest)
        {
            case StorePieceManifest:
                {
                    var (id, offset, length, data) = Decode(bytes);
                    var slash = id.IndexOf('/', StringComparison.Ordinal);
                    return new StorePiece(id[..slash], id[(slash + 1)..], offset, length, data);
                }

            case PieceDataManifest:
                {
                    var (id, offset, _, data) = Decode(bytes);
                    return new PieceData(id, offset, data);
                }

            default:
                return _json.FromBinary(bytes, manifest);
        }
    }

    private static byte[] Encode(string id, int offset, int length, byte[] data)
    {
        var idBytes = Encoding.UTF8.GetBytes(id);
        var buffer = new byte[2 + idBytes.Length + 8 + data.Length];
        BinaryPrimitives.WriteUInt16LittleEndian(buffer, (ushort)idBytes.Length);
        idBytes.CopyTo(buffer, 2);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(2 + idBytes.Length), offset);
        BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(6 + idBytes.Length), length);
        data.CopyTo(buffer, 10 + idBytes.Length);
        return buffer;
    }

    private static (string Id, int Offset, int Length, byte[] Data) Decode(byte[] bytes)
    {
        if (bytes.Length < 10)
            throw new SerializationException("piece message too short");

        var idLength = BinaryPrimitives.ReadUInt16LittleEndian(bytes);
        if (bytes.Length < 10 + idLength)
            throw new SerializationException("piece message shorter than its id");

        var id = Encoding.UTF8.GetString(bytes, 2, idLength);
        var offset = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(2 + idLength));
        var length = BinaryPrimitives.ReadInt32LittleEndian(bytes.AsSpan(6 + idLength));
        return (id, offset, length, bytes[(10 + idLength)..]);
    }

    private sealed class JsonPart(ExtendedActorSystem system) : VersionedJsonSerializer(system, JsonContract)
    {
        public override int Identifier => 7103;
    }
}
