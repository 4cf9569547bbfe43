using Akka.Actor;
using Akka.Cluster;
using Akka.DistributedData;
using CommunityCluster.Members;
using CommunityCluster.Node.Startup;

namespace CommunityCluster.Node.Security;

/// <summary>
/// A fresh community's first account, so that the run command works with no set-up. Once this node
/// is Up, when its account store is empty, it creates admin <see cref="AdminName"/>:
/// <list type="bullet">
/// <item>with the password in <see cref="PasswordVariable"/> when it is set (any node may; the first
/// one to write wins, and all hold the same password), or</item>
/// <item>with a random password, printed once on stdout, when the node has no seeds (the first node
/// of a community). A node with seeds and no variable never makes one: several of them starting
/// together would each print a different password.</item>
/// </list>
/// The store is durable, so a restart finds the account and prints nothing. The password is never
/// logged: the one line on stdout is written to the console directly, outside the log pipeline.
/// </summary>
public sealed class FirstAdmin(ActorSystem system, MemberDirectory members, ResolvedNodeSettings resolved,
    ILogger<FirstAdmin> log) : IHostedService
{
    public const string AdminName = "admin";
    public const string PasswordVariable = "ADMIN_PASSWORD";

    private static readonly TimeSpan ReadWithin = TimeSpan.FromSeconds(5);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var given = Environment.GetEnvironmentVariable(PasswordVariable) is { Length: > 0 } p ? p : null;
        var firstOfCommunity = resolved.Settings.Seeds.Count == 0;
        if (given is null && !firstOfCommunity)
            return Task.CompletedTask;

        if (given is not null && !Passwords.IsAcceptable(given))
        {
            log.LogError("{Variable} is set but is not an acceptable password ({Min} to {Max} characters, no control "
                + "characters); no first admin is made", PasswordVariable, Passwords.MinLength, Passwords.MaxLength);
            return Task.CompletedTask;
        }

        Cluster.Get(system).RegisterOnMemberUp(() => _ = EnsureAsync(given, firstOfCommunity));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync(string? given, bool firstOfCommunity)
    {
        try
        {
            // Alone, the local (durable) replica is the whole truth; with peers, ask a majority so that a
            // node joining a community that already has members does not add an admin of its own.
            IReadConsistency read = firstOfCommunity ? ReadLocal.Instance : new ReadMajority(ReadWithin);
            if ((await members.AllAsync(MemberKeys.Accounts, read)).Count > 0)
                return;

            var password = given ?? Passwords.Generate();
            var account = new Account(AdminName, Roles.Admin, Passwords.Hash(password), DateTimeOffset.UtcNow, "first start");
            if (await members.UpdateAsync(MemberKeys.Accounts, AdminName, current => current is null ? account : null) is null)
                return;

            log.LogInformation("First admin {Account} created", AdminName);
            Console.Out.WriteLine(SignInHint(given is null ? password : null));
            Console.Out.Flush();
        }
        catch (Exception e) when (e is TimeoutException or InvalidOperationException or AskTimeoutException)
        {
            log.LogWarning("No first admin made: the account store did not answer ({Reason}); restart to try again",
                e.Message);
        }
    }

    private string SignInHint(string? generated)
    {
        var settings = resolved.Settings;
        var url = $"http://{settings.AdvertisedHost}:{settings.HttpPort}/";
        var password = generated is null ? $"the password in {PasswordVariable}" : $"password {generated}";
        return $"FIRST ADMIN: sign in at {url} as '{AdminName}' with {password} "
            + "(shown this once; invite the other members from the gallery's Members page)";
    }
}
