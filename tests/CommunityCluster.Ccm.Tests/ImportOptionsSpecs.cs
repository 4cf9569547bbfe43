using CommunityCluster.Ccm.Import;
using CommunityCluster.Ccm.Tests.Support;
using CommunityCluster.Testing;

namespace CommunityCluster.Ccm.Tests;

/// <summary>photos import's arguments and the errors a newcomer meets first, each one line and an exit code.</summary>
public sealed class ImportOptionsSpecs
{
    [Theory]
    [InlineData("unlimited", null)]
    [InlineData("1MB/s", 1_000_000L)]
    [InlineData("200KiB/s", 204_800L)]
    [InlineData("4Mbit/s", 500_000L)]
    [InlineData("1.5MB", 1_500_000L)]
    public void Rate_should_read_the_ways_people_write_it(string text, long? bytesPerSecond)
    {
        var rate = ImportOptions.Rate(text);

        Assert.Equal(bytesPerSecond, rate);
    }

    [Theory]
    [InlineData("fast")]
    [InlineData("10B/s")]
    [InlineData("-1MB/s")]
    public void Rate_should_refuse_what_is_no_usable_rate(string text)
    {
        var error = Assert.Throws<CcmException>(() => ImportOptions.Rate(text));

        Assert.Equal(CcmExitCodes.Usage, error.ExitCode);
    }

    [Fact]
    public async Task Import_should_refuse_a_missing_folder_with_exit_2()
    {
        using var folder = new TestFolder(nameof(Import_should_refuse_a_missing_folder_with_exit_2));

        var run = await CcmRunner.RunAsync("photos", "import", folder.Combine("nope"));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal($"ccm: error: the folder '{folder.Combine("nope")}' does not exist", run.Error.Trim());
    }

    [Fact]
    public async Task Import_should_say_the_node_is_unreachable_with_exit_3()
    {
        using var folder = new TestFolder(nameof(Import_should_say_the_node_is_unreachable_with_exit_3));
        var silent = $"127.0.0.1:{FreePorts.Next()}";

        var run = await CcmRunner.RunAsync("photos", "import", folder.Path, "--node", silent);

        Assert.Equal(3, run.ExitCode);
        Assert.StartsWith($"ccm: error: cannot reach the node at http://{silent}/", run.Error,
            StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--parallel", "0", "--parallel '0' is not a whole number from 1 to 16")]
    [InlineData("--node", "nohost", "--node 'nohost' is not host:port")]
    [InlineData("--max-rate", "lots", "--max-rate 'lots' is not a rate")]
    [InlineData("--bogus", "x", "unknown option or extra argument '--bogus'")]
    public async Task Import_should_refuse_bad_options_with_exit_2(string option, string value, string message)
    {
        using var folder = new TestFolder(nameof(Import_should_refuse_bad_options_with_exit_2));

        var run = await CcmRunner.RunAsync("photos", "import", folder.Path, option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(message, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Import_should_refuse_a_command_endpoint_in_place_of_the_node()
    {
        using var folder = new TestFolder(nameof(Import_should_refuse_a_command_endpoint_in_place_of_the_node));

        var run = await CcmRunner.RunAsync("127.0.0.1:9111", "photos", "import", folder.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("give the node's HTTP address with --node host:port", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Photos_help_should_list_every_import_option_without_a_member()
    {
        var run = await CcmRunner.RunAsync("photos", "import", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.All(ImportOptions.Help, h => Assert.Contains(h.Option, run.Output, StringComparison.Ordinal));
    }
}
