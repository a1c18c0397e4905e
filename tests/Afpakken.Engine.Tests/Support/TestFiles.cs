using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;
using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Tests.Support;

/// <summary>Real files written by the tests: canonical transactions Parquet, a Parquet file missing a column, a non-Parquet file.</summary>
internal static class TestFiles
{
    public static async Task<string> TransactionsAsync(string directory, TransactionBatch batch, string name = "transactions.parquet")
    {
        var path = Path.Combine(directory, name);
        await using (var writer = await CuratedPartWriter.CreateAsync(path, CancellationToken.None))
        {
            await writer.WriteRowGroupAsync(batch, CancellationToken.None);
        }

        return path;
    }

    public static async Task<string> WithoutAmountAsync(string directory)
    {
        var path = Path.Combine(directory, "no-amount.parquet");
        var schema = new ParquetSchema(TransactionSchema.TxIdField, TransactionSchema.BookedAtField, TransactionSchema.FromAccountField, TransactionSchema.ToAccountField);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        using var group = writer.CreateRowGroup();
        await group.WriteAsync(TransactionSchema.TxIdField, ["a"]);
        await group.WriteAsync<DateTime>(TransactionSchema.BookedAtField, new[] { Some.Day(1) }.AsMemory());
        await group.WriteAsync(TransactionSchema.FromAccountField, ["NL01"]);
        await group.WriteAsync(TransactionSchema.ToAccountField, ["NL02"]);
        return path;
    }

    public static string NotParquet(string directory)
    {
        var path = Path.Combine(directory, "not-parquet.parquet");
        File.WriteAllText(path, "tx_id,booked_at\n1,2025-01-01\n");
        return path;
    }
}
