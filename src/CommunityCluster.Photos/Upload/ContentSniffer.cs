namespace CommunityCluster.Photos.Upload;

/// <summary>
/// The media type of a file from its first bytes, never from its name: a JPEG named .png is a
/// JPEG. Unknown content is served as application/octet-stream.
/// </summary>
public static class ContentSniffer
{
    public const string Unknown = "application/octet-stream";

    public static string Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
            return "image/jpeg";
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]))
            return "image/png";
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
            return "image/gif";
        if (head.Length >= 12 && head.StartsWith("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
            return "image/webp";
        if (head.StartsWith((ReadOnlySpan<byte>)[(byte)'I', (byte)'I', 42, 0]) || head.StartsWith((ReadOnlySpan<byte>)[(byte)'M', (byte)'M', 0, 42]))
            return "image/tiff";
        if (head.Length >= 12 && head[4..8].SequenceEqual("ftyp"u8))
            return IsoBrand(head[8..12]);
        if (head.StartsWith("BM"u8))
            return "image/bmp";
        return Unknown;
    }

    private static string IsoBrand(ReadOnlySpan<byte> brand) => System.Text.Encoding.ASCII.GetString(brand) switch
    {
        "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" => "image/heic",
        "mif1" or "msf1" => "image/heif",
        "avif" or "avis" => "image/avif",
        _ => Unknown,
    };
}
