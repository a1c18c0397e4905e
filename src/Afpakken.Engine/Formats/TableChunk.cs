using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>
/// A slice of a table in columns: one array per field of <see cref="Schema"/>, in schema order, the first
/// <see cref="RowCount"/> entries in use. Writers of every format take these; readers return them.
/// </summary>
public sealed class TableChunk
{
    public TableChunk(ParquetSchema schema, IReadOnlyList<Array> columns, int rowCount)
    {
        if (columns.Count != schema.DataFields.Length)
        {
            throw new ArgumentException($"Expected {schema.DataFields.Length} columns, got {columns.Count}.", nameof(columns));
        }

        Schema = schema;
        Columns = columns;
        RowCount = rowCount;
    }

    public ParquetSchema Schema { get; }
    public IReadOnlyList<Array> Columns { get; }
    public int RowCount { get; }

    /// <summary>The column of the field named <paramref name="name"/>, typed.</summary>
    public T[] Column<T>(string name)
    {
        var fields = Schema.DataFields;
        for (var i = 0; i < fields.Length; i++)
        {
            if (fields[i].Name == name)
            {
                return (T[])Columns[i];
            }
        }

        throw new KeyNotFoundException($"No column {name}.");
    }
}
