namespace AdOrleans.Grains.Attribution;

/// <summary>Where attribution reports read from: the credit and path rows the journey grains commit.</summary>
public interface IAttributionSource
{
    /// <summary>Sums of the rows of the hours starting in [from, to).</summary>
    Task<AttributionData> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken);
}
