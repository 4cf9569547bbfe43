namespace CommunityCluster.Soak.Tests;

/// <summary>The allow-list explains the lines the soak's faults cause, and nothing else.</summary>
public sealed class ErrorLinesSpecs
{
    private const string Prefix = "2026-12-05 00:25:45.625 fail: Akka.Actor.ActorSystem[0] [ERROR][12/05/2026 00:25:45.614Z][Thread 0024]"
        + "[akka.tcp://community@10.196.176.13:33691/system/transports/akkaprotocolmanager.tcp.0/"
        + "akkaProtocol-tcp%3A%2F%2Fcommunity%4010.196.176.12%3A46351-8] ";

    [Theory]
    [InlineData("No response from remote for outbound association. Handshake timed out after [15000] ms")]
    [InlineData("No response from remote for outbound association. Associate timed out after [15000 ms].")]
    public void A_handshake_or_associate_timeout_should_be_explained(string message)
    {
        var line = Prefix + message;

        Assert.True(ErrorLines.IsError(line));
        Assert.NotNull(ErrorLines.Explain(line));
    }

    [Fact]
    public void An_oversized_delta_propagation_should_be_explained_and_no_other_oversized_message()
    {
        const string writer = "2026-12-05 02:54:31.205 fail: Akka.Actor.ActorSystem[0] [ERROR][12/05/2026 02:54:31.205Z][Thread 0025]"
            + "[akka.tcp://community@10.196.75.11:37751/system/endpointManager/reliableEndpointWriter-akka.tcp%3A%2F%2Fcommunity"
            + "%4010.196.75.14%3A45985-3/endpointWriter] Transient association error (association remains live) Cause: "
            + "Akka.Remote.OversizedPayloadException: Discarding oversized payload sent to [akka.tcp://community@10.196.75.14:45985/]: "
            + "max allowed size 128000 bytes, actual size of encoded Akka.Actor.ActorSelectionMessage-->";

        Assert.NotNull(ErrorLines.Explain(writer + "Akka.DistributedData.Internal.DeltaPropagation was 175500 bytes."));
        Assert.Null(ErrorLines.Explain(writer + "CommunityCluster.Photos.Chunks.PieceData was 300000 bytes."));
    }

    [Fact]
    public void A_quarantined_members_association_error_should_be_explained()
    {
        const string line = "2026-12-05 04:15:51.648 fail: Akka.Actor.ActorSystem[0] [ERROR][12/05/2026 04:15:51.640Z][Thread 0009]"
            + "[akka.tcp://community@10.196.149.11:41397/system/endpointManager/endpointWriter-akka.tcp%3A%2F%2Fcommunity"
            + "%4010.196.149.15%3A35313-11] AssociationError [akka.tcp://community@10.196.149.11:41397] <- "
            + "akka.tcp://community@10.196.149.15:35313: Error [The remote system has quarantined this system. No further "
            + "associations to the remote system are possible until this system is restarted.] [   at Akka.Remote.EndpointReader";

        Assert.NotNull(ErrorLines.Explain(line));
        Assert.Null(ErrorLines.Explain(line.Replace("quarantined this system", "failed", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_product_error_should_not_be_explained()
    {
        const string line = "2026-12-05 00:25:46.000 fail: CommunityCluster.Node.Web.UploadEndpoint[0] Photo 1234 is stored "
            + "but its catalog record could not be written after 4 retries; uploading the same file again records it";

        Assert.True(ErrorLines.IsError(line));
        Assert.Null(ErrorLines.Explain(line));
    }
}
