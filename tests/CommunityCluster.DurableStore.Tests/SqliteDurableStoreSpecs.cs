using Akka.Actor;
using Akka.Cluster;
using Akka.Configuration;
using Akka.DistributedData;
using Akka.DistributedData.Durable;
using CommunityCluster.Testing;
using Microsoft.Data.Sqlite;

namespace CommunityCluster.DurableStore.Tests;

/// <summary>The store speaks the replicator's durable protocol and keeps what it acknowledged.</summary>
public sealed class SqliteDurableStoreSpecs : Akka.TestKit.Xunit2.TestKit, IDisposable
{
    private static readonly Config TestConfig = ConfigurationFactory.ParseString("akka.actor.provider = cluster")
        .WithFallback(DistributedData.DefaultConfig());

    private static readonly UniqueAddress Writer = new(new Address("akka.tcp", "community", "127.0.0.1", 4054), 17);

    private readonly TestFolder _folder = new(nameof(SqliteDurableStoreSpecs));

    public SqliteDurableStoreSpecs() : base(TestConfig)
    {
    }

    private string DatabasePath => _folder.Combine("ddata", "durable.sqlite");

    private IActorRef StartStore(string writeBehind = "off") =>
        Sys.ActorOf(SqliteDurableStore.Props(ConfigurationFactory.ParseString(
            $"sqlite {{ path = \"{DatabasePath}\", write-behind-interval = {writeBehind} }}")));

    private static DurableDataEnvelope Counter(ulong value) => new(GCounter.Empty.Increment(Writer, value));

    private void StopAndWait(IActorRef store)
    {
        Watch(store);
        Sys.Stop(store);
        ExpectTerminated(store);
    }

    [Fact]
    public void Store_should_answer_LoadAll_of_a_new_file_with_completion_only()
    {
        var store = StartStore();

        store.Tell(LoadAll.Instance);

        ExpectMsg<LoadAllCompleted>();
        Assert.True(File.Exists(DatabasePath));
    }

    [Fact]
    public void Store_should_load_after_a_restart_what_it_acknowledged()
    {
        var store = StartStore();
        store.Tell(LoadAll.Instance);
        ExpectMsg<LoadAllCompleted>();
        store.Tell(new Store("durable:count", Counter(3), new StoreReply("stored", "failed", TestActor)));
        store.Tell(new Store("durable:count", Counter(5), new StoreReply("stored-again", "failed", TestActor)));
        ExpectMsg("stored");
        ExpectMsg("stored-again");
        StopAndWait(store);

        var reopened = StartStore();
        reopened.Tell(LoadAll.Instance);

        var loaded = ExpectMsg<LoadData>();
        ExpectMsg<LoadAllCompleted>();
        var counter = Assert.IsType<GCounter>(Assert.Single(loaded.Data).Value.Data);
        Assert.Equal(5UL, counter.Value);
    }

    [Fact]
    public void Store_should_write_batched_entries_before_it_stops()
    {
        var store = StartStore(writeBehind: "10 s");
        store.Tell(LoadAll.Instance);
        ExpectMsg<LoadAllCompleted>();
        store.Tell(new Store("durable:a", Counter(1), new StoreReply("a", "failed", TestActor)));
        store.Tell(new Store("durable:b", Counter(2), new StoreReply("b", "failed", TestActor)));
        ExpectMsg("a");
        ExpectMsg("b");

        StopAndWait(store);

        var reopened = StartStore();
        reopened.Tell(LoadAll.Instance);
        Assert.Equal(["durable:a", "durable:b"], ExpectMsg<LoadData>().Data.Keys.Order());
    }

    [Fact]
    public void DurableFile_should_refuse_a_file_from_a_newer_version()
    {
        using (var file = SqliteDurableFile.Open(DatabasePath))
            file.Write([new StoredRow("durable:x", [1, 2, 3])]);
        using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var bump = connection.CreateCommand();
            bump.CommandText = "INSERT INTO schema_version(version) VALUES (99)";
            bump.ExecuteNonQuery();
        }

        var error = Assert.Throws<InvalidOperationException>(() => SqliteDurableFile.Open(DatabasePath));

        Assert.Contains("schema version 99", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DurableFile_should_refuse_a_file_that_is_not_a_database()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(DatabasePath)!);
        File.WriteAllBytes(DatabasePath, Enumerable.Repeat((byte)0x5A, 8192).ToArray());

        Assert.Throws<SqliteException>(() => SqliteDurableFile.Open(DatabasePath));
    }

    [Fact]
    public void DurableFile_should_keep_the_last_write_of_a_key()
    {
        using (var file = SqliteDurableFile.Open(DatabasePath))
        {
            file.Write([new StoredRow("durable:k", [1])]);
            file.Write([new StoredRow("durable:k", [2]), new StoredRow("durable:other", [3])]);
        }

        using var reopened = SqliteDurableFile.Open(DatabasePath);
        var rows = reopened.ReadAll().ToDictionary(r => r.Key, r => r.Payload);

        Assert.Equal([2], rows["durable:k"]);
        Assert.Equal(2, rows.Count);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
            _folder.Dispose();
    }

    void IDisposable.Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }
}
