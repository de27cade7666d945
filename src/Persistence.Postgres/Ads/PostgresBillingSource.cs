using AdOrleans.Persistence.Postgres;

namespace AdOrleans.Persistence.Postgres.Ads;

/// <summary>The statement of <see cref="SqliteBillingSource"/> over the PostgreSQL store (sums back to bigint, byte-wise order).</summary>
public sealed class PostgresBillingSource(PostgresGrainStateStore store) : IBillingSource
{
    public async Task<IReadOnlyList<BillingLine>> LinesAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        await store.ReadRetryingAsync(async () =>
        {
            await using var query = store.DataSource.CreateCommand("""
                SELECT campaign_id, creative_id, SUM(impressions)::bigint, SUM(clicks)::bigint, SUM(conversions)::bigint, SUM(spend_micros)::bigint
                FROM ad_billing WHERE hour_start >= @from AND hour_start < @to
                GROUP BY campaign_id, creative_id ORDER BY campaign_id, creative_id
                """);
            query.Parameters.AddWithValue("from", from.ToUnixTimeSeconds());
            query.Parameters.AddWithValue("to", to.ToUnixTimeSeconds());
            var lines = new List<BillingLine>();
            await using var reader = await query.ExecuteReaderAsync(cancellationToken);
            while (await reader.ReadAsync(cancellationToken))
            {
                lines.Add(new BillingLine(reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
            }

            return (IReadOnlyList<BillingLine>)lines;
        });
}
