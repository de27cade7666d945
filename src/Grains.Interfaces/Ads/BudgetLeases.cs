namespace AdOrleans.Grains;

/// <summary>
/// A gateway's budget lease request. <see cref="UsedMicros"/> is the cumulative expected charge of every win this
/// gateway made for the campaign (it never goes down); <see cref="WantMicros"/> the balance it would like to hold.
/// With <see cref="ReturnUnused"/> the gateway has stopped spending (its lease lapsed or cannot pay one more charge)
/// and hands back what it did not use before asking again.
/// </summary>
[GenerateSerializer, Immutable]
public sealed record LeaseRequest
{
    [Id(0)]
    public required string GatewayId { get; init; }

    [Id(1)]
    public long UsedMicros { get; init; }

    [Id(2)]
    public long WantMicros { get; init; }

    [Id(3)]
    public bool ReturnUnused { get; init; }

    /// <summary>How long the grain keeps the unused part reserved for this gateway without another renewal.</summary>
    [Id(4)]
    public TimeSpan Ttl { get; init; }

    /// <summary>Even pacing: how far today's spend may run ahead of the straight line (fraction of the daily budget).</summary>
    [Id(5)]
    public double PacingCatchUpFraction { get; init; }
}

/// <summary>The cumulative amount granted to the gateway (the gateway may spend up to this minus what it used).</summary>
[GenerateSerializer, Immutable]
public sealed record LeaseGrant([property: Id(0)] long GrantedMicros, [property: Id(1)] long ToppedUpMicros);
