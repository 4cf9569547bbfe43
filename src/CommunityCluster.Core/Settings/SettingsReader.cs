using System.Collections;
using System.Text.Json;

namespace CommunityCluster.Core.Settings;

/// <summary>
/// Merges the sources of settings in one documented order:
/// defaults &lt; appsettings.json &lt; environment &lt; command-line flags.
/// It checks names only (unknown flag, missing value); the typed checks belong to the settings
/// record that reads the result.
/// </summary>
public static class SettingsReader
{
    public const string JsonSection = "CommunityCluster";

    /// <summary>True when the arguments ask for help rather than a run.</summary>
    public static bool WantsHelp(IEnumerable<string> args) =>
        args.Any(a => a is "--help" or "-h" or "-?" or "help");

    public static IReadOnlyDictionary<string, SettingValue> Read(
        IReadOnlyList<SettingDefinition> definitions,
        IReadOnlyList<string> args,
        IDictionary environment,
        string? appSettingsJson)
    {
        var values = definitions.ToDictionary(
            d => d.Key, d => new SettingValue(d.Default, "default"), StringComparer.Ordinal);

        if (appSettingsJson is not null)
            ReadJson(definitions, appSettingsJson, values);

        foreach (var definition in definitions)
        {
            if (environment[definition.EnvironmentVariable] is string fromEnvironment && fromEnvironment.Length > 0)
                values[definition.Key] = new SettingValue(fromEnvironment, definition.EnvironmentVariable);
        }

        ReadFlags(definitions, args, values);
        return values;
    }

    /// <summary>The text of <c>--help</c>: one line per setting, flag, variable and default.</summary>
    public static string Help(string program, string summary, IReadOnlyList<SettingDefinition> definitions)
    {
        var lines = new List<string> { $"{program}: {summary}", "", $"usage: {program} [options]", "" };
        var flagWidth = definitions.Max(d => d.Flag.Length) + 2;
        var envWidth = definitions.Max(d => d.EnvironmentVariable.Length) + 2;
        foreach (var d in definitions)
        {
            var fallback = d.Default.Length == 0 ? "none" : d.Default;
            lines.Add($"  {d.Flag.PadRight(flagWidth)}{d.EnvironmentVariable.PadRight(envWidth)}{d.Help} (default: {fallback})");
        }

        lines.Add("");
        lines.Add("Precedence: defaults < appsettings.json (section \"CommunityCluster\") < environment < flags.");
        return string.Join(Environment.NewLine, lines);
    }

    private static void ReadJson(
        IReadOnlyList<SettingDefinition> definitions, string json, Dictionary<string, SettingValue> values)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException e)
        {
            throw new SettingsException($"appsettings.json is not valid JSON: {e.Message}");
        }

        using (document)
        {
            if (!document.RootElement.TryGetProperty(JsonSection, out var section))
                return;

            if (section.ValueKind != JsonValueKind.Object)
                throw new SettingsException($"appsettings.json: \"{JsonSection}\" must be an object");

            foreach (var property in section.EnumerateObject())
            {
                var definition = definitions.FirstOrDefault(
                    d => string.Equals(d.Key, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? throw new SettingsException(
                        $"appsettings.json: unknown setting \"{property.Name}\" in \"{JsonSection}\"");

                values[definition.Key] = new SettingValue(JsonText(property.Value), $"appsettings.json {property.Name}");
            }
        }
    }

    private static string JsonText(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString() ?? "",
        JsonValueKind.Array => string.Join(",", value.EnumerateArray().Select(JsonText)),
        _ => value.GetRawText(),
    };

    private static void ReadFlags(
        IReadOnlyList<SettingDefinition> definitions, IReadOnlyList<string> args, Dictionary<string, SettingValue> values)
    {
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var flag = equals > 0 ? arg[..equals] : arg;
            var definition = definitions.FirstOrDefault(d => d.Flag == flag)
                ?? throw new SettingsException($"unknown option '{flag}' (see --help)");

            string text;
            if (equals > 0)
                text = arg[(equals + 1)..];
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
                text = args[++i];
            else
                throw new SettingsException($"option '{flag}' needs a value (see --help)");

            values[definition.Key] = new SettingValue(text, flag);
        }
    }
}
