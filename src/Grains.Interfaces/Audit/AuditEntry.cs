namespace AdOrleans.Grains;

/// <summary>
/// One admin or advertiser change as the gateway saw it: who (the key's name, never the key), what (method, path,
/// the answer's status), when. Failed and refused attempts are recorded too: they matter to whoever reads the log.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record AuditEntry
{
    [Id(0)]
    public required DateTimeOffset At { get; init; }

    [Id(1)]
    public required string Key { get; init; }

    [Id(2)]
    public required string Role { get; init; }

    [Id(3)]
    public string? Advertiser { get; init; }

    [Id(4)]
    public required string Method { get; init; }

    [Id(5)]
    public required string Path { get; init; }

    [Id(6)]
    public int Status { get; init; }
}

/// <summary>The audit log of one UTC day (key <c>yyyy-MM-dd</c>), stored; entries in arrival order.</summary>
public interface IAuditLogGrain : IGrainWithStringKey
{
    /// <summary>The grain type, also the owner of the day's entry rows (Orleans' default name for the class, kept so stored days stay found).</summary>
    public const string GrainType = "auditlog";

    Task AppendAsync(AuditEntry entry);

    Task<AuditDay> GetAsync();
}

/// <summary>A day's entries, and how many arrived after the day's cap (counted, not kept).</summary>
[GenerateSerializer, Immutable]
public sealed record AuditDay([property: Id(0)] IReadOnlyList<AuditEntry> Entries, [property: Id(1)] long Dropped);
