namespace Afpakken.Engine.Ingest;

/// <summary>
/// A transactions file opened for streaming: its schema was checked and its mapping resolved when it was opened
/// (a bad file fails there, before anything is loaded); batches come one at a time in file order.
/// </summary>
internal interface ITransactionSource : IAsyncDisposable
{
    string File { get; }

    /// <summary>Rows the file says it holds (Parquet's footer), to size the duplicate check once; 0 when unknown.</summary>
    long ExpectedRows => 0;

    /// <summary>
    /// True when the source decodes each batch on several cores itself: it is then not read ahead, and a batch it
    /// yields is valid only until the next one is asked for (its arrays are refilled).
    /// </summary>
    bool DecodesInParallel => false;

    /// <summary>Yields the file's rows in batches (a Parquet row group, an Arrow record batch, a CSV chunk).</summary>
    IAsyncEnumerable<SourceColumns> ReadAsync(CancellationToken cancellationToken);
}
