using CommunityCluster.Commands;
using CommunityCluster.Commands.Protocol;

namespace CommunityCluster.Ccm.Tests;

public sealed class CommandParserSpecs
{
    private sealed class TestPalette() : Palette("cluster", "for the parser")
    {
        protected override IEnumerable<PaletteCommand> Define() =>
        [
            new("show", "", [], Nothing),
            new("down", "", [Required("address", "a member", 'a')], Nothing),
            new("sharding regions", "", [], Nothing),
            new("sharding region-stats", "", [Required("type", "a type", 't'), Optional("limit", "how many")], Nothing),
        ];

        private static Task<CommandOutput> Nothing(CommandContext context) => throw new NotSupportedException();
    }

    private static readonly IReadOnlyList<Palette> Palettes = [new TestPalette()];

    private static ParsedCommand Parse(string line) => CommandParser.Parse(Palettes, line.Split(' '));

    private static CommandException Fails(string line) => Assert.Throws<CommandException>(() => Parse(line));

    [Fact]
    public void CommandParser_should_take_the_longest_command_that_the_words_start_with()
    {
        var parsed = Parse("cluster sharding region-stats probe 5");

        Assert.Equal("cluster sharding region-stats", parsed.CommandLine);
        Assert.Equal("probe", parsed.Arguments["type"]);
        Assert.Equal("5", parsed.Arguments["limit"]);
    }

    [Theory]
    [InlineData("cluster down host:1")]
    [InlineData("cluster down -a host:1")]
    [InlineData("cluster down --address host:1")]
    [InlineData("cluster down --address=host:1")]
    public void CommandParser_should_read_an_argument_by_position_or_by_name(string line)
    {
        Assert.Equal("host:1", Parse(line).Arguments["address"]);
    }

    [Fact]
    public void CommandParser_should_fill_positions_left_by_named_arguments()
    {
        var parsed = Parse("cluster sharding region-stats -t probe 7");

        Assert.Equal(("probe", "7"), (parsed.Arguments["type"], parsed.Arguments["limit"]));
    }

    [Theory]
    [InlineData("nodes show", ProblemCodes.UnknownPalette, "unknown palette 'nodes'; this member offers cluster")]
    [InlineData("cluster", ProblemCodes.UnknownCommand, "'cluster' needs a command: show, down, sharding regions")]
    [InlineData("cluster shw", ProblemCodes.UnknownCommand, "unknown command 'shw' in palette 'cluster'")]
    [InlineData("cluster down", ProblemCodes.BadArguments, "'cluster down' needs <address>: a member")]
    [InlineData("cluster show extra", ProblemCodes.BadArguments, "unexpected argument 'extra' for 'cluster show'")]
    [InlineData("cluster down --force x", ProblemCodes.BadArguments, "unknown option '--force' for 'cluster down'")]
    [InlineData("cluster down -a", ProblemCodes.BadArguments, "option '-a' needs a value")]
    public void CommandParser_should_say_what_is_wrong_and_what_there_is(string line, string code, string message)
    {
        var failure = Fails(line);

        Assert.Equal(code, failure.Code);
        Assert.StartsWith(message, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CommandParser_should_take_a_negative_number_or_an_address_as_a_value()
    {
        Assert.Equal("-1", Parse("cluster sharding region-stats probe -1").Arguments["limit"]);
        Assert.Equal("akka.tcp://community@h:1", Parse("cluster down akka.tcp://community@h:1").Arguments["address"]);
    }
}
