using Akka.Actor;
using CommunityCluster.Core.Storage;
using CommunityCluster.Photos.Chunks;
using CommunityCluster.Photos.Entity;

namespace CommunityCluster.Photos.Tests;

public sealed class PhotoHubSerializerSpecs : IDisposable
{
    private readonly ActorSystem _system = ActorSystem.Create("photohub-serializer-specs");
    private readonly PhotoHubSerializer _serializer;

    public PhotoHubSerializerSpecs() => _serializer = new PhotoHubSerializer((ExtendedActorSystem)_system);

    public void Dispose() => _system.Dispose();

    private object RoundTrip(object message) => _serializer.FromBinary(_serializer.ToBinary(message), _serializer.Manifest(message));

    [Fact]
    public void Serializer_should_carry_piece_bytes_in_binary_with_little_overhead()
    {
        var data = new byte[ChunkLayout.PieceSize];
        new Random(1).NextBytes(data);
        var piece = new StorePiece("transfer-1", new string('a', 64), 3 * ChunkLayout.PieceSize, 1_000_000, data);

        var bytes = _serializer.ToBinary(piece);
        var copy = (StorePiece)RoundTrip(piece);

        Assert.True(bytes.Length < ChunkLayout.PieceSize + 100, $"{bytes.Length} bytes for a {ChunkLayout.PieceSize}-byte piece");
        Assert.True(bytes.Length < 85_000, "a piece must stay below the large object heap threshold");
        Assert.Equal((piece.TransferId, piece.ChunkId, piece.Offset, piece.ChunkLength), (copy.TransferId, copy.ChunkId, copy.Offset, copy.ChunkLength));
        Assert.Equal(data, copy.Data);
        Assert.Equal(data, ((PieceData)RoundTrip(new PieceData("c", 7, data))).Data);
    }

    [Fact]
    public void Serializer_should_round_trip_manifests_and_entity_commands()
    {
        var manifest = new PhotoManifest(new string('b', 64), 10, "image/jpeg", "x.jpg", [new ChunkRef(new string('c', 64), 10)], ["n1"],
            [new PendingReplica("n2", DateTimeOffset.UnixEpoch)], DateTimeOffset.UnixEpoch, null);
        object[] messages =
        [
            new PlanUpload(manifest.PhotoId, 10),
            new UploadPlan(manifest.PhotoId, [new ReplicaTarget("n1", "home", "akka.tcp://community@h:1")], 2),
            new CommitUpload(manifest.PhotoId, 10, "image/jpeg", "x.jpg", manifest.Chunks, ["n1"], ["n2"]),
            new ReadPiece("c", 0, 10), new PieceStored("t", "c", 0, true), new PieceRefused("t", "c", "quota"),
            new FillReplica(manifest.PhotoId), new ReplicaCompleted(manifest.PhotoId, "n2"),
            new FillDeclined(manifest.PhotoId, "n2", "quota"),
            new MoveCopy(manifest.PhotoId, "n3", "n1"), new DropExtraCopy(manifest.PhotoId, "n1"),
            new RebalanceStepTaken(manifest.PhotoId, false, "a fill is running"),
        ];

        var copy = (PhotoManifest)RoundTrip(manifest);

        Assert.Equal(manifest.Chunks, copy.Chunks);
        Assert.Equal(manifest.Pending, copy.Pending);
        Assert.Equal(manifest.Replicas, copy.Replicas);
        foreach (var message in messages)
            Assert.Equal(message.GetType(), RoundTrip(message).GetType());
    }

    /// <summary>
    /// A plan for replacements names the nodes tried already; a plan request from a node of the
    /// previous version, without that list, still reads as a plan with nothing to avoid.
    /// </summary>
    [Fact]
    public void Plan_upload_should_carry_the_nodes_to_avoid_and_read_without_them()
    {
        var photoId = new string('b', 64);
        var replan = (PlanUpload)RoundTrip(new PlanUpload(photoId, 10, Replicas: null, Avoid: ["n1", "n4"]));
        var previousJson = $$"""{"PhotoId":"{{photoId}}","Size":10,"Replicas":null}""";
        var previous = (PlanUpload)_serializer.FromBinary(
            System.Text.Encoding.UTF8.GetBytes(previousJson), "plan-upload.v1");

        Assert.Equal(["n1", "n4"], replan.Avoid);
        Assert.Null(previous.Avoid);
        Assert.Equal(10, previous.Size);
    }

    [Fact]
    public void Serializer_should_refuse_a_truncated_piece()
    {
        var bytes = _serializer.ToBinary(new PieceData(new string('d', 64), 0, [1, 2, 3]));

        Assert.Throws<System.Runtime.Serialization.SerializationException>(() => _serializer.FromBinary(bytes[..20], "piece-data.v1"));
    }
}
