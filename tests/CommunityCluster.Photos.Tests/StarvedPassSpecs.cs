using Akka.Actor;
using Akka.TestKit.Xunit2;
using CommunityCluster.Photos.Repair;

namespace CommunityCluster.Photos.Tests;

/// <summary>Finding 6 of the soak: a repair pass whose local ask timed out restarted its actor with an error line.</summary>
public sealed class StarvedPassSpecs : TestKit
{
    /// <summary>A pass that asks an actor which never answers, as a starved replicator does not.</summary>
    private sealed class PassActor : ReceiveActor
    {
        private int _passes;

        public PassActor(IActorRef silent)
        {
            ReceiveAsync<string>(_ => StarvedPass.Run(Akka.Event.Logging.GetLogger(Context), "Test pass", async () =>
            {
                _passes++;
                await silent.Ask<string>("anything", TimeSpan.FromMilliseconds(100));
            }));
            Receive<int>(_ => Sender.Tell(_passes));
        }
    }

    [Fact]
    public void A_pass_whose_ask_times_out_should_warn_and_leave_the_actor_running()
    {
        var silent = CreateTestProbe();
        var actor = Sys.ActorOf(Props.Create(() => new PassActor(silent.Ref)));

        EventFilter.Warning(contains: "Test pass skipped: a local ask timed out").Expect(2, () =>
        {
            actor.Tell("pass");
            actor.Tell("pass");
        });
        EventFilter.Error().Expect(0, () => actor.Tell("pass"));

        actor.Tell(0);
        ExpectMsg(3); // the same incarnation counted every pass: no restart
    }
}
