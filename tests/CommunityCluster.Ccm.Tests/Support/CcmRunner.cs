using System.Text;
using CommunityCluster.Ccm;

namespace CommunityCluster.Ccm.Tests.Support;

/// <summary>What one run of ccm printed and returned.</summary>
public sealed record CcmRun(int ExitCode, string Output, string Error)
{
    public IReadOnlyList<string> OutputLines => Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    public override string ToString() => $"exit {ExitCode}\n--- stdout\n{Output}--- stderr\n{Error}";
}

/// <summary>
/// Runs ccm in this process through its real entry point (<see cref="CcmApp.RunAsync"/>), with
/// an environment of its own so that the test machine's variables cannot leak in.
/// </summary>
public static class CcmRunner
{
    public static Task<CcmRun> RunAsync(params string[] args) => RunAsync(args, new Dictionary<string, string>());

    public static async Task<CcmRun> RunAsync(
        IReadOnlyList<string> args, IReadOnlyDictionary<string, string> environment)
    {
        var output = new SharedWriter();
        var error = new SharedWriter();

        var code = await CcmApp.RunAsync(args, output, error, name => environment.GetValueOrDefault(name),
            CancellationToken.None);

        return new CcmRun(code, output.Text, error.Text);
    }

    /// <summary>A streaming command in the background; <see cref="StreamingCcm.StopAsync"/> is Ctrl-C.</summary>
    public static StreamingCcm Start(params string[] args)
    {
        var output = new SharedWriter();
        var error = new SharedWriter();
        var cancel = new CancellationTokenSource();
        var run = Task.Run(() => CcmApp.RunAsync(args, output, error, _ => null, cancel.Token));
        return new StreamingCcm(run, output, error, cancel);
    }
}

public sealed class StreamingCcm(Task<int> run, SharedWriter output, SharedWriter error, CancellationTokenSource cancel)
    : IAsyncDisposable
{
    public string Output => output.Text;

    public string Error => error.Text;

    public bool HasEnded => run.IsCompleted;

    public async Task<int> StopAsync()
    {
        await cancel.CancelAsync();
        return await run.WaitAsync(TimeSpan.FromSeconds(10));
    }

    public async ValueTask DisposeAsync()
    {
        if (!run.IsCompleted)
            await StopAsync();

        cancel.Dispose();
    }
}

/// <summary>A console stand-in that one thread writes while another reads.</summary>
public sealed class SharedWriter : TextWriter
{
    private readonly StringBuilder _text = new();
    private readonly Lock _gate = new();

    public override Encoding Encoding => Encoding.UTF8;

    public string Text
    {
        get
        {
            lock (_gate)
                return _text.ToString();
        }
    }

    public override void Write(char value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override void Write(string? value)
    {
        lock (_gate)
            _text.Append(value);
    }

    public override void Write(char[] buffer, int index, int count)
    {
        lock (_gate)
            _text.Append(buffer, index, count);
    }
}
