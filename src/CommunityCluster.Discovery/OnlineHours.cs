using System.Globalization;

namespace CommunityCluster.Discovery;

/// <summary>
/// The hours this node has been online over its whole life, kept in one small file of its data
/// folder so the figure survives restarts. Written by replacing the file, so a power cut leaves
/// either the old figure or the new one.
/// </summary>
public sealed class OnlineHours(string dataDirectory)
{
    private readonly string _path = Path.Combine(dataDirectory, "online-hours.txt");

    public double Read()
    {
        try
        {
            return double.TryParse(File.ReadAllText(_path).Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var hours)
                && hours >= 0 ? hours : 0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    public double Add(TimeSpan online)
    {
        var total = Read() + online.TotalHours;
        Directory.CreateDirectory(dataDirectory);
        var temporary = _path + ".tmp";
        File.WriteAllText(temporary, total.ToString("0.####", CultureInfo.InvariantCulture));
        File.Move(temporary, _path, overwrite: true);
        return total;
    }
}
