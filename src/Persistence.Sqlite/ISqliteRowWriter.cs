using Microsoft.Data.Sqlite;

namespace AdOrleans.Persistence.Sqlite;

/// <summary>
/// Writes one kind of grain-emitted row into the embedded store, inside the commit's transaction.
/// Register implementations in DI; the store applies their migrations (by unique name) on open.
/// </summary>
public interface ISqliteRowWriter
{
    Type RowType { get; }

    /// <summary>Schema changes this writer needs, each applied once, in order; names must be unique across writers.</summary>
    IReadOnlyList<(string Name, string Sql)> Migrations { get; }

    void Write(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<object> rows);
}
