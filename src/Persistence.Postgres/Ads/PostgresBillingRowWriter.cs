using AdOrleans.Grains;
using AdOrleans.Persistence.Postgres;
using AdOrleans.Persistence.Postgres.DayPartitions;
using Npgsql;
using NpgsqlTypes;

namespace AdOrleans.Persistence.Postgres.Ads;

/// <summary>
/// The PostgreSQL counterpart of <see cref="BillingRowWriter"/>: the campaign grains' hourly billing rows (absolute
/// totals) upserted with one set-based command in the commit's batch. <c>ad_billing</c> is range-partitioned by
/// day of <c>hour_start</c>, like the KPI rollups.
/// </summary>
public sealed class PostgresBillingRowWriter : IPostgresRowWriter
{
    public static readonly DayPartitionedTable Partitioning = new("ad_billing", "hour_start");

    public Type RowType => typeof(BillingRow);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("ads-0001-billing", $"""
        CREATE TABLE ad_billing (
            campaign_id  text COLLATE "C" NOT NULL,
            creative_id  text COLLATE "C" NOT NULL,
            hour_start   bigint NOT NULL,
            impressions  bigint NOT NULL,
            clicks       bigint NOT NULL,
            conversions  bigint NOT NULL,
            spend_micros bigint NOT NULL,
            PRIMARY KEY (campaign_id, creative_id, hour_start)
        ) PARTITION BY RANGE (hour_start);
        CREATE INDEX ad_billing_hour ON ad_billing (hour_start);
        {PostgresDayPartitions.DefaultPartitionAndEnsureFunction("ad_billing")}
        """),
    ];

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        // One command may not update a row twice, and a grain can emit the same hour twice in a batch: its rows are
        // running totals in emission order, so the last one per key is the row SQLite ends up with too.
        var latest = new Dictionary<(string, string, long), BillingRow>();
        foreach (BillingRow row in rows)
        {
            latest[(row.CampaignId, row.CreativeId, row.HourStart.ToUnixTimeSeconds())] = row;
        }

        var ordered = latest.OrderBy(r => r.Key.Item1, StringComparer.Ordinal).ThenBy(r => r.Key.Item2, StringComparer.Ordinal).ThenBy(r => r.Key.Item3)
            .Select(r => r.Value).ToArray();
        var command = new NpgsqlBatchCommand("""
            INSERT INTO ad_billing (campaign_id, creative_id, hour_start, impressions, clicks, conversions, spend_micros)
            SELECT * FROM unnest(@c, @cr, @h, @i, @k, @v, @s)
            ON CONFLICT (campaign_id, creative_id, hour_start) DO UPDATE SET
                impressions = excluded.impressions, clicks = excluded.clicks,
                conversions = excluded.conversions, spend_micros = excluded.spend_micros
            """);
        command.Parameters.Add(Text("c", ordered.Select(r => r.CampaignId)));
        command.Parameters.Add(Text("cr", ordered.Select(r => r.CreativeId)));
        command.Parameters.Add(Bigint("h", ordered.Select(r => r.HourStart.ToUnixTimeSeconds())));
        command.Parameters.Add(Bigint("i", ordered.Select(r => r.Counts.Impressions)));
        command.Parameters.Add(Bigint("k", ordered.Select(r => r.Counts.Clicks)));
        command.Parameters.Add(Bigint("v", ordered.Select(r => r.Counts.Conversions)));
        command.Parameters.Add(Bigint("s", ordered.Select(r => r.Counts.SpendMicros)));
        batch.BatchCommands.Add(command);
    }

    private static NpgsqlParameter<string[]> Text(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] };

    private static NpgsqlParameter<long[]> Bigint(string name, IEnumerable<long> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. values] };
}
