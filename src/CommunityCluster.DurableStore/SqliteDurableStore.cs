using System.Collections.Immutable;
using System.Diagnostics;
using Akka.Actor;
using Akka.Configuration;
using Akka.DistributedData.Durable;
using Akka.Event;
using Akka.Serialization;
using Microsoft.Data.Sqlite;

namespace CommunityCluster.DurableStore;

/// <summary>
/// Keeps the durable keys of a Distributed Data replicator in one SQLite file.
///
/// The replicator creates this actor from <c>durable.store-actor-class</c> with the
/// <c>durable</c> config section, sends <see cref="LoadAll"/> once, and expects zero or more
/// <see cref="LoadData"/> then one <see cref="LoadAllCompleted"/>; after that only
/// <see cref="Store"/>, answered through its <see cref="StoreReply"/> once the row is committed.
///
///   [Loading] --LoadAll--> [Active] --Store--> commit (or batch until WriteBehindTick)
///
/// Envelopes are written with the replicator's own serializer, so the stored form is the wire
/// form of Akka.DistributedData, versioned by Akka; the table has a schema version of its own.
/// </summary>
public sealed class SqliteDurableStore : ReceiveActor, IWithTimers
{
    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly SerializerWithStringManifest _serializer;
    private readonly string _manifest;
    private readonly string _path;
    private readonly TimeSpan _writeBehindInterval;
    private readonly Dictionary<string, DurableDataEnvelope> _pending = new(StringComparer.Ordinal);
    private SqliteDurableFile? _file;

    public SqliteDurableStore(Config durableConfig)
    {
        var config = durableConfig.GetConfig("sqlite")
            .WithFallback(ConfigurationFactory.FromResource<SqliteDurableStore>(
                "CommunityCluster.DurableStore.reference.conf").GetConfig("akka.cluster.distributed-data.durable.sqlite"));

        _path = Path.GetFullPath(config.GetString("path"));
        _writeBehindInterval = ReadWriteBehind(config.GetString("write-behind-interval", "off"));
        _serializer = (SerializerWithStringManifest)Context.System.Serialization
            .FindSerializerForType(typeof(DurableDataEnvelope));
        _manifest = _serializer.Manifest(new DurableDataEnvelope(Akka.DistributedData.GCounter.Empty));

        Receive<LoadAll>(_ => Load());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(Config durableConfig) => Akka.Actor.Props.Create(() => new SqliteDurableStore(durableConfig));

    protected override void PreStart()
    {
        _file = SqliteDurableFile.Open(_path);
        _log.Info("Durable data kept in SQLite file {Path}", _path);
    }

    protected override void PostRestart(Exception reason)
    {
        // Loading happens once per replicator; after a restart the store goes straight to work.
        base.PostRestart(reason);
        Become(Active);
    }

    protected override void PostStop()
    {
        FlushPending();
        _file?.Dispose();
        base.PostStop();
    }

    private void Load()
    {
        var watch = Stopwatch.StartNew();
        ImmutableDictionary<string, DurableDataEnvelope> data;
        try
        {
            data = _file!.ReadAll()
                .ToImmutableDictionary(row => row.Key, row => (DurableDataEnvelope)_serializer.FromBinary(row.Payload, _manifest));
        }
        catch (Exception e)
        {
            throw new LoadFailedException($"failed to load durable distributed data from {_path}", e);
        }

        if (data.Count > 0)
            Sender.Tell(new LoadData(data));

        Sender.Tell(LoadAllCompleted.Instance);
        _log.Info("Loaded {Count} durable keys from {Path} in {ElapsedMs} ms", data.Count, _path, watch.ElapsedMilliseconds);
        Become(Active);
    }

    private void Active()
    {
        Receive<Store>(OnStore);
        Receive<WriteBehindTick>(_ => FlushPending());
    }

    private void OnStore(Store store)
    {
        if (_writeBehindInterval > TimeSpan.Zero)
        {
            // The replicator is told at once; the row reaches disk at the next tick.
            _pending[store.Key] = store.Data;
            if (!Timers.IsTimerActive(WriteBehindTick.Instance))
                Timers.StartSingleTimer(WriteBehindTick.Instance, WriteBehindTick.Instance, _writeBehindInterval);

            store.Reply?.ReplyTo.Tell(store.Reply.SuccessMessage);
            return;
        }

        try
        {
            _file!.Write([new StoredRow(store.Key, _serializer.ToBinary(store.Data))]);
            store.Reply?.ReplyTo.Tell(store.Reply.SuccessMessage);
        }
        catch (SqliteException e)
        {
            _log.Error(e, "Failed to store durable key {Key} in {Path}", store.Key, _path);
            store.Reply?.ReplyTo.Tell(store.Reply.FailureMessage);
        }
    }

    private void FlushPending()
    {
        if (_pending.Count == 0 || _file is null)
            return;

        try
        {
            _file.Write(_pending.Select(p => new StoredRow(p.Key, _serializer.ToBinary(p.Value))).ToList());
        }
        catch (SqliteException e)
        {
            _log.Error(e, "Failed to store {Count} durable keys in {Path}", _pending.Count, _path);
        }
        finally
        {
            _pending.Clear();
        }
    }

    private static TimeSpan ReadWriteBehind(string text) =>
        text.ToLowerInvariant() is "off" or "false" or "no" or ""
            ? TimeSpan.Zero
            : ConfigurationFactory.ParseString($"v = {text}").GetTimeSpan("v");

    private sealed class WriteBehindTick
    {
        public static readonly WriteBehindTick Instance = new();
    }
}
