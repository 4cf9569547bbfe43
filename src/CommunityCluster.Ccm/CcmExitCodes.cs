using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm;

/// <summary>ccm's exit codes, for scripts; the README and <c>ccm --help</c> list the same.</summary>
public static class CcmExitCodes
{
    public const int Success = 0;

    /// <summary>The member could not do it: unknown member, no such shard region, refused, failed.</summary>
    public const int Failed = 1;

    /// <summary>Unknown palette, command, argument or option.</summary>
    public const int Usage = 2;

    /// <summary>The endpoint cannot be reached, is not a ccm endpoint, or went away during a stream.</summary>
    public const int Unreachable = 3;

    /// <summary>The endpoint refused the token, or took the request for one not from this machine.</summary>
    public const int Unauthorized = 4;

    /// <summary>The member, or the cluster behind it, did not answer in time.</summary>
    public const int Timeout = 5;

    public static int ForProblem(string code) => code switch
    {
        ProblemCodes.UnknownPalette or ProblemCodes.UnknownCommand or ProblemCodes.BadArguments => Usage,
        ProblemCodes.Unauthorized => Unauthorized,
        ProblemCodes.Timeout => Timeout,
        _ => Failed,
    };

    public static readonly IReadOnlyList<(int Code, string Meaning)> All =
    [
        (Success, "done"),
        (Failed, "the member could not do it (unknown member, no such shard region, refused)"),
        (Usage, "unknown palette, command, argument or option"),
        (Unreachable, "the endpoint cannot be reached, or went away during a stream"),
        (Unauthorized, "wrong or missing token"),
        (Timeout, "no answer in time (--timeout)"),
    ];
}

/// <summary>A failure that ends ccm with one line on stderr and <see cref="ExitCode"/>.</summary>
public sealed class CcmException(int exitCode, string message) : Exception(message)
{
    public int ExitCode { get; } = exitCode;
}
