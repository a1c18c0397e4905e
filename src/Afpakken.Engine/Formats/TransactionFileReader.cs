using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Formats;

/// <summary>
/// Reads a canonical transactions file (Parquet, Arrow IPC or CSV by extension) into <see cref="TransactionBatch"/>es,
/// one per row group / record batch. Meant for files in the canonical layout (round trips, the generator's output);
/// foreign layouts go through Ingest.
/// </summary>
public static class TransactionFileReader
{
    public static async IAsyncEnumerable<TransactionBatch> ReadAsync(
        string path, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var chunk in TableFiles.ReadAsync(path, TransactionSchema.Parquet, cancellationToken))
        {
            var batch = new TransactionBatch(Math.Max(1, chunk.RowCount));
            var (id, at, from, to, amount, currency, channel, fromBank, toBank, description) = (
                chunk.Column<string>(TransactionSchema.TxId), chunk.Column<DateTime>(TransactionSchema.BookedAt),
                chunk.Column<string>(TransactionSchema.FromAccount), chunk.Column<string>(TransactionSchema.ToAccount),
                chunk.Column<decimal>(TransactionSchema.Amount), chunk.Column<string>(TransactionSchema.Currency),
                chunk.Column<string>(TransactionSchema.Channel), chunk.Column<string?>(TransactionSchema.FromBank),
                chunk.Column<string?>(TransactionSchema.ToBank), chunk.Column<string?>(TransactionSchema.Description));
            for (var i = 0; i < chunk.RowCount; i++)
            {
                batch.Add(id[i], at[i], from[i], to[i], amount[i], currency[i], channel[i], fromBank[i], toBank[i], description[i]);
            }

            yield return batch;
        }
    }

    /// <summary>Reads an Arrow IPC transactions file.</summary>
    public static IAsyncEnumerable<TransactionBatch> ReadArrowAsync(string path, CancellationToken cancellationToken = default) =>
        TableFiles.FormatOf(path) == FileFormat.Arrow
            ? ReadAsync(path, cancellationToken)
            : throw new InvalidInputException(path, "not an Arrow IPC file (.arrow)");
}
