using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>Reads a Parquet table written to a known schema, row group by row group, into <see cref="TableChunk"/>s.</summary>
public static class ParquetTableReader
{
    public static async IAsyncEnumerable<TableChunk> ReadAsync(
        string path, ParquetSchema schema,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var options = new ParquetOptions { UseDateOnlyTypeForDates = true };
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream, options, cancellationToken: cancellationToken);
        var fileFields = reader.Schema.DataFields;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var n = checked((int)group.RowCount);
            var columns = new Array[schema.DataFields.Length];
            for (var i = 0; i < columns.Length; i++)
            {
                var wanted = schema.DataFields[i];
                var field = fileFields.FirstOrDefault(f => f.Name == wanted.Name)
                    ?? throw new Contract.InvalidInputException(path, $"missing column {wanted.Name}");
                columns[i] = await ReadColumnAsync(group, field, wanted, n, cancellationToken);
            }

            yield return new TableChunk(schema, columns, n);
        }
    }

    private static async Task<Array> ReadColumnAsync(
        ParquetRowGroupReader group, DataField field, DataField wanted, int n, CancellationToken ct)
    {
        var array = ColumnKinds.NewArray(wanted, n);
        switch (array)
        {
            case string[] s:
                await group.ReadAsync(field, ((string?[])s).AsMemory(), cancellationToken: ct);
                break;
            case DateTime[] t:
                await group.ReadAsync(field, t.AsMemory(), cancellationToken: ct);
                for (var i = 0; i < t.Length; i++)
                {
                    t[i] = DateTime.SpecifyKind(t[i], DateTimeKind.Utc);
                }

                break;
            case DateOnly[] d:
                await group.ReadAsync(field, d.AsMemory(), cancellationToken: ct);
                break;
            case DateOnly?[] nd:
                await group.ReadAsync(field, nd.AsMemory(), cancellationToken: ct);
                break;
            case decimal[] m:
                await group.ReadAsync(field, m.AsMemory(), cancellationToken: ct);
                break;
            case int[] i32:
                await group.ReadAsync(field, i32.AsMemory(), cancellationToken: ct);
                break;
            case long[] i64:
                await group.ReadAsync(field, i64.AsMemory(), cancellationToken: ct);
                break;
            case bool[] b:
                await group.ReadAsync(field, b.AsMemory(), cancellationToken: ct);
                break;
            default:
                throw new NotSupportedException(wanted.Name);
        }

        return array;
    }
}
