using Apache.Arrow;
using Apache.Arrow.Ipc;
using Parquet.Schema;
using Array = System.Array;

namespace Afpakken.Engine.Formats;

/// <summary>Writes a table as an Arrow IPC file: one record batch per chunk.</summary>
public sealed class ArrowTableWriter : ITableWriter
{
    private readonly FileStream _stream;
    private readonly ArrowFileWriter _writer;
    private readonly Schema _schema;
    private readonly DataField[] _fields;

    public ArrowTableWriter(ParquetSchema schema, string path)
    {
        Path = path;
        _fields = schema.DataFields;
        _schema = ArrowTypes.SchemaOf(schema);
        _stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20);
        _writer = new ArrowFileWriter(_stream, _schema, leaveOpen: true);
    }

    public string Path { get; }

    public async Task WriteAsync(TableChunk chunk, CancellationToken cancellationToken = default)
    {
        var n = chunk.RowCount;
        var arrays = new IArrowArray[_fields.Length];
        for (var i = 0; i < arrays.Length; i++)
        {
            arrays[i] = Build(chunk.Columns[i], n);
        }

        using var batch = new RecordBatch(_schema, arrays, n);
        await _writer.WriteRecordBatchAsync(batch, cancellationToken);
    }

    private static IArrowArray Build(Array column, int n)
    {
        switch (column)
        {
            case string[] s:
                {
                    var b = new StringArray.Builder().Reserve(n);
                    for (var i = 0; i < n; i++)
                    {
                        if (s[i] is { } v)
                        {
                            b.Append(v);
                        }
                        else
                        {
                            b.AppendNull();
                        }
                    }

                    return b.Build();
                }

            case DateTime[] t:
                {
                    var b = new TimestampArray.Builder(ArrowTypes.TimestampMicrosUtc).Reserve(n);
                    for (var i = 0; i < n; i++)
                    {
                        b.Append(new DateTimeOffset(DateTime.SpecifyKind(t[i], DateTimeKind.Utc)));
                    }

                    return b.Build();
                }

            case DateOnly[] d:
                {
                    var b = new Date32Array.Builder().Reserve(n);
                    for (var i = 0; i < n; i++)
                    {
                        b.Append(d[i]);
                    }

                    return b.Build();
                }

            case DateOnly?[] nd:
                {
                    var b = new Date32Array.Builder().Reserve(n);
                    for (var i = 0; i < n; i++)
                    {
                        if (nd[i] is { } v)
                        {
                            b.Append(v);
                        }
                        else
                        {
                            b.AppendNull();
                        }
                    }

                    return b.Build();
                }

            case decimal[] m:
                {
                    var b = new Decimal128Array.Builder(ArrowTypes.Money).Reserve(n);
                    for (var i = 0; i < n; i++)
                    {
                        b.Append(m[i]);
                    }

                    return b.Build();
                }

            case int[] i32:
                return new Int32Array.Builder().AppendRange(i32.Take(n)).Build();
            case long[] i64:
                return new Int64Array.Builder().AppendRange(i64.Take(n)).Build();
            case bool[] bo:
                {
                    var b = new BooleanArray.Builder().Reserve(n);
                    for (var i = 0; i < n; i++)
                    {
                        b.Append(bo[i]);
                    }

                    return b.Build();
                }

            default:
                throw new NotSupportedException(column.GetType().Name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.WriteEndAsync();
        _writer.Dispose();
        await _stream.DisposeAsync();
    }
}
