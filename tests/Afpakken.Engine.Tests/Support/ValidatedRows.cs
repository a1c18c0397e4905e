using Afpakken.Engine.Contract;
using Afpakken.Engine.Ingest;

namespace Afpakken.Engine.Tests.Support;

/// <summary>A source file read through its reader (as <see cref="TransactionSources"/> picks it) and the validator.</summary>
internal sealed record ValidatedRows(TransactionBatch Rows, TransactionValidator Validator, IReadOnlyList<SourceColumns> Batches)
{
    public static readonly DateTime Now = new(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static async Task<ValidatedRows> ReadAsync(string file, ColumnMapping? mapping = null)
    {
        mapping ??= ColumnMapping.Canonical;
        await using var source = await TransactionSources.OpenAsync(file, mapping, CancellationToken.None);
        var validator = new TransactionValidator(file, Now, mapping);
        var batches = new List<SourceColumns>();
        var all = new List<(TransactionBatch, int)>();
        await foreach (var columns in source.ReadAsync(CancellationToken.None))
        {
            batches.Add(columns);
            var valid = new CuratedRows(Math.Max(1, columns.Count));
            validator.Validate(columns, valid);
            all.Add((valid.ToBatch(), valid.Count));
        }

        var rows = new TransactionBatch(Math.Max(1, all.Sum(b => b.Item2)));
        foreach (var (batch, count) in all)
        {
            for (var i = 0; i < count; i++)
            {
                rows.Add(batch.TxId[i], batch.BookedAt[i], batch.FromAccount[i], batch.ToAccount[i], batch.Amount[i], batch.Currency[i], batch.Channel[i], batch.FromBank[i], batch.ToBank[i], batch.Description[i]);
            }
        }

        return new ValidatedRows(rows, validator, batches);
    }

    /// <summary>Rejected rows as (row, field, reason).</summary>
    public IEnumerable<(long Row, string Field, string Reason)> Rejected => Validator.Rejected.Select(r => (r.Row, r.Field, r.Reason));

    public (string TxId, DateTime BookedAt, string From, string To, decimal Amount, string Currency, string Channel, string? FromBank, string? ToBank, string? Description) Row(int i) =>
        (Rows.TxId[i], Rows.BookedAt[i], Rows.FromAccount[i], Rows.ToAccount[i], Rows.Amount[i], Rows.Currency[i], Rows.Channel[i], Rows.FromBank[i], Rows.ToBank[i], Rows.Description[i]);

    public static (string, DateTime, string, string, decimal, string, string, string?, string?, string?) Row(TransactionBatch batch, int i) =>
        (batch.TxId[i], batch.BookedAt[i], batch.FromAccount[i], batch.ToAccount[i], batch.Amount[i], batch.Currency[i], batch.Channel[i], batch.FromBank[i], batch.ToBank[i], batch.Description[i]);
}
