namespace Pinterest.Modular.Infrastructure.Source;

/// <summary>One posting event: the rows with the same key in the three source tables.</summary>
public sealed record SyntheticPostingEvent(SourcePinRow Pin, SourceGeoRow Geo, SourceUserRow User);
