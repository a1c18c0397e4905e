using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet.Schema;
using Array = System.Array;

namespace Afpakken.Engine.Formats;

/// <summary>Reads an Arrow IPC file written to a known schema, record batch by record batch.</summary>
public static class ArrowTableReader
{
    public static async IAsyncEnumerable<TableChunk> ReadAsync(
        string path, ParquetSchema schema,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await using var stream = File.OpenRead(path);
        using var reader = new ArrowFileReader(stream);
        while (await reader.ReadNextRecordBatchAsync(cancellationToken) is { } batch)
        {
            using (batch)
            {
                var n = batch.Length;
                var columns = new Array[schema.DataFields.Length];
                for (var c = 0; c < columns.Length; c++)
                {
                    var wanted = schema.DataFields[c];
                    var index = batch.Schema.GetFieldIndex(wanted.Name);
                    if (index < 0)
                    {
                        throw new Contract.InvalidInputException(path, $"missing column {wanted.Name}");
                    }

                    columns[c] = Convert(batch.Column(index), wanted, n);
                }

                yield return new TableChunk(schema, columns, n);
            }
        }
    }

    private static Array Convert(IArrowArray source, DataField wanted, int n)
    {
        var target = ColumnKinds.NewArray(wanted, n);
        switch (target)
        {
            case string[] s:
                var strings = (StringArray)source;
                for (var i = 0; i < n; i++)
                {
                    s[i] = strings.IsNull(i) ? null! : strings.GetString(i);
                }

                break;
            case DateTime[] t:
                var stamps = (TimestampArray)source;
                for (var i = 0; i < n; i++)
                {
                    t[i] = stamps.GetTimestamp(i)!.Value.UtcDateTime;
                }

                break;
            case DateOnly[] d:
                var dates = (Date32Array)source;
                for (var i = 0; i < n; i++)
                {
                    d[i] = dates.GetDateOnly(i)!.Value;
                }

                break;
            case DateOnly?[] nd:
                var nullableDates = (Date32Array)source;
                for (var i = 0; i < n; i++)
                {
                    nd[i] = nullableDates.GetDateOnly(i);
                }

                break;
            case decimal[] m:
                var decimals = (Decimal128Array)source;
                for (var i = 0; i < n; i++)
                {
                    m[i] = decimals.GetValue(i)!.Value;
                }

                break;
            case int[] i32:
                ((Int32Array)source).Values.CopyTo(i32);
                break;
            case long[] i64:
                ((Int64Array)source).Values.CopyTo(i64);
                break;
            case bool[] b:
                var bools = (BooleanArray)source;
                for (var i = 0; i < n; i++)
                {
                    b[i] = bools.GetValue(i) ?? false;
                }

                break;
            default:
                throw new NotSupportedException(wanted.Name);
        }

        return target;
    }
}
