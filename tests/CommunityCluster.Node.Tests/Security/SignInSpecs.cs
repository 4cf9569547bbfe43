using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using CommunityCluster.Testing;

namespace CommunityCluster.Node.Tests.Security;

/// <summary>
/// Signing in over real HTTP: rate limits per account and per client address (429 with
/// Retry-After), and passwords that appear in no answer, no log line and no file of the node.
/// </summary>
public sealed class SignInSpecs(SecurityNode fixture) : IClassFixture<SecurityNode>
{
    private const int PerAccount = 5;
    private const int PerAddress = 10;

    [Fact]
    public async Task Sign_in_should_be_limited_per_account_whatever_the_address()
    {
        using var first = fixture.Stranger();
        using var second = fixture.Stranger();

        var tries = new List<HttpStatusCode>();
        for (var i = 0; i < PerAccount + 1; i++)
            tries.Add((await MemberCredentials.PostCredentialsAsync(first, "/api/session", "admin", "wrong password " + i)).Status);
        using var fromElsewhere = await second.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative),
            new { name = "admin", password = "wrong password again" });
        using var otherAccount = await second.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative),
            new { name = "nobody", password = "wrong password again" });

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, PerAccount), tries.Take(PerAccount));
        Assert.Equal(HttpStatusCode.TooManyRequests, tries[PerAccount]);
        Assert.Equal(HttpStatusCode.TooManyRequests, fromElsewhere.StatusCode);
        Assert.Equal("application/problem+json", fromElsewhere.Content.Headers.ContentType?.MediaType);
        Assert.InRange(int.Parse(fromElsewhere.Headers.GetValues("Retry-After").Single(),
            System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
    }

    [Fact]
    public async Task Sign_in_should_be_limited_per_client_address()
    {
        using var client = fixture.Stranger();
        using var neighbour = fixture.Stranger();

        var tries = new List<HttpStatusCode>();
        for (var i = 0; i < PerAddress + 1; i++)
            tries.Add((await MemberCredentials.PostCredentialsAsync(client, "/api/tokens", $"guess{i}", "wrong password")).Status);
        var neighbourTry = await MemberCredentials.PostCredentialsAsync(neighbour, "/api/tokens", "guess-n", "wrong password");

        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, PerAddress), tries.Take(PerAddress));
        Assert.Equal(HttpStatusCode.TooManyRequests, tries[PerAddress]);
        Assert.Equal(HttpStatusCode.Unauthorized, neighbourTry.Status);
    }

    [Fact]
    public async Task A_password_should_never_be_returned_logged_or_stored()
    {
        const string password = "a password nobody may see 7391";
        using var member = await fixture.NewMemberAsync("frank", password);
        using var browser = fixture.Stranger(cookies: true);

        using var signIn = await browser.PostAsJsonAsync(new Uri("/api/session", UriKind.Relative),
            new { name = "frank", password });
        var signInBody = await signIn.Content.ReadAsStringAsync();
        var session = await member.GetStringAsync(new Uri("/api/session", UriKind.Relative));
        var accounts = await member.GetStringAsync(new Uri("/api/accounts", UriKind.Relative));
        using var stranger = fixture.Stranger();
        using var wrong = await stranger.PostAsJsonAsync(new Uri("/api/tokens", UriKind.Relative),
            new { name = "frank", password = password + " but wrong" });
        var wrongBody = await wrong.Content.ReadAsStringAsync();
        var stored = string.Concat(await Task.WhenAll(Directory.GetFiles(Path.Combine(fixture.Node.DataDirectory, "ddata"))
            .Select(async f => Encoding.Latin1.GetString(await ReadSharedAsync(f)))));

        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        foreach (var text in new[] { signInBody, session, accounts, wrongBody, fixture.Node.LogText(), stored })
        {
            Assert.DoesNotContain(password, text, StringComparison.Ordinal);
            Assert.DoesNotContain(MemberCredentials.AdminPassword, text, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hash", accounts, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("members-accounts", stored, StringComparison.Ordinal); // the accounts are in the durable store
        Assert.Equal("member", JsonDocument.Parse(session).RootElement.GetProperty("role").GetString());
    }

    private static async Task<byte[]> ReadSharedAsync(string path)
    {
        await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var copy = new MemoryStream();
        await file.CopyToAsync(copy);
        return copy.ToArray();
    }
}
