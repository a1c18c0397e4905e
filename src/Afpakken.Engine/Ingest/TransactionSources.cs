using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Ingest;

/// <summary>Opens a transactions file with the reader its content calls for: Parquet, Arrow IPC (file or stream) or CSV.</summary>
internal static class TransactionSources
{
    /// <param name="logger">Told which decoder reads a Parquet file when it is not the page decoder.</param>
    public static async Task<ITransactionSource> OpenAsync(string file, ColumnMapping mapping, CancellationToken cancellationToken, Serilog.ILogger? logger = null)
    {
        if (!File.Exists(file))
        {
            throw new InvalidInputException(file, "file not found");
        }

        var format = await SniffAsync(file, cancellationToken);
        return format switch
        {
            SourceFormat.Parquet => await ParquetTransactionReader.OpenAsync(file, mapping, cancellationToken, logger),
            SourceFormat.ArrowFile or SourceFormat.ArrowStream => await ArrowTransactionReader.OpenAsync(file, format == SourceFormat.ArrowStream, mapping, cancellationToken),
            SourceFormat.Csv => await CsvTransactionReader.OpenAsync(file, mapping, cancellationToken),
            _ => throw new InvalidInputException(file, $"{format} files are not supported yet"),
        };
    }

    internal enum SourceFormat
    {
        Parquet,
        ArrowFile,
        ArrowStream,
        Csv,
    }

    /// <summary>By magic bytes first (PAR1, ARROW1, the IPC continuation marker), then by extension.</summary>
    internal static async Task<SourceFormat> SniffAsync(string file, CancellationToken cancellationToken)
    {
        var head = new byte[8];
        int read;
        await using (var stream = File.OpenRead(file))
        {
            read = await stream.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken);
        }

        var magic = head.AsSpan(0, read);
        if (magic.StartsWith("PAR1"u8))
        {
            return SourceFormat.Parquet;
        }

        if (magic.StartsWith("ARROW1"u8))
        {
            return SourceFormat.ArrowFile;
        }

        if (magic.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFF, 0xFF, 0xFF]))
        {
            return SourceFormat.ArrowStream;
        }

        return Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".parquet" or ".pq" => SourceFormat.Parquet, // the Parquet reader explains what is wrong with it
            ".arrow" or ".feather" or ".ipc" or ".arrows" => SourceFormat.ArrowFile,
            _ => SourceFormat.Csv,
        };
    }
}
