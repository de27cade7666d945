using Npgsql;

namespace AdOrleans.Persistence.Postgres;

/// <summary>
/// Writes one kind of grain-emitted row into PostgreSQL, inside the commit's transaction (the counterpart of
/// <c>ISqliteRowWriter</c>). Register implementations in DI; the store applies their migrations (by unique name)
/// on start. Writers add commands to the commit's batch rather than executing them, so a whole commit costs
/// one round trip: prefer one command per row type with array parameters (<c>INSERT ... SELECT * FROM unnest(@a, @b)
/// ON CONFLICT ... DO UPDATE</c>) and absolute values, so a replayed batch rewrites the same rows.
/// </summary>
public interface IPostgresRowWriter
{
    Type RowType { get; }

    /// <summary>Schema changes this writer needs, each applied once, in order; names must be unique across writers.</summary>
    IReadOnlyList<(string Name, string Sql)> Migrations { get; }

    /// <summary>Appends the commands that write <paramref name="rows"/> (all of <see cref="RowType"/>) to the commit batch.</summary>
    void AddCommands(NpgsqlBatch batch, IReadOnlyList<object> rows);
}
