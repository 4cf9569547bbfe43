using MetadataExtractor.Formats.Xmp;
using XmpCore;

namespace CommunityCluster.Metadata;

/// <summary>The few XMP properties this reader uses, read without letting XmpCore throw.</summary>
internal sealed class XmpValues
{
    public const string Dc = "http://purl.org/dc/elements/1.1/";
    public const string Exif = "http://ns.adobe.com/exif/1.0/";
    public const string ExifEx = "http://cipa.jp/exif/1.0/";
    public const string Aux = "http://ns.adobe.com/exif/1.0/aux/";
    public const string Photoshop = "http://ns.adobe.com/photoshop/1.0/";
    public const string Tiff = "http://ns.adobe.com/tiff/1.0/";
    public const string Xmp = "http://ns.adobe.com/xap/1.0/";

    private readonly IReadOnlyList<IXmpMeta> _metas;

    public XmpValues(IEnumerable<XmpDirectory> directories) =>
        _metas = [.. directories.Select(d => d.XmpMeta).OfType<IXmpMeta>()];

    public string? Property(string ns, string name)
    {
        foreach (var meta in _metas)
        {
            try
            {
                if (meta.GetPropertyString(ns, name) is { } value)
                    return value;
            }
            catch (XmpException)
            {
                // a property of another shape (an array where a simple value was expected)
            }
        }

        return null;
    }

    /// <summary>A language alternative (dc:title, dc:description) in its default language.</summary>
    public string? Text(string ns, string name)
    {
        foreach (var meta in _metas)
        {
            try
            {
                if (meta.GetLocalizedText(ns, name, null, "x-default")?.Value is { } value)
                    return value;
            }
            catch (XmpException)
            {
                // not a language alternative
            }
        }

        return null;
    }
}
