using System.Text.Json;
using Akka.Actor;
using Akka.Cluster;
using CommunityCluster.Commands.Protocol;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CommunityCluster.Commands;

/// <summary>
/// Runs one ccm request: finds the command, bounds it by the client's timeout, and writes the
/// answer (a <see cref="RunReply"/>, NDJSON lines for a stream, or a problem with its code).
/// The palettes are built at the first request, once the actor system has started its actors.
/// </summary>
public sealed class CommandRunner(IServiceProvider services, ILogger<CommandRunner> logger)
{
    /// <summary>Web defaults, without HTML escaping: answers go to terminals and scripts, never into a page.</summary>
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    private static readonly TimeSpan LongestTimeout = TimeSpan.FromMinutes(2);

    private readonly Lazy<IReadOnlyList<Palette>> _palettes = new(() => [.. services.GetServices<Palette>()]);

    public CatalogReply Catalog()
    {
        var self = Cluster.Get(services.GetRequiredService<ActorSystem>()).SelfMember;
        var palettes = _palettes.Value.Select(p => p.Describe()).ToList();
        return new CatalogReply(self.Address.ToString(), self.AppVersion.ToString(), palettes);
    }

    public async Task RunAsync(HttpContext http, RunRequest request, CancellationToken stopping)
    {
        var timeout = TimeSpan.FromMilliseconds(
            Math.Clamp(request.TimeoutMs, 100, (int)LongestTimeout.TotalMilliseconds));
        using var cancel = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, stopping);
        var commandLine = string.Join(' ', request.Words);
        try
        {
            var parsed = CommandParser.Parse(_palettes.Value, request.Words);
            logger.LogInformation("ccm {CommandLine} from {Remote}", commandLine, http.Connection.RemoteIpAddress);
            if (!parsed.Command.Streams)
                cancel.CancelAfter(timeout);

            var context = new CommandContext(parsed.CommandLine, parsed.Arguments, timeout, cancel.Token);
            var output = await parsed.Command.Run(context);
            await WriteAsync(http, output, stopping, cancel.Token);
        }
        catch (CommandException e)
        {
            await WriteProblemAsync(http, e.Code, e.Message);
        }
        catch (Exception e) when (IsTimeout(e) && !http.RequestAborted.IsCancellationRequested
                                  && !http.Response.HasStarted)
        {
            logger.LogWarning("ccm {CommandLine} got no answer within {Timeout}", commandLine, timeout);
            await WriteProblemAsync(http, ProblemCodes.Timeout,
                $"'{commandLine}' got no answer from the cluster within {timeout.TotalSeconds:0.#} s");
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client hung up; there is nobody to answer.
        }
        catch (Exception e)
        {
            logger.LogError(e, "ccm {CommandLine} failed", commandLine);
            if (!http.Response.HasStarted)
                await WriteProblemAsync(http, ProblemCodes.Failed, $"'{commandLine}' failed: {e.Message}");
        }
    }

    public static Task WriteProblemAsync(HttpContext http, string code, string detail)
    {
        var status = code switch
        {
            ProblemCodes.UnknownPalette or ProblemCodes.UnknownCommand or ProblemCodes.BadArguments =>
                StatusCodes.Status400BadRequest,
            ProblemCodes.UnknownMember or ProblemCodes.NotFound => StatusCodes.Status404NotFound,
            ProblemCodes.Unauthorized => StatusCodes.Status401Unauthorized,
            ProblemCodes.Refused => StatusCodes.Status409Conflict,
            ProblemCodes.Timeout => StatusCodes.Status504GatewayTimeout,
            _ => StatusCodes.Status500InternalServerError,
        };
        return WriteProblemAsync(http, new ProblemReply(code.Replace('-', ' '), status, detail, code));
    }

    public static async Task WriteProblemAsync(HttpContext http, ProblemReply problem)
    {
        http.Response.StatusCode = problem.Status;
        http.Response.ContentType = CommandProtocol.ProblemMediaType;
        await JsonSerializer.SerializeAsync(http.Response.Body, problem, Json);
    }

    private static async Task WriteAsync(
        HttpContext http, CommandOutput output, CancellationToken stopping, CancellationToken cancel)
    {
        switch (output)
        {
            case CommandResult result:
                http.Response.ContentType = CommandProtocol.JsonMediaType;
                var reply = new RunReply(JsonSerializer.SerializeToElement(result.Data, Json), result.View);
                await JsonSerializer.SerializeAsync(http.Response.Body, reply, Json, cancel);
                break;
            case CommandStream stream:
                await StreamAsync(http, stream, stopping, cancel);
                break;
        }
    }

    /// <summary>
    /// One JSON line per event, flushed at once. When this member stops, the stream ends with a
    /// final line saying so, rather than a connection cut that looks like a network failure.
    /// </summary>
    private static async Task StreamAsync(
        HttpContext http, CommandStream stream, CancellationToken stopping, CancellationToken cancel)
    {
        http.Response.ContentType = CommandProtocol.StreamMediaType;
        await http.Response.Body.FlushAsync(cancel);
        try
        {
            await foreach (var item in stream.Events.WithCancellation(cancel))
            {
                var data = JsonSerializer.SerializeToElement(item.Data, Json);
                await WriteLineAsync(http, new StreamItem(data, item.Text, item.Final));
                if (item.Final)
                    return;
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested
                                                  && !http.RequestAborted.IsCancellationRequested)
        {
            var data = JsonSerializer.SerializeToElement(new { @event = "stopping" }, Json);
            await WriteLineAsync(http, new StreamItem(data, "this member is stopping; the stream ends", Final: true));
        }
        catch (OperationCanceledException) when (http.RequestAborted.IsCancellationRequested)
        {
            // The client hung up (Ctrl-C): the normal end of a stream.
        }
    }

    private static async Task WriteLineAsync(HttpContext http, StreamItem item)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(item, Json);
        await http.Response.Body.WriteAsync(line);
        await http.Response.Body.WriteAsync("\n"u8.ToArray());
        await http.Response.Body.FlushAsync();
    }

    private static bool IsTimeout(Exception e) =>
        e is AskTimeoutException or OperationCanceledException or TimeoutException;
}
