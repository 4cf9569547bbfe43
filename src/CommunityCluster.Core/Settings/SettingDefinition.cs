namespace CommunityCluster.Core.Settings;

/// <summary>
/// One setting as a user meets it: a command-line flag, an environment variable, a key of the
/// <c>CommunityCluster</c> section of <c>appsettings.json</c>, and a default. The same table
/// drives parsing, <c>--help</c>, the README and the Dockerfile checks, so they cannot drift.
/// </summary>
public sealed record SettingDefinition(string Key, string Flag, string EnvironmentVariable, string Default, string Help);

/// <summary>A value together with where it came from, for clear error messages.</summary>
public sealed record SettingValue(string Text, string Origin);

/// <summary>The reason a setting cannot be used; the process ends with it and exit code 2.</summary>
public sealed class SettingsException(string message) : Exception(message);
