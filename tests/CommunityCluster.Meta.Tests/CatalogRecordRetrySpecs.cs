using Akka.Actor;
using CommunityCluster.Meta.Service;
using Microsoft.Extensions.Logging;

namespace CommunityCluster.Meta.Tests;

/// <summary>Finding 6 of the soak: a catalog write that timed out left a stored photo out of the gallery, with an error line.</summary>
public sealed class CatalogRecordRetrySpecs
{
    private static readonly TimeSpan[] Quick = [TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10), TimeSpan.FromMilliseconds(10)];

    /// <summary>Keeps what was logged, by level.</summary>
    private sealed class Lines : ILogger
    {
        public List<(LogLevel Level, string Text)> Written { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            lock (Written)
                Written.Add((logLevel, formatter(state, exception)));
        }
    }

    private static Func<Task<ICatalogMessage>> TimingOut(int times, Action recorded)
    {
        var calls = 0;
        return () =>
        {
            if (++calls <= times)
                throw new AskTimeoutException("the replicator did not answer");

            recorded();
            return Task.FromResult<ICatalogMessage>(new UploadRecorded("p1", false, true));
        };
    }

    [Fact]
    public async Task A_record_that_times_out_twice_should_be_written_by_a_retry_with_warnings_only()
    {
        var log = new Lines();
        var recorded = 0;

        var (reply, retries) = await CatalogRecordRetry.RecordAsync(TimingOut(2, () => recorded++), "p1", log, Quick);
        await retries.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Null(reply);
        Assert.Equal(1, recorded);
        Assert.Equal(2, log.Written.Count(l => l.Level == LogLevel.Warning));
        Assert.DoesNotContain(log.Written, l => l.Level >= LogLevel.Error);
        Assert.Contains(log.Written, l => l.Text.Contains("written on retry 2", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_record_that_never_answers_should_end_in_one_error_saying_how_to_record_it()
    {
        var log = new Lines();
        var recorded = 0;

        var (_, retries) = await CatalogRecordRetry.RecordAsync(TimingOut(100, () => recorded++), "p1", log, Quick);
        await retries.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, recorded);
        var error = Assert.Single(log.Written, l => l.Level == LogLevel.Error);
        Assert.Contains("uploading the same file again records it", error.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_record_answered_at_once_should_start_no_retry()
    {
        var log = new Lines();
        var recorded = 0;

        var (reply, retries) = await CatalogRecordRetry.RecordAsync(TimingOut(0, () => recorded++), "p1", log, Quick);

        Assert.IsType<UploadRecorded>(reply);
        Assert.True(retries.IsCompleted);
        Assert.Equal(1, recorded);
        Assert.Empty(log.Written);
    }
}
