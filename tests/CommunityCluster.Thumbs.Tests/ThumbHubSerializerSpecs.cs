using Akka.Actor;
using Akka.Configuration;
using CommunityCluster.Thumbs.Jobs;
using CommunityCluster.Thumbs.Records;
using CommunityCluster.Thumbs.Routing;

namespace CommunityCluster.Thumbs.Tests;

/// <summary>Every message and stored record of ThumbHub's contract survives a round trip by its manifest.</summary>
public sealed class ThumbHubSerializerSpecs : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 18, 0, 0, TimeSpan.Zero);

    private readonly ActorSystem _system = ActorSystem.Create("serializer-specs",
        ConfigurationFactory.FromResource<ThumbHubSerializer>("CommunityCluster.Thumbs.thumbhub.conf"));

    public void Dispose() => _system.Dispose();

    public static TheoryData<object> Samples()
    {
        var blob = new ThumbnailBlob(new string('a', 64), "image/jpeg", 375, 250, 22_949);
        var record = ThumbnailRecord.Queued(new string('b', 64), At) with
        {
            State = ThumbnailState.Ready,
            Small = blob,
            Large = blob,
            Attempt = 2,
            Timings = new JobTimings(12, 340, 95, 2100),
        };
        return new TheoryData<object>
        {
            record,
            new WorkerStatus("akka.tcp://community@h:4054", "n1", "home-1", 2, 900, 120, 150_000, 7, At, 2400),
            new QueueThumbnails(record.PhotoId, "akka.tcp://community@h:4054", "latency-aware: move 0 ms"),
            new ThumbnailsQueued(record.PhotoId, record),
            new ResumeJob(record.PhotoId),
            new ForgetThumbnails(record.PhotoId),
            new RenderThumbnails(record.PhotoId, 3),
            new JobProgress(record.PhotoId, 3, "rendering", 40, "home-2"),
            new JobFinished(record.PhotoId, 3, "akka.tcp://community@h:4054", ThumbnailState.NoPreview,
                "too-many-pixels", "280 MP", null, null, 12.5, new JobTimings(0, 40, 12, 0)),
            new JobFinishedAck(record.PhotoId, 3, true),
        };
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Contract_messages_should_round_trip(object message)
    {
        var serializer = (ThumbHubSerializer)_system.Serialization.FindSerializerFor(message);

        var copy = serializer.FromBinary(serializer.ToBinary(message), serializer.Manifest(message));

        Assert.Equal(System.Text.Json.JsonSerializer.Serialize(message),
            System.Text.Json.JsonSerializer.Serialize(copy));
        Assert.Equal(message.GetType(), copy.GetType());
    }

    [Fact]
    public void A_status_and_a_record_stored_before_the_stage_times_should_still_read()
    {
        var status = new WorkerStatus("akka.tcp://community@h:4054", "n1", "home-1", 2, 900, 120, 150_000, 7, At, 2400);
        var record = ThumbnailRecord.Queued(new string('c', 64), At) with { Timings = new JobTimings(1, 2, 3, 4) };
        var serializer = (ThumbHubSerializer)_system.Serialization.FindSerializerFor(status);

        var oldStatus = (WorkerStatus)serializer.FromBinary(Without(serializer.ToBinary(status), "msPerStore"),
            "worker-status.v1");
        var oldRecord = (ThumbnailRecord)serializer.FromBinary(Without(serializer.ToBinary(record), "timings"),
            "thumbnail-record.v1");

        Assert.Equal(status with { MsPerStore = null }, oldStatus);
        Assert.Equal(record with { Timings = null }, oldRecord);
    }

    [Fact]
    public void Every_contract_type_should_have_a_versioned_manifest()
    {
        Assert.All(ThumbHubSerializer.Contract.Keys, m => Assert.Matches(@"^[a-z-]+\.v\d+$", m));
        Assert.Equal(ThumbHubSerializer.Contract.Count, Samples().Count);
    }

    /// <summary>The JSON as a version without <paramref name="field"/> wrote it.</summary>
    private static byte[] Without(byte[] json, string field)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        Assert.True(node.Remove(field), $"the sample has no {field}");
        return System.Text.Encoding.UTF8.GetBytes(node.ToJsonString());
    }
}
