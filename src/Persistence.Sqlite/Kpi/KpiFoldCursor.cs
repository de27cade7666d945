using AdOrleans.Grains.Kpi;
using System.Text;

namespace AdOrleans.Persistence.Sqlite.Kpi;

/// <summary>
/// How far minute rows have been folded into their hour and day rows: every minute row at or below this position, in
/// (bucket, dimension, id, source) order, is in them; every row above it is not yet. Readers add the rows above it to
/// hour and day answers. Strings compare as SQLite's BINARY collation does (UTF-8 bytes), so this class and the
/// table's index agree on which rows a position covers.
/// </summary>
internal readonly record struct KpiFoldCursor(long BucketStart, string Dimension, string Id, string Source)
{
    /// <summary>The unfolded rows in SQL, for statements over <c>kpi_rollups</c> (one statement reads one snapshot).</summary>
    public const string UnfoldedSql = "(bucket_start, dimension, dimension_id, source) > (SELECT bucket_start, dimension, dimension_id, source FROM kpi_fold)";

    /// <summary>The first minute that may hold unfolded rows, as a scalar for an index range.</summary>
    public const string FirstUnfoldedMinuteSql = "(SELECT bucket_start FROM kpi_fold)";

    /// <summary>Just below every row of <paramref name="minute"/> and above every earlier one.</summary>
    public static KpiFoldCursor Before(long minute) => new(minute - 1, "", "", "");

    public static KpiFoldCursor Read(SqliteStatement statement) =>
        new(statement.Int64(0), statement.Text(1), statement.Text(2), statement.Text(3));

    /// <summary>True when the minute row <paramref name="key"/> is already in its hour and day rows.</summary>
    public bool Covers(KpiRollupKey key)
    {
        if (key.BucketStart != BucketStart)
        {
            return key.BucketStart < BucketStart;
        }

        var order = Utf8Compare(key.Dimension, Dimension);
        order = order != 0 ? order : Utf8Compare(key.Id, Id);
        order = order != 0 ? order : Utf8Compare(key.Source, Source);
        return order <= 0;
    }

    private static int Utf8Compare(string a, string b) =>
        Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
}
