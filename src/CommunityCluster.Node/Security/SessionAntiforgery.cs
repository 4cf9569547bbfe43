using CommunityCluster.Members;
using CommunityCluster.Node.Web;

namespace CommunityCluster.Node.Security;

/// <summary>
/// Anti-forgery for a JSON API with cookie sessions (the synchronizer token pattern): signing in
/// puts a random token in the encrypted session cookie and returns it in the body; the pages send it
/// back in <see cref="HeaderName"/> on every state-changing request. Another site can make a browser
/// send the cookie but can neither read the token nor (without CORS, which the node never grants) set
/// the header, so a request with the cookie and without the token is refused with 403. Requests with
/// an API token carry no cookie and need none. SameSite=Strict on the cookie is a second fence.
/// </summary>
public static class SessionAntiforgery
{
    public const string HeaderName = "X-CSRF-Token";

    public static WebApplication UseSessionAntiforgery(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (!IsStateChanging(context.Request.Method)
                || context.User.Identity is not { IsAuthenticated: true, AuthenticationType: MemberClaims.CookieScheme })
            {
                await next(context);
                return;
            }

            var expected = context.User.FindFirst(MemberClaims.AntiforgeryClaim)?.Value;
            var sent = context.Request.Headers[HeaderName].ToString();
            if (expected is null || sent.Length == 0 || !Secrets.SameText(expected, sent))
            {
                await Problems.Of(StatusCodes.Status403Forbidden, "anti-forgery token missing",
                        $"a request that changes something with a session cookie must send the session's token in "
                        + $"{HeaderName} (GET /api/session gives it)")
                    .ExecuteAsync(context);
                return;
            }

            await next(context);
        });
        return app;
    }

    private static bool IsStateChanging(string method) =>
        !(HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method));
}
