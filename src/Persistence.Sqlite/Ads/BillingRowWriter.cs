using AdOrleans.Grains;
using AdOrleans.Persistence.Sqlite;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Ads;

/// <summary>Upserts the campaign grains' hourly billing rows (absolute totals) inside the commit transaction.</summary>
public sealed class BillingRowWriter : ISqliteRowWriter
{
    public Type RowType => typeof(BillingRow);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("ads-0001-billing", """
        CREATE TABLE ad_billing (
            campaign_id  TEXT NOT NULL,
            creative_id  TEXT NOT NULL,
            hour_start   INTEGER NOT NULL,
            impressions  INTEGER NOT NULL,
            clicks       INTEGER NOT NULL,
            conversions  INTEGER NOT NULL,
            spend_micros INTEGER NOT NULL,
            PRIMARY KEY (campaign_id, creative_id, hour_start)
        ) WITHOUT ROWID;
        CREATE INDEX ad_billing_hour ON ad_billing (hour_start);
        """),
    ];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var upsert = connection.CreateCommand();
        upsert.Transaction = transaction;
        upsert.CommandText = """
            INSERT INTO ad_billing (campaign_id, creative_id, hour_start, impressions, clicks, conversions, spend_micros)
            VALUES ($c, $cr, $h, $i, $k, $v, $s)
            ON CONFLICT (campaign_id, creative_id, hour_start) DO UPDATE SET
                impressions = excluded.impressions, clicks = excluded.clicks,
                conversions = excluded.conversions, spend_micros = excluded.spend_micros
            """;
        var p = new[] { "$c", "$cr", "$h", "$i", "$k", "$v", "$s" }.Select(n => upsert.Parameters.Add(n, n is "$c" or "$cr" ? SqliteType.Text : SqliteType.Integer)).ToArray();
        foreach (BillingRow row in rows)
        {
            (p[0].Value, p[1].Value, p[2].Value) = (row.CampaignId, row.CreativeId, row.HourStart.ToUnixTimeSeconds());
            (p[3].Value, p[4].Value, p[5].Value, p[6].Value) = (row.Counts.Impressions, row.Counts.Clicks, row.Counts.Conversions, row.Counts.SpendMicros);
            upsert.ExecuteNonQuery();
        }
    }
}
