using System.Text;

namespace AdOrleans.Gateway.Integrations.Imports;

/// <summary>
/// An RFC 4180 CSV file: a header row, then records (quoted fields may hold commas, quotes doubled, line breaks);
/// CRLF or LF. Rows whose field count differs from the header's are kept, to be reported per row, never dropped.
/// </summary>
public sealed class CsvTable(IReadOnlyList<string> header, IReadOnlyList<(int Line, List<string> Fields)> rows)
{
    public IReadOnlyList<string> Header { get; } = header;

    /// <summary>Each record with the line it starts on (the header is line 1).</summary>
    public IReadOnlyList<(int Line, List<string> Fields)> Rows { get; } = rows;

    public int Column(string name) =>
        Header.ToList().FindIndex(h => string.Equals(h.Trim(), name, StringComparison.OrdinalIgnoreCase));

    /// <exception cref="FormatException">No header row, or a quote left open at the end of the file.</exception>
    public static CsvTable Parse(string text)
    {
        var records = new List<(int Line, List<string> Fields)>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var (line, recordLine, quoted, i) = (1, 1, false, text.Length > 0 && text[0] == '\uFEFF' ? 1 : 0);
        for (; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    line += c == '\n' ? 1 : 0;
                    field.Append(c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or '\r')
            {
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n')
                {
                    i++;
                }

                EndRecord();
                line++;
                recordLine = line;
            }
            else
            {
                field.Append(c);
            }
        }

        if (quoted)
        {
            throw new FormatException($"A quoted field opened on line {recordLine} is never closed.");
        }

        EndRecord();
        return records.Count == 0 ? throw new FormatException("The file has no header row.") : new CsvTable(records[0].Fields, records.Skip(1).ToList());

        void EndRecord()
        {
            fields.Add(field.ToString());
            field.Clear();
            if (fields.Count > 1 || fields[0].Length > 0)
            {
                records.Add((recordLine, [.. fields]));
            }

            fields.Clear();
        }
    }
}
