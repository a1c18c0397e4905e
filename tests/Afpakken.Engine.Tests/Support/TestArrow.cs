using Afpakken.Engine.Contract;
using Apache.Arrow;
using Apache.Arrow.Ipc;
using Apache.Arrow.Types;

namespace Afpakken.Engine.Tests.Support;

/// <summary>Arrow IPC files (file or stream format) written by the tests.</summary>
internal static class TestArrow
{
    /// <summary>Writes <paramref name="batches"/> (all with the first one's schema) in the file or the stream format.</summary>
    public static async Task<string> WriteAsync(string directory, string name, bool streamFormat, params RecordBatch[] batches)
    {
        var path = Path.Combine(directory, name);
        await using var stream = File.Create(path);
        var schema = batches[0].Schema;
        using ArrowStreamWriter writer = streamFormat ? new ArrowStreamWriter(stream, schema) : new ArrowFileWriter(stream, schema);
        foreach (var batch in batches)
        {
            await writer.WriteRecordBatchAsync(batch);
        }

        await writer.WriteEndAsync();
        return path;
    }

    /// <summary>A record batch of the named columns.</summary>
    public static RecordBatch Batch(params (string Name, IArrowArray Array)[] columns)
    {
        var schema = new Schema.Builder();
        foreach (var (name, array) in columns)
        {
            schema.Field(f => f.Name(name).DataType(array.Data.DataType).Nullable(true));
        }

        return new RecordBatch(schema.Build(), columns.Select(c => c.Array), columns[0].Array.Length);
    }

    /// <summary>Rows [from, from+count) of a transaction batch in the canonical layout: timestamp µs UTC, decimal(18,2), strings.</summary>
    public static RecordBatch Canonical(TransactionBatch batch, int from, int count)
    {
        var rows = Enumerable.Range(from, count).ToList();
        var bookedAt = new TimestampArray.Builder(TimeUnit.Microsecond, "UTC");
        var amount = new Decimal128Array.Builder(new Decimal128Type(18, 2));
        foreach (var i in rows)
        {
            bookedAt.Append(new DateTimeOffset(batch.BookedAt[i]));
            amount.Append(batch.Amount[i]);
        }

        return Batch(
            (TransactionSchema.TxId, Strings(rows.Select(i => batch.TxId[i]))),
            (TransactionSchema.BookedAt, bookedAt.Build()),
            (TransactionSchema.FromAccount, Strings(rows.Select(i => batch.FromAccount[i]))),
            (TransactionSchema.ToAccount, Strings(rows.Select(i => batch.ToAccount[i]))),
            (TransactionSchema.Amount, amount.Build()),
            (TransactionSchema.Currency, Strings(rows.Select(i => batch.Currency[i]))),
            (TransactionSchema.Channel, Strings(rows.Select(i => batch.Channel[i]))),
            (TransactionSchema.FromBank, Strings(rows.Select(i => batch.FromBank[i]))),
            (TransactionSchema.ToBank, Strings(rows.Select(i => batch.ToBank[i]))),
            (TransactionSchema.Description, Strings(rows.Select(i => batch.Description[i]))));
    }

    public static async Task<string> TransactionsAsync(string directory, TransactionBatch batch, bool streamFormat, string name, int rowsPerBatch = int.MaxValue)
    {
        var batches = new List<RecordBatch>();
        for (var from = 0; from < batch.Count; from += rowsPerBatch)
        {
            batches.Add(Canonical(batch, from, Math.Min(rowsPerBatch, batch.Count - from)));
        }

        return await WriteAsync(directory, name, streamFormat, [.. batches]);
    }

    public static StringArray Strings(IEnumerable<string?> values)
    {
        var builder = new StringArray.Builder();
        foreach (var value in values)
        {
            if (value is null)
            {
                builder.AppendNull();
            }
            else
            {
                builder.Append(value);
            }
        }

        return builder.Build();
    }
}
