using AdOrleans.Grains.Attribution;
using NpgsqlTypes;

namespace AdOrleans.Persistence.Postgres.Attribution;

/// <summary>
/// The PostgreSQL counterpart of the SQLite attribution writer: the journeys' credit and path deltas, merged per row
/// (one command may not update a row twice) and added with one set-based upsert per table in the commit's batch.
/// </summary>
public sealed class PostgresAttributionWriter : IPostgresRowWriter
{
    public Type RowType => typeof(AttributionDelta);

    public IReadOnlyList<(string Name, string Sql)> Migrations { get; } =
    [
        ("attribution-0001", """
        CREATE TABLE attribution_credits (
            hour_start       bigint NOT NULL,
            model            text COLLATE "C" NOT NULL,
            channel          text COLLATE "C" NOT NULL,
            campaign_id      text COLLATE "C" NOT NULL,
            nano_conversions bigint NOT NULL,
            revenue_micros   bigint NOT NULL,
            PRIMARY KEY (hour_start, model, channel, campaign_id)
        );
        CREATE TABLE attribution_paths (
            hour_start  bigint NOT NULL,
            path        text COLLATE "C" NOT NULL,
            conversions bigint NOT NULL,
            nulls       bigint NOT NULL,
            PRIMARY KEY (hour_start, path)
        );
        """),
    ];

    public void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows)
    {
        var credits = new SortedDictionary<(long, string, string, string), (long Nano, long Revenue)>();
        var paths = new SortedDictionary<(long, string), (long Conversions, long Nulls)>();
        foreach (AttributionDelta row in rows)
        {
            foreach (var c in row.Credits)
            {
                var key = (c.HourStart, c.Model, c.Channel, c.CampaignId);
                var (n, r) = credits.GetValueOrDefault(key);
                credits[key] = (n + c.NanoConversions, r + c.RevenueMicros);
            }

            foreach (var p in row.Paths)
            {
                var (c, n) = paths.GetValueOrDefault((p.HourStart, p.Path));
                paths[(p.HourStart, p.Path)] = (c + p.Conversions, n + p.Nulls);
            }
        }

        var creditCommand = new NpgsqlBatchCommand("""
            INSERT INTO attribution_credits (hour_start, model, channel, campaign_id, nano_conversions, revenue_micros)
            SELECT * FROM unnest(@h, @m, @ch, @c, @n, @r)
            ON CONFLICT (hour_start, model, channel, campaign_id) DO UPDATE SET
                nano_conversions = attribution_credits.nano_conversions + excluded.nano_conversions,
                revenue_micros = attribution_credits.revenue_micros + excluded.revenue_micros
            """);
        creditCommand.Parameters.Add(Bigint("h", credits.Keys.Select(k => k.Item1)));
        creditCommand.Parameters.Add(Text("m", credits.Keys.Select(k => k.Item2)));
        creditCommand.Parameters.Add(Text("ch", credits.Keys.Select(k => k.Item3)));
        creditCommand.Parameters.Add(Text("c", credits.Keys.Select(k => k.Item4)));
        creditCommand.Parameters.Add(Bigint("n", credits.Values.Select(v => v.Nano)));
        creditCommand.Parameters.Add(Bigint("r", credits.Values.Select(v => v.Revenue)));
        batch.BatchCommands.Add(creditCommand);
        var pathCommand = new NpgsqlBatchCommand("""
            INSERT INTO attribution_paths (hour_start, path, conversions, nulls)
            SELECT * FROM unnest(@h, @p, @c, @n)
            ON CONFLICT (hour_start, path) DO UPDATE SET
                conversions = attribution_paths.conversions + excluded.conversions, nulls = attribution_paths.nulls + excluded.nulls
            """);
        pathCommand.Parameters.Add(Bigint("h", paths.Keys.Select(k => k.Item1)));
        pathCommand.Parameters.Add(Text("p", paths.Keys.Select(k => k.Item2)));
        pathCommand.Parameters.Add(Bigint("c", paths.Values.Select(v => v.Conversions)));
        pathCommand.Parameters.Add(Bigint("n", paths.Values.Select(v => v.Nulls)));
        batch.BatchCommands.Add(pathCommand);
    }

    private static NpgsqlParameter<string[]> Text(string name, IEnumerable<string> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Text) { TypedValue = [.. values] };

    private static NpgsqlParameter<long[]> Bigint(string name, IEnumerable<long> values) =>
        new(name, NpgsqlDbType.Array | NpgsqlDbType.Bigint) { TypedValue = [.. values] };
}
