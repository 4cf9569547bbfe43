using System.Runtime.InteropServices;

namespace CommunityCluster.Testing;

/// <summary>POSIX signals to a child process: .NET itself only offers SIGKILL.</summary>
public static partial class Signals
{
    public const int Term = 15;
    public const int Kill = 9;
    public const int Stop = 19;
    public const int Continue = 18;

    public static void Send(int processId, int signal)
    {
        if (SendSignal(processId, signal) != 0)
            throw new InvalidOperationException($"kill({processId}, {signal}) failed with errno {Marshal.GetLastPInvokeError()}");
    }

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int SendSignal(int pid, int sig);
}
