using System.Text.Json;
using DuckDB.NET.Data;

namespace AdOrleans.Gateway.Lake;

/// <summary>
/// Admits exactly one read-only query. DuckDB's own parser decides (<c>json_serialize_sql</c> serializes SELECT
/// statements only, WITH … SELECT included), so no keyword list can be fooled by comments, quoting or casing.
/// Returns why a statement is refused, or null.
/// </summary>
internal static class LakeSqlGuard
{
    public static string? Refusal(DuckDBConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        // The function takes a constant only: the SQL goes in as a string literal (quotes doubled, nothing else is special).
        command.CommandText = "SELECT json_serialize_sql('" + sql.Replace("'", "''", StringComparison.Ordinal) + "')";
        using var parsed = JsonDocument.Parse((string)command.ExecuteScalar()!);
        var root = parsed.RootElement;
        if (root.TryGetProperty("error", out var error) && error.GetBoolean())
        {
            var message = root.TryGetProperty("error_message", out var m) ? m.GetString() : null;
            return message is not null && message.Contains("Only SELECT", StringComparison.OrdinalIgnoreCase)
                ? $"Only a read-only SELECT (or WITH … SELECT) is allowed; {Offender(sql)}."
                : $"The SQL does not parse: {message}";
        }

        var statements = root.GetProperty("statements").GetArrayLength();
        return statements == 1 ? null : $"Exactly one statement is allowed; this SQL has {statements}.";
    }

    private static readonly HashSet<string> QueryWords = new(StringComparer.Ordinal) { "SELECT", "WITH", "FROM", "VALUES", "TABLE", "" };

    /// <summary>Names the statement by its first keyword (COPY, ATTACH, PRAGMA …), after comments.</summary>
    private static string Offender(string sql)
    {
        var word = FirstWord(sql);
        return QueryWords.Contains(word) ? "the SQL holds another statement after the query" : $"this is a {word} statement";
    }

    private static string FirstWord(string sql)
    {
        var text = sql.TrimStart();
        while (text.StartsWith("--", StringComparison.Ordinal) || text.StartsWith("/*", StringComparison.Ordinal))
        {
            var end = text.StartsWith("--", StringComparison.Ordinal) ? text.IndexOf('\n', StringComparison.Ordinal) : text.IndexOf("*/", StringComparison.Ordinal) + 1;
            text = end <= 0 ? "" : text[(end + 1)..].TrimStart();
        }

        return new string([.. text.TakeWhile(char.IsLetter)]).ToUpperInvariant();
    }
}
