using Afpakken.Engine.Ingest;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Ingest;

public sealed class TransactionParquetRoundTripTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Every_contract_field_survives_a_write_and_a_read()
    {
        var batch = Some.EveryField();
        var file = await TestFiles.TransactionsAsync(_dir, batch);

        await using var reader = await ParquetTransactionReader.OpenAsync(file, CancellationToken.None);
        var source = await reader.ReadRowGroupAsync(0, 1, CancellationToken.None);
        var rows = new CuratedRows(3);
        var validator = new TransactionValidator(file, DateTime.UtcNow);
        validator.Validate(source, rows);
        var read = rows.ToBatch();

        Assert.Empty(validator.Rejected);
        Assert.Equal(3, read.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(
                (batch.TxId[i], batch.BookedAt[i], batch.FromAccount[i], batch.ToAccount[i], batch.Amount[i], batch.Currency[i], batch.Channel[i], batch.FromBank[i], batch.ToBank[i], batch.Description[i]),
                (read.TxId[i], read.BookedAt[i], read.FromAccount[i], read.ToAccount[i], read.Amount[i], read.Currency[i], read.Channel[i], read.FromBank[i], read.ToBank[i], read.Description[i]));
            Assert.Equal(DateTimeKind.Utc, read.BookedAt[i].Kind);
        }
    }
}
