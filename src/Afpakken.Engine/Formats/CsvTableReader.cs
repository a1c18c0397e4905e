using System.Globalization;
using System.Text;
using Afpakken.Engine.Contract;
using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>Reads a CSV table as written by <see cref="CsvTableWriter"/> (RFC-4180, header row, columns matched by name).</summary>
public static class CsvTableReader
{
    public static async IAsyncEnumerable<TableChunk> ReadAsync(
        string path, ParquetSchema schema, int chunkRows = 1 << 20,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(path, Encoding.UTF8, true, 1 << 20);
        var fields = new List<string>();
        if (!ReadRecord(reader, fields))
        {
            throw new InvalidInputException(path, "empty file, no header");
        }

        var positions = schema.DataFields
            .Select(f => fields.IndexOf(f.Name) is var i and >= 0 ? i : throw new InvalidInputException(path, $"missing column {f.Name}"))
            .ToArray();
        var line = 1;
        while (true)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var columns = schema.DataFields.Select(f => ColumnKinds.NewArray(f, chunkRows)).ToArray();
            var n = 0;
            while (n < chunkRows && ReadRecord(reader, fields))
            {
                line++;
                for (var c = 0; c < columns.Length; c++)
                {
                    var p = positions[c];
                    if (p >= fields.Count)
                    {
                        throw new InvalidInputException(path, $"line {line}: {fields.Count} fields, expected at least {p + 1}");
                    }

                    Parse(columns[c], n, fields[p], path, line);
                }

                n++;
            }

            if (n == 0)
            {
                yield break;
            }

            if (n < chunkRows)
            {
                for (var c = 0; c < columns.Length; c++)
                {
                    var shrunk = Array.CreateInstance(columns[c].GetType().GetElementType()!, n);
                    Array.Copy(columns[c], shrunk, n);
                    columns[c] = shrunk;
                }
            }

            yield return new TableChunk(schema, columns, n);
            if (n < chunkRows)
            {
                yield break;
            }
        }
    }

    private static void Parse(Array column, int row, string text, string path, int line)
    {
        var ci = CultureInfo.InvariantCulture;
        try
        {
            switch (column)
            {
                case string[] s:
                    s[row] = text.Length == 0 ? null! : text;
                    break;
                case DateTime[] t:
                    t[row] = DateTime.Parse(text, ci, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
                    break;
                case DateOnly[] d:
                    d[row] = DateOnly.ParseExact(text, CsvTableWriter.DateFormat, ci);
                    break;
                case DateOnly?[] nd:
                    nd[row] = text.Length == 0 ? null : DateOnly.ParseExact(text, CsvTableWriter.DateFormat, ci);
                    break;
                case decimal[] m:
                    m[row] = decimal.Parse(text, NumberStyles.Number, ci);
                    break;
                case int[] i32:
                    i32[row] = int.Parse(text, ci);
                    break;
                case long[] i64:
                    i64[row] = long.Parse(text, ci);
                    break;
                case bool[] b:
                    b[row] = bool.Parse(text);
                    break;
                default:
                    throw new NotSupportedException(column.GetType().Name);
            }
        }
        catch (FormatException ex)
        {
            throw new InvalidInputException(path, $"line {line}: cannot parse '{text}'", ex);
        }
    }

    /// <summary>Reads one RFC-4180 record (quoted fields may hold commas, doubled quotes and line breaks).</summary>
    internal static bool ReadRecord(TextReader reader, List<string> fields)
    {
        fields.Clear();
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }

        var field = new StringBuilder();
        var quoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    break;
                }

                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        field.Append('"');
                        reader.Read();
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"')
            {
                quoted = true;
            }
            else if (c is ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or -1)
            {
                break;
            }
            else if (c != '\r')
            {
                field.Append((char)c);
            }

            c = reader.Read();
        }

        fields.Add(field.ToString());
        return true;
    }
}
