using CommunityCluster.Core.Settings;

namespace CommunityCluster.Core.Tests;

public class ByteSizeSpecs
{
    [Theory]
    [InlineData("4096", 4096)]
    [InlineData("20GB", 20_000_000_000)]
    [InlineData("20 gb", 20_000_000_000)]
    [InlineData("1.5TB", 1_500_000_000_000)]
    [InlineData("512MiB", 512L * 1024 * 1024)]
    [InlineData("2GiB", 2L * 1024 * 1024 * 1024)]
    [InlineData("10k", 10_000)]
    public void ByteSize_should_read_sizes_as_people_write_them(string text, long bytes)
    {
        Assert.True(ByteSize.TryParse(text, out var size));

        Assert.Equal(bytes, size.Bytes);
    }

    [Theory]
    [InlineData("")]
    [InlineData("lots")]
    [InlineData("GB")]
    [InlineData("-1GB")]
    [InlineData("0")]
    [InlineData("12 parsecs")]
    [InlineData("99999999999TB")]
    public void ByteSize_should_refuse_what_is_not_a_size(string text)
    {
        Assert.False(ByteSize.TryParse(text, out _));
    }

    [Fact]
    public void ByteSize_should_print_in_decimal_units()
    {
        Assert.Equal("20 GB", ByteSize.FromGigabytes(20).ToString());
        Assert.Equal("512 B", new ByteSize(512).ToString());
    }
}
