using CommunityCluster.Ccm;

// ccm [host:port] <palette> <command> [arguments] [--json] [--token T] [--timeout S]
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true; // end a stream cleanly rather than die mid-line
    cancel.Cancel();
};

return await CcmApp.RunAsync(args, Console.Out, Console.Error, Environment.GetEnvironmentVariable, cancel.Token);
