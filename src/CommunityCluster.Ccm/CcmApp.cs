using System.Text.Json;
using CommunityCluster.Ccm.Certificates;
using CommunityCluster.Ccm.Import;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm;

/// <summary>
/// ccm from its arguments to its exit code, with the console passed in so that tests run it in
/// process. Success prints to <c>output</c>; any failure prints one line to <c>error</c>.
/// </summary>
public static class CcmApp
{
    private static readonly JsonSerializerOptions Indented = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static async Task<int> RunAsync(
        IReadOnlyList<string> args,
        TextWriter output,
        TextWriter error,
        Func<string, string?> environment,
        CancellationToken cancellation)
    {
        try
        {
            var options = CcmOptions.Parse(args, environment);
            if (CertCommand.Handles(options))
                return CertCommand.Run(options, output, environment, DateTimeOffset.UtcNow);

            if (ImportCommand.Handles(options))
                return await ImportCommand.RunAsync(options, output, error, environment, cancellation);

            using var client = new CommandClient(options.Endpoint, options.Token, options.Timeout);
            return options.Help || options.Words.Count == 0
                ? await HelpAsync(options, client, output, cancellation)
                : await RunCommandAsync(options, client, output, error, cancellation);
        }
        catch (CcmException e)
        {
            error.WriteLine($"ccm: error: {e.Message}");
            return e.ExitCode;
        }
        catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
        {
            return CcmExitCodes.Success; // Ctrl-C: the way to end a stream
        }
    }

    private static async Task<int> HelpAsync(
        CcmOptions options, CommandClient client, TextWriter output, CancellationToken cancellation)
    {
        if (options.Words.Count == 0)
            HelpText.WriteGeneral(output);

        var catalog = await client.CatalogAsync(cancellation);
        if (options.Words.Count == 0)
            HelpText.WritePalettes(output, options.Endpoint, catalog);
        else
            HelpText.WriteFor(output, catalog, options.Words);

        return options.Help ? CcmExitCodes.Success : CcmExitCodes.Usage;
    }

    private static async Task<int> RunCommandAsync(
        CcmOptions options, CommandClient client, TextWriter output, TextWriter error, CancellationToken cancellation)
    {
        var (reply, stream) = await client.RunAsync(options.Words, cancellation);
        if (reply is not null)
        {
            if (options.Json)
                output.WriteLine(JsonSerializer.Serialize(reply.Data, Indented));
            else
                ViewRenderer.Write(output, reply.View);

            return CcmExitCodes.Success;
        }

        await foreach (var item in stream!.WithCancellation(cancellation))
        {
            if (item.Final)
            {
                error.WriteLine($"ccm: {item.Text}");
                return CcmExitCodes.Unreachable;
            }

            output.WriteLine(options.Json ? item.Data.GetRawText() : item.Text);
            await output.FlushAsync(cancellation);
        }

        return CcmExitCodes.Success;
    }
}
