namespace Afpakken.Engine.Formats;

/// <summary>Writes a table chunk by chunk to one file; disposing finishes the file.</summary>
public interface ITableWriter : IAsyncDisposable
{
    /// <summary>The file being written.</summary>
    string Path { get; }

    /// <summary>Appends the chunk (a Parquet row group, an Arrow record batch, CSV lines).</summary>
    Task WriteAsync(TableChunk chunk, CancellationToken cancellationToken = default);
}
