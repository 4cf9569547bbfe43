namespace CommunityCluster.Metadata.Tests;

public class PhotoIdSpecs
{
    [Fact]
    public void PhotoId_should_be_the_lowercase_hex_SHA_256_of_the_bytes()
    {
        using var content = new MemoryStream("abc"u8.ToArray());

        var id = PhotoId.Compute(content);

        Assert.Equal("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad", id); // FIPS 180-2 test vector
    }

    [Fact]
    public void PhotoId_should_differ_when_one_byte_differs()
    {
        var photo = TinyImages.Jpeg(4, 3);
        var edited = photo.ToArray();
        edited[^3] ^= 1;

        var (original, changed) = (PhotoId.Compute(photo), PhotoId.Compute(edited));

        Assert.NotEqual(original, changed);
    }
}
