using System.Text;

namespace CommunityCluster.Metadata.Tests;

public class ContentSnifferSpecs
{
    public static TheoryData<string, ImageFormat> Headers => new()
    {
        { "FF D8 FF E0", ImageFormat.Jpeg },
        { "89 50 4E 47 0D 0A 1A 0A 00 00 00 0D", ImageFormat.Png },
        { "47 49 46 38 39 61 01 00", ImageFormat.Gif },
        { "47 49 46 38 37 61 01 00", ImageFormat.Gif },
        { "52 49 46 46 24 00 00 00 57 45 42 50 56 50 38 20", ImageFormat.WebP },
        { "49 49 2A 00 08 00 00 00", ImageFormat.Tiff },
        { "4D 4D 00 2A 00 00 00 08", ImageFormat.Tiff },
        { "42 4D 3A 00 00 00 00 00 00 00 36 00 00 00 28 00 00 00", ImageFormat.Bmp },
        // "BM" followed by text is not a bitmap.
        { "42 4D 20 69 73 20 61 20 6E 6F 74 65 20 66 72 6F 6D 20", ImageFormat.Unknown },
        // RIFF of another kind (WAVE) is not WebP.
        { "52 49 46 46 24 00 00 00 57 41 56 45 66 6D 74 20", ImageFormat.Unknown },
        { "FF D8", ImageFormat.Unknown },
        { "", ImageFormat.Unknown },
        { "25 50 44 46 2D 31 2E 37", ImageFormat.Unknown },
    };

    [Theory]
    [MemberData(nameof(Headers))]
    public void ContentSniffer_should_tell_formats_by_their_signatures(string hex, ImageFormat expected)
    {
        var header = Convert.FromHexString(hex.Replace(" ", "", StringComparison.Ordinal));

        var format = ContentSniffer.Sniff(header);

        Assert.Equal(expected, format);
    }

    [Theory]
    [InlineData("heic", "mif1 heic", ImageFormat.Heic)]
    [InlineData("heix", "mif1 heix", ImageFormat.Heic)]
    [InlineData("mif1", "mif1 heic", ImageFormat.Heic)]
    [InlineData("avif", "avif mif1 miaf", ImageFormat.Avif)]
    [InlineData("mif1", "mif1 miaf avif", ImageFormat.Avif)]
    [InlineData("mif1", "mif1", ImageFormat.Heif)]
    [InlineData("msf1", "msf1 iso8", ImageFormat.Heif)]
    [InlineData("isom", "isom iso2 mp41", ImageFormat.Unknown)]
    [InlineData("qt  ", "qt  ", ImageFormat.Unknown)]
    [InlineData("crx ", "crx isom", ImageFormat.Unknown)]
    public void ContentSniffer_should_tell_HEIF_family_images_by_their_ftyp_brands(string major, string compatible,
        ImageFormat expected)
    {
        var brands = compatible.Split(' ').Select(b => b.PadRight(4)).ToList();
        var ftyp = TinyHeic.Box("ftyp", [.. Encoding.ASCII.GetBytes(major), 0, 0, 0, 0,
            .. brands.SelectMany(Encoding.ASCII.GetBytes)]);

        var format = ContentSniffer.Sniff(ftyp);

        Assert.Equal(expected, format);
    }

    [Fact]
    public void ContentSniffer_should_not_read_brands_past_the_ftyp_box()
    {
        byte[] ftyp = [.. TinyHeic.Box("ftyp", [.. "isom"u8, 0, 0, 0, 0, .. "mp41"u8]), .. TinyHeic.Box("free",
            [.. "heic"u8])];

        var format = ContentSniffer.Sniff(ftyp);

        Assert.Equal(ImageFormat.Unknown, format);
    }

    [Fact]
    public void ContentSniffer_should_put_a_seekable_stream_back_where_it_was()
    {
        using var content = new MemoryStream([0, 0, .. TinyImages.Jpeg(4, 3)]) { Position = 2 };

        var format = ContentSniffer.Sniff(content);

        Assert.Equal(ImageFormat.Jpeg, format);
        Assert.Equal(2, content.Position);
    }

    [Theory]
    [InlineData(ImageFormat.Jpeg, "image/jpeg")]
    [InlineData(ImageFormat.Heic, "image/heic")]
    [InlineData(ImageFormat.Avif, "image/avif")]
    [InlineData(ImageFormat.Unknown, "application/octet-stream")]
    public void ImageFormat_should_name_its_media_type(ImageFormat format, string mediaType)
    {
        Assert.Equal(mediaType, format.MediaType());
    }
}
