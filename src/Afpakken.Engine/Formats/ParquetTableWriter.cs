using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>
/// Writes a table as Parquet with the column API of Parquet.Net 6: one row group per chunk, Snappy,
/// dictionary encoding for the low-cardinality columns named by the caller.
/// </summary>
public sealed class ParquetTableWriter : ITableWriter
{
    private readonly FileStream _stream;
    private readonly ParquetWriter _writer;
    private readonly DataField[] _fields;

    private ParquetTableWriter(string path, FileStream stream, ParquetWriter writer, ParquetSchema schema)
    {
        Path = path;
        _stream = stream;
        _writer = writer;
        _fields = schema.DataFields;
    }

    public string Path { get; }

    public static async Task<ParquetTableWriter> CreateAsync(
        ParquetSchema schema, string path, IEnumerable<string>? dictionaryColumns = null, CancellationToken cancellationToken = default)
    {
        var options = new ParquetOptions { CompressionMethod = CompressionMethod.Snappy };
        foreach (var column in dictionaryColumns ?? [])
        {
            var field = schema.DataFields.First(f => f.Name == column);
            options.ColumnEncodingHints[field.Path.ToString()] = EncodingHint.Dictionary;
        }

        var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.None, 1 << 20);
        try
        {
            var writer = await ParquetWriter.CreateAsync(schema, stream, options, cancellationToken: cancellationToken);
            return new ParquetTableWriter(path, stream, writer, schema);
        }
        catch
        {
            await stream.DisposeAsync();
            throw;
        }
    }

    public async Task WriteAsync(TableChunk chunk, CancellationToken cancellationToken = default)
    {
        var n = chunk.RowCount;
        using var group = _writer.CreateRowGroup();
        for (var i = 0; i < _fields.Length; i++)
        {
            var field = _fields[i];
            switch (chunk.Columns[i])
            {
                case string[] s:
                    await group.WriteAsync(field, new ArraySegment<string>(s, 0, n));
                    break;
                case DateTime[] t:
                    await group.WriteAsync(field, new ReadOnlyMemory<DateTime>(t, 0, n), cancellationToken: cancellationToken);
                    break;
                case DateOnly[] d:
                    await group.WriteAsync(field, new ReadOnlyMemory<DateOnly>(d, 0, n), cancellationToken: cancellationToken);
                    break;
                case DateOnly?[] nd:
                    await group.WriteAsync(field, new ReadOnlyMemory<DateOnly?>(nd, 0, n), cancellationToken: cancellationToken);
                    break;
                case decimal[] m:
                    await group.WriteAsync(field, new ReadOnlyMemory<decimal>(m, 0, n), cancellationToken: cancellationToken);
                    break;
                case int[] i32:
                    await group.WriteAsync(field, new ReadOnlyMemory<int>(i32, 0, n), cancellationToken: cancellationToken);
                    break;
                case long[] i64:
                    await group.WriteAsync(field, new ReadOnlyMemory<long>(i64, 0, n), cancellationToken: cancellationToken);
                    break;
                case bool[] b:
                    await group.WriteAsync(field, new ReadOnlyMemory<bool>(b, 0, n), cancellationToken: cancellationToken);
                    break;
                default:
                    throw new NotSupportedException($"Column {field.Name}: unsupported array {chunk.Columns[i].GetType().Name}.");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _stream.DisposeAsync();
    }
}
