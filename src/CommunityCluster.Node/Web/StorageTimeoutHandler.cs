using Akka.Actor;
using Microsoft.AspNetCore.Diagnostics;

namespace CommunityCluster.Node.Web;

/// <summary>
/// An ask inside the cluster that found no answer in time (a home frozen or cut off, a shard on its
/// way to another home) is the community being briefly unavailable, not a bug of the request: a 503
/// problem that says to try again, and a warning, rather than a 500 (the soak found such reads).
/// </summary>
internal sealed class StorageTimeoutHandler(IProblemDetailsService problems, ILogger<StorageTimeoutHandler> log)
    : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken cancel)
    {
        if (exception is not AskTimeoutException)
            return false;

        log.LogWarning("{Method} {Path}: the cluster did not answer in time ({Reason})", context.Request.Method,
            context.Request.Path, exception.Message);
        context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "storage unavailable",
                Detail = "part of the community did not answer in time; try again in a moment",
            },
        });
    }
}
