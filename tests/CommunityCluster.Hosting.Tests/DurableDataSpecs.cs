using Akka.Actor;
using Akka.DistributedData;
using CommunityCluster.Hosting;
using CommunityCluster.Testing;

namespace CommunityCluster.Hosting.Tests;

public sealed class DurableDataSpecs : IDisposable
{
    private static readonly TimeSpan UpWithin = TimeSpan.FromSeconds(30);
    private readonly TestFolder _folder = new(nameof(DurableDataSpecs));

    public void Dispose() => _folder.Dispose();

    private async Task<List<InProcessMember>> StartCommunity(IReadOnlyList<int> ports)
    {
        var seed = $"akka.tcp://community@127.0.0.1:{ports[0]}";
        var members = new List<InProcessMember>();
        for (var i = 0; i < ports.Count; i++)
        {
            var member = await InProcessMember.StartAsync(_folder.Combine($"member-{i}"), [seed], ports[i]);
            members.Add(member);
            await member.WaitUntilUpAsync(UpWithin);
        }

        return members;
    }

    [Fact]
    public async Task Durable_key_should_survive_a_stop_and_restart_of_every_member()
    {
        var key = new ORSetKey<string>(DurableKeys.Id("foundation-check"));
        int[] ports = [FreePorts.Next(), FreePorts.Next(), FreePorts.Next()];
        var members = await StartCommunity(ports);
        var writer = members[1];
        var update = Dsl.Update(key, ORSet<string>.Empty, new WriteAll(TimeSpan.FromSeconds(10)),
            set => set.Add(writer.Cluster, "kept through the night"));
        var written = await DistributedData.Get(writer.System).Replicator.Ask<IUpdateResponse>(update, TimeSpan.FromSeconds(15));
        Assert.True(written.IsSuccessful, $"the write must reach every member: {written}");

        foreach (var member in members)
            await member.DisposeAsync();
        members = await StartCommunity(ports);

        foreach (var member in members)
        {
            var read = await DistributedData.Get(member.System).Replicator
                .Ask<IGetResponse>(Dsl.Get(key, ReadLocal.Instance), TimeSpan.FromSeconds(10));
            Assert.True(read.IsSuccessful, $"{member.Options.SelfAddress} lost the durable key: {read}");
            Assert.Equal(["kept through the night"], read.Get(key).Elements);
        }

        foreach (var member in members)
            await member.DisposeAsync();
    }

    [Fact]
    public async Task Plain_key_should_not_be_written_to_disk()
    {
        var key = new ORSetKey<string>("not-durable");
        var member = (await StartCommunity([FreePorts.Next()]))[0];
        var update = Dsl.Update(key, ORSet<string>.Empty, WriteLocal.Instance, set => set.Add(member.Cluster, "gone at restart"));
        await DistributedData.Get(member.System).Replicator.Ask<IUpdateResponse>(update, TimeSpan.FromSeconds(10));
        var path = DurableKeys.FilePath(member.Options.DataDirectory!);

        await member.DisposeAsync();

        using var file = DurableStore.SqliteDurableFile.Open(path);
        Assert.DoesNotContain(file.ReadAll(), row => row.Key == "not-durable");
    }
}
