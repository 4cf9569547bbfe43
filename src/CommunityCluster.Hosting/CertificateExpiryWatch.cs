using Akka.Actor;
using Akka.Event;
using CommunityCluster.Core.Security;

namespace CommunityCluster.Hosting;

/// <summary>
/// Says, at start and twice a day, which certificate this member presents and until when, and
/// warns from 30 days before its end or its CA's end. An expired member certificate makes every
/// peer that dials this member shut itself down (DESIGN.md fact 11), so the warning must come
/// long before: the README's rotation plan relies on it.
/// </summary>
public sealed class CertificateExpiryWatch : ReceiveActor, IWithTimers
{
    public const string Name = "certificate-expiry-watch";

    private static readonly TimeSpan Interval = TimeSpan.FromHours(12);

    private readonly ILoggingAdapter _log = Context.GetLogger();
    private readonly MemberTls _tls;

    public CertificateExpiryWatch(MemberTls tls)
    {
        _tls = tls;
        Receive<Tick>(_ => Report());
    }

    public ITimerScheduler Timers { get; set; } = null!;

    public static Props Props(MemberTls tls) => Akka.Actor.Props.Create(() => new CertificateExpiryWatch(tls));

    protected override void PreStart()
    {
        var certificate = _tls.Certificate;
        _log.Info(
            "TLS on: presenting {0} (serial {1}, valid until {2:yyyy-MM-dd} UTC), trusting {3} community CA(s), {4} revoked",
            certificate.Subject, certificate.SerialNumber, certificate.NotAfter.ToUniversalTime(),
            _tls.Check.Authorities.Count, _tls.Revocations.Current.Count);
        Self.Tell(Tick.Instance);
        Timers.StartPeriodicTimer(Tick.Instance, Tick.Instance, Interval);
    }

    private void Report()
    {
        var now = DateTimeOffset.UtcNow;
        var notices = _tls.Check.Authorities.Cast<System.Security.Cryptography.X509Certificates.X509Certificate2>()
            .Prepend(_tls.Certificate)
            .Select(c => MemberCertificateCheck.ExpiryNotice(c, now))
            .OfType<string>();
        foreach (var notice in notices)
            _log.Warning("TLS certificate ending soon: {0}", notice);
    }

    private sealed class Tick
    {
        public static readonly Tick Instance = new();
    }
}
