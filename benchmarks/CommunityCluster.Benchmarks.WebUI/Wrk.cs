using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace CommunityCluster.Benchmarks.WebUI;

/// <summary>One wrk run's figures: latency percentiles in milliseconds, requests per second, failed answers.</summary>
public sealed record WrkResult(double P50Ms, double P99Ms, double RequestsPerSecond, long Requests, long Errors);

/// <summary>Runs Debian's wrk against one loopback URL for a bounded time and reads its report.</summary>
public static partial class Wrk
{
    /// <param name="bearer">An API token sent with every request, for the node's routes that need a member.</param>
    public static async Task<WrkResult> RunAsync(string url, int threads, int connections, TimeSpan duration,
        string? bearer = null)
    {
        var start = new ProcessStartInfo("wrk")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { $"-t{threads}", $"-c{connections}", $"-d{(int)duration.TotalSeconds}s",
            "--latency", url })
            start.ArgumentList.Add(argument);
        if (bearer is not null)
        {
            start.ArgumentList.Add("-H");
            start.ArgumentList.Add($"Authorization: Bearer {bearer}");
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start");
        var output = await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"wrk failed: {await process.StandardError.ReadToEndAsync()}");

        return Parse(output);
    }

    public static WrkResult Parse(string output)
    {
        var percentiles = PercentilePattern().Matches(output).ToDictionary(m => m.Groups["p"].Value,
            m => Milliseconds(m.Groups["v"].Value, m.Groups["u"].Value));
        var rate = double.Parse(RatePattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var requests = long.Parse(RequestsPattern().Match(output).Groups[1].Value, CultureInfo.InvariantCulture);
        var errorsMatch = NonSuccessPattern().Match(output);
        var errors = errorsMatch.Success ? long.Parse(errorsMatch.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
        return new WrkResult(percentiles["50"], percentiles["99"], rate, requests, errors);
    }

    private static double Milliseconds(string value, string unit) =>
        double.Parse(value, CultureInfo.InvariantCulture) * unit switch
        {
            "us" => 0.001,
            "ms" => 1,
            "s" => 1000,
            _ => throw new FormatException($"unknown wrk unit {unit}"),
        };

    [GeneratedRegex(@"^\s+(?<p>50|99)%\s+(?<v>[0-9.]+)(?<u>us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex PercentilePattern();

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RatePattern();

    [GeneratedRegex(@"^\s*([0-9]+) requests in", RegexOptions.Multiline)]
    private static partial Regex RequestsPattern();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+([0-9]+)")]
    private static partial Regex NonSuccessPattern();
}
