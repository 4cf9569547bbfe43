using Akka.Actor;

namespace CommunityCluster.Hosting.Tests;

/// <summary>What a node or lighthouse process returns for each way its actor system can stop.</summary>
public sealed class ExitCodesSpecs
{
    [Fact]
    public void A_downed_member_should_exit_3_so_its_supervisor_restarts_it()
    {
        Assert.Equal(ExitCodes.Downed, ExitCodes.ForReason(CoordinatedShutdown.ClusterDowningReason.Instance));
    }

    [Fact]
    public void A_member_that_left_or_was_stopped_should_exit_0()
    {
        Assert.Equal(ExitCodes.Success, ExitCodes.ForReason(CoordinatedShutdown.ClusterLeavingReason.Instance));
        Assert.Equal(ExitCodes.Success, ExitCodes.ForReason(CoordinatedShutdown.ClrExitReason.Instance));
        Assert.Equal(ExitCodes.Success, ExitCodes.ForReason(null));
    }

    /// <summary>Akka.Remote's reason for a refused handshake is internal; what it carries is its exit code.</summary>
    [Fact]
    public void A_refused_tls_handshake_should_keep_akkas_79_whoever_returns_first()
    {
        var tls = typeof(Akka.Remote.RemoteSettings).Assembly
            .GetType("Akka.Remote.Transport.DotNetty.TlsHandshakeFailureReason", throwOnError: true)!;
        var reason = (CoordinatedShutdown.Reason)Activator.CreateInstance(tls, "TLS handshake failed")!;

        Assert.Equal(ExitCodes.TlsRefused, ExitCodes.ForReason(reason));
    }
}
