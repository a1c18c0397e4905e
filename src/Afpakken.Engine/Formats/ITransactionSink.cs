using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Formats;

/// <summary>Receives canonical transactions batch by batch (a Parquet row group, an Arrow record batch, CSV lines).</summary>
public interface ITransactionSink : IAsyncDisposable
{
    string Path { get; }

    /// <summary>Writes the batch's rows; the caller may reuse the batch once the task completes.</summary>
    Task WriteAsync(TransactionBatch batch, CancellationToken cancellationToken = default);
}
