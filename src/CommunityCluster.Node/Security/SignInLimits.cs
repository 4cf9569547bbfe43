using System.Globalization;
using System.Threading.RateLimiting;
using CommunityCluster.Node.Web;
using Microsoft.AspNetCore.RateLimiting;

namespace CommunityCluster.Node.Security;

/// <summary>
/// How often a password may be tried at one node: <see cref="PerAddress"/> attempts a minute from one
/// client address (the <see cref="PolicyName"/> policy, before the body is read) and
/// <see cref="PerAccount"/> a minute against one account name, whatever the address. Beyond that
/// the answer is 429 with Retry-After. Each node counts for itself, in memory.
/// </summary>
public sealed class SignInLimits : IDisposable
{
    public const string PolicyName = "sign-in";
    public const int PerAddress = 10;
    public const int PerAccount = 5;
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly PartitionedRateLimiter<string> _perAccount = PartitionedRateLimiter.Create<string, string>(
        name => RateLimitPartition.GetFixedWindowLimiter(name, _ => Options(PerAccount)));

    /// <summary>Null when <paramref name="account"/> may be tried now; else the 429 to answer.</summary>
    public IResult? TryAccount(HttpContext context, string account)
    {
        using var lease = _perAccount.AttemptAcquire(account.ToUpperInvariant());
        if (lease.IsAcquired)
            return null;

        var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;
        return TooMany(context, retryAfter, "this account");
    }

    public void Dispose() => _perAccount.Dispose();

    internal static IResult TooMany(HttpContext context, TimeSpan retryAfter, string who)
    {
        var seconds = (int)Math.Ceiling(Math.Max(1, retryAfter.TotalSeconds));
        context.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.Of(StatusCodes.Status429TooManyRequests, "too many sign-in attempts",
            $"too many attempts for {who}; try again in {seconds} s");
    }

    internal static FixedWindowRateLimiterOptions Options(int permits) =>
        new() { PermitLimit = permits, Window = Window, QueueLimit = 0, AutoReplenishment = true };
}
