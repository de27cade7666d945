using AdOrleans.Persistence.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Ads;

/// <summary>Billing lines summed from the committed hourly rows; exact because every row is an integer sum of charges.</summary>
public sealed class SqliteBillingSource(SqliteGrainStateStore store) : IBillingSource
{
    public async Task<IReadOnlyList<BillingLine>> LinesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken);
        await using var query = connection.CreateCommand();
        query.CommandText = """
            SELECT campaign_id, creative_id, SUM(impressions), SUM(clicks), SUM(conversions), SUM(spend_micros)
            FROM ad_billing WHERE hour_start >= $from AND hour_start < $to
            GROUP BY campaign_id, creative_id ORDER BY campaign_id, creative_id
            """;
        query.Parameters.AddWithValue("$from", from.ToUnixTimeSeconds());
        query.Parameters.AddWithValue("$to", to.ToUnixTimeSeconds());
        var lines = new List<BillingLine>();
        await using var reader = await query.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            lines.Add(new BillingLine(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }

        return lines;
    }
}
