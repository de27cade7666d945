using AdOrleans.Grains.Attribution;

namespace AdOrleans.Persistence.Sqlite.Attribution;

/// <summary>Attribution credits and journey paths summed over the committed hourly rows.</summary>
public sealed class SqliteAttributionSource(SqliteGrainStateStore store) : IAttributionSource
{
    public async Task<AttributionData> ReadAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var credits = connection.CreateCommand();
        credits.CommandText = """
            SELECT model, channel, campaign_id, SUM(nano_conversions), SUM(revenue_micros) FROM attribution_credits
            WHERE hour_start >= $from AND hour_start < $to GROUP BY model, channel, campaign_id ORDER BY model, channel, campaign_id
            """;
        credits.Parameters.AddWithValue("$from", from.ToUnixTimeSeconds());
        credits.Parameters.AddWithValue("$to", to.ToUnixTimeSeconds());
        var creditList = new List<AttributionCredit>();
        await using (var reader = await credits.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                creditList.Add(new AttributionCredit(reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4)));
            }
        }

        await using var paths = connection.CreateCommand();
        paths.CommandText = """
            SELECT path, SUM(conversions), SUM(nulls) FROM attribution_paths
            WHERE hour_start >= $from AND hour_start < $to GROUP BY path ORDER BY path
            """;
        paths.Parameters.AddWithValue("$from", from.ToUnixTimeSeconds());
        paths.Parameters.AddWithValue("$to", to.ToUnixTimeSeconds());
        var pathList = new List<JourneyPathCount>();
        await using (var reader = await paths.ExecuteReaderAsync(cancellationToken))
        {
            while (await reader.ReadAsync(cancellationToken))
            {
                pathList.Add(new JourneyPathCount(reader.GetString(0).Split('>'), reader.GetInt64(1), reader.GetInt64(2)));
            }
        }

        return new AttributionData(creditList, pathList);
    }
}
