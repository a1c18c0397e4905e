using Afpakken.Engine.Contract;
using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>Opens table writers and readers by <see cref="FileFormat"/> or by file extension.</summary>
public static class TableFiles
{
    public static string Extension(FileFormat format) => format switch
    {
        FileFormat.Parquet => ".parquet",
        FileFormat.Arrow => ".arrow",
        FileFormat.Csv => ".csv",
        _ => throw new ArgumentOutOfRangeException(nameof(format)),
    };

    /// <summary>The file <c>directory/name.ext</c> for the format.</summary>
    public static string PathOf(string directory, string name, FileFormat format) =>
        System.IO.Path.Combine(directory, name + Extension(format));

    public static async Task<ITableWriter> CreateWriterAsync(
        FileFormat format, ParquetSchema schema, string path, IEnumerable<string>? dictionaryColumns = null,
        CancellationToken cancellationToken = default) => format switch
        {
            FileFormat.Parquet => await ParquetTableWriter.CreateAsync(schema, path, dictionaryColumns, cancellationToken),
            FileFormat.Arrow => new ArrowTableWriter(schema, path),
            FileFormat.Csv => new CsvTableWriter(schema, path),
            _ => throw new ArgumentOutOfRangeException(nameof(format)),
        };

    /// <summary>Reads the table at <paramref name="path"/>, format taken from its extension.</summary>
    public static IAsyncEnumerable<TableChunk> ReadAsync(string path, ParquetSchema schema, CancellationToken cancellationToken = default) =>
        FormatOf(path) switch
        {
            FileFormat.Parquet => ParquetTableReader.ReadAsync(path, schema, cancellationToken),
            FileFormat.Arrow => ArrowTableReader.ReadAsync(path, schema, cancellationToken),
            _ => CsvTableReader.ReadAsync(path, schema, cancellationToken: cancellationToken),
        };

    public static FileFormat FormatOf(string path) => System.IO.Path.GetExtension(path).ToLowerInvariant() switch
    {
        ".parquet" => FileFormat.Parquet,
        ".arrow" or ".feather" or ".ipc" => FileFormat.Arrow,
        ".csv" => FileFormat.Csv,
        _ => throw new InvalidInputException(path, "unknown file extension (expected .parquet, .arrow or .csv)"),
    };

    /// <summary>The existing file <c>directory/name.(parquet|arrow|csv)</c>, or null.</summary>
    public static string? Find(string directory, string name) =>
        new[] { FileFormat.Parquet, FileFormat.Arrow, FileFormat.Csv }
            .Select(f => PathOf(directory, name, f))
            .FirstOrDefault(File.Exists);

    /// <summary>All rows of a (small) table in one chunk.</summary>
    public static async Task<TableChunk> ReadAllAsync(string path, ParquetSchema schema, CancellationToken cancellationToken = default)
    {
        var chunks = new List<TableChunk>();
        await foreach (var chunk in ReadAsync(path, schema, cancellationToken))
        {
            chunks.Add(chunk);
        }

        if (chunks.Count == 1)
        {
            return chunks[0];
        }

        var total = chunks.Sum(c => c.RowCount);
        var columns = schema.DataFields.Select(f => ColumnKinds.NewArray(f, total)).ToArray();
        var offset = 0;
        foreach (var chunk in chunks)
        {
            for (var c = 0; c < columns.Length; c++)
            {
                Array.Copy(chunk.Columns[c], 0, columns[c], offset, chunk.RowCount);
            }

            offset += chunk.RowCount;
        }

        return new TableChunk(schema, columns, total);
    }
}
