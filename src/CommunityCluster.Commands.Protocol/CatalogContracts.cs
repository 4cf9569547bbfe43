namespace CommunityCluster.Commands.Protocol;

/// <summary>What a member offers: its address and its palettes, for help and for the client's checks.</summary>
public sealed record CatalogReply(string Member, string Version, IReadOnlyList<PaletteInfo> Palettes);

public sealed record PaletteInfo(string Name, string Summary, IReadOnlyList<CommandInfo> Commands);

/// <summary>
/// One command of a palette. <paramref name="Name"/> may have several words
/// (<c>sharding regions</c>); <paramref name="Streams"/> says it answers with a stream of lines.
/// </summary>
public sealed record CommandInfo(string Name, string Summary, IReadOnlyList<ArgumentInfo> Arguments, bool Streams);

/// <summary>
/// A positional argument, also accepted as <c>--name value</c> and, when <paramref name="Short"/>
/// is set, <c>-x value</c>.
/// </summary>
public sealed record ArgumentInfo(string Name, string Summary, bool Required, string? Short);
