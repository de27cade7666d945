namespace AdOrleans.Grains;

/// <summary>Running totals of the events of one log key (a campaign id, or <c>channel:&lt;channel&gt;</c>).</summary>
[GenerateSerializer]
public sealed record EventTotals
{
    [Id(0)]
    public long Events { get; init; }

    [Id(1)]
    public long ValueMicros { get; init; }

    [Id(2)]
    public Dictionary<string, long> ByType { get; init; } = new(StringComparer.Ordinal);
}
