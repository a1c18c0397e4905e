using System.Globalization;
using System.Text;
using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>
/// Writes a table as CSV: header row, comma, RFC-4180 quoting, invariant culture, timestamps
/// <c>yyyy-MM-ddTHH:mm:ss.ffffffZ</c> (UTC), dates <c>yyyy-MM-dd</c>, decimals with '.' and two decimals.
/// Nulls are empty fields.
/// </summary>
public sealed class CsvTableWriter : ITableWriter
{
    public const string TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";
    public const string DateFormat = "yyyy-MM-dd";

    private readonly StreamWriter _writer;
    private readonly DataField[] _fields;
    private readonly char[] _scratch = new char[64];

    public CsvTableWriter(ParquetSchema schema, string path)
    {
        Path = path;
        _fields = schema.DataFields;
        _writer = new StreamWriter(path, false, new UTF8Encoding(false), 1 << 20) { NewLine = "\n" };
        for (var i = 0; i < _fields.Length; i++)
        {
            if (i > 0)
            {
                _writer.Write(',');
            }

            WriteText(_writer, _fields[i].Name);
        }

        _writer.Write('\n');
    }

    public string Path { get; }

    public Task WriteAsync(TableChunk chunk, CancellationToken cancellationToken = default)
    {
        var columns = chunk.Columns;
        for (var row = 0; row < chunk.RowCount; row++)
        {
            if ((row & 0xFFFF) == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            for (var c = 0; c < columns.Count; c++)
            {
                if (c > 0)
                {
                    _writer.Write(',');
                }

                WriteValue(columns[c], row);
            }

            _writer.Write('\n');
        }

        return Task.CompletedTask;
    }

    private void WriteValue(Array column, int row)
    {
        int written;
        switch (column)
        {
            case string[] s:
                if (s[row] is { } text)
                {
                    WriteText(_writer, text);
                }

                return;
            case DateTime[] t:
                t[row].TryFormat(_scratch, out written, TimestampFormat, CultureInfo.InvariantCulture);
                break;
            case DateOnly[] d:
                d[row].TryFormat(_scratch, out written, DateFormat, CultureInfo.InvariantCulture);
                break;
            case DateOnly?[] nd:
                if (nd[row] is not { } date)
                {
                    return;
                }

                date.TryFormat(_scratch, out written, DateFormat, CultureInfo.InvariantCulture);
                break;
            case decimal[] m:
                m[row].TryFormat(_scratch, out written, "F2", CultureInfo.InvariantCulture);
                break;
            case int[] i32:
                i32[row].TryFormat(_scratch, out written, default, CultureInfo.InvariantCulture);
                break;
            case long[] i64:
                i64[row].TryFormat(_scratch, out written, default, CultureInfo.InvariantCulture);
                break;
            case bool[] b:
                _writer.Write(b[row] ? "true" : "false");
                return;
            default:
                throw new NotSupportedException(column.GetType().Name);
        }

        _writer.Write(_scratch, 0, written);
    }

    /// <summary>RFC-4180: a field holding a comma, quote, CR or LF is quoted, its quotes doubled.</summary>
    internal static void WriteText(TextWriter writer, string text)
    {
        if (text.AsSpan().IndexOfAny(",\"\r\n") < 0)
        {
            writer.Write(text);
            return;
        }

        writer.Write('"');
        writer.Write(text.Replace("\"", "\"\"", StringComparison.Ordinal));
        writer.Write('"');
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.FlushAsync();
        await _writer.DisposeAsync();
    }
}
