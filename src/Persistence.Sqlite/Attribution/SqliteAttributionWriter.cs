using AdOrleans.Grains.Attribution;
using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite.Attribution;

/// <summary>
/// Adds the journeys' credit and path changes to their hourly rows inside the commit transaction: deltas, exactly
/// once because they commit with the journey state that remembers the events they came from.
/// </summary>
public sealed class SqliteAttributionWriter : ISqliteRowWriter
{
    public Type RowType => typeof(AttributionDelta);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("attribution-0001", """
        CREATE TABLE attribution_credits (
            hour_start       INTEGER NOT NULL,
            model            TEXT NOT NULL,
            channel          TEXT NOT NULL,
            campaign_id      TEXT NOT NULL,
            nano_conversions INTEGER NOT NULL,
            revenue_micros   INTEGER NOT NULL,
            PRIMARY KEY (hour_start, model, channel, campaign_id)
        ) WITHOUT ROWID;
        CREATE TABLE attribution_paths (
            hour_start  INTEGER NOT NULL,
            path        TEXT NOT NULL,
            conversions INTEGER NOT NULL,
            nulls       INTEGER NOT NULL,
            PRIMARY KEY (hour_start, path)
        ) WITHOUT ROWID;
        """),
    ];

    public void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows)
    {
        using var credits = new SqliteStatement(connection, """
            INSERT INTO attribution_credits (hour_start, model, channel, campaign_id, nano_conversions, revenue_micros)
            VALUES (?1, ?2, ?3, ?4, ?5, ?6)
            ON CONFLICT (hour_start, model, channel, campaign_id) DO UPDATE SET
                nano_conversions = nano_conversions + excluded.nano_conversions, revenue_micros = revenue_micros + excluded.revenue_micros
            """);
        using var paths = new SqliteStatement(connection, """
            INSERT INTO attribution_paths (hour_start, path, conversions, nulls) VALUES (?1, ?2, ?3, ?4)
            ON CONFLICT (hour_start, path) DO UPDATE SET conversions = conversions + excluded.conversions, nulls = nulls + excluded.nulls
            """);
        foreach (AttributionDelta row in rows)
        {
            foreach (var c in row.Credits)
            {
                credits.Bind(1, c.HourStart).Bind(2, c.Model).Bind(3, c.Channel).Bind(4, c.CampaignId).Bind(5, c.NanoConversions).Bind(6, c.RevenueMicros).Execute();
            }

            foreach (var p in row.Paths)
            {
                paths.Bind(1, p.HourStart).Bind(2, p.Path).Bind(3, p.Conversions).Bind(4, p.Nulls).Execute();
            }
        }
    }
}
