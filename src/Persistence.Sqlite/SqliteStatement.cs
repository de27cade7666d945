using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace AdOrleans.Persistence.Sqlite;

/// <summary>
/// A prepared statement on SQLite's own API, for wide integer rows read or written in bulk. Microsoft.Data.Sqlite
/// makes two native calls per value read (type, then value) and re-binds every parameter through a generic binder
/// per execution; a 30-day hourly KPI series is 14,400 values, and reading them through it took twice as long as
/// the whole query does here (bench/Kpi.Bench); binding the 25 values of a rollup upsert took half of the upsert.
/// NULL reads as 0, which is what a counter without rows means. A busy database is waited for up to 30 s,
/// as Microsoft.Data.Sqlite's own commands do here.
/// </summary>
public sealed class SqliteStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The connection is not open.");
        raw.sqlite3_busy_timeout(_db, (int)TimeSpan.FromSeconds(30).TotalMilliseconds);
        Check(raw.sqlite3_prepare_v2(_db, sql, out _statement));
    }

    public SqliteStatement Bind(string name, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, Index(name), value));
        return this;
    }

    public SqliteStatement Bind(string name, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, Index(name), value));
        return this;
    }

    /// <summary>Binds a parameter by its 1-based position (for statements executed many times with new values).</summary>
    public SqliteStatement Bind(int index, long value)
    {
        Check(raw.sqlite3_bind_int64(_statement, index, value));
        return this;
    }

    public SqliteStatement Bind(int index, string value)
    {
        Check(raw.sqlite3_bind_text(_statement, index, value));
        return this;
    }

    public SqliteStatement Bind(int index, byte[] value)
    {
        Check(raw.sqlite3_bind_blob(_statement, index, value));
        return this;
    }

    /// <summary>Runs a statement that returns no rows, then resets it for the next values.</summary>
    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        raw.sqlite3_reset(_statement);
        Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
    }

    /// <summary>Steps to the next row; false when there is none.</summary>
    public bool Step()
    {
        var rc = raw.sqlite3_step(_statement);
        if (rc == raw.SQLITE_ROW)
        {
            return true;
        }

        Check(rc == raw.SQLITE_DONE ? raw.SQLITE_OK : rc);
        return false;
    }

    /// <summary>Makes a statement stepped with <see cref="Step"/> ready to run again (its bindings stay).</summary>
    public void Reset() => raw.sqlite3_reset(_statement);

    public long Int64(int column) => raw.sqlite3_column_int64(_statement, column);

    public string Text(int column) => raw.sqlite3_column_text(_statement, column).utf8_to_string();

    /// <summary>Adds columns <paramref name="first"/>.. to <paramref name="target"/>, one per element.</summary>
    public void AddInt64s(int first, long[] target)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] += raw.sqlite3_column_int64(_statement, first + i);
        }
    }

    public void Dispose() => _statement.Dispose();

    private int Index(string name) =>
        raw.sqlite3_bind_parameter_index(_statement, name) is > 0 and var index ? index : throw new ArgumentException($"No parameter {name} in the statement.", nameof(name));

    private void Check(int rc)
    {
        if (rc != raw.SQLITE_OK)
        {
            throw new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), rc);
        }
    }
}
