using Afpakken.Engine.Contract;
using Afpakken.Engine.Formats;

namespace Afpakken.Engine.Graph;

/// <summary>
/// The transfers of one row group as decoded columns, ids as UTF-8 with no object per cell: what
/// <see cref="FlowGraphBuilder.Add(Utf8Edges, long, long)"/> takes in. The text columns may be flat or
/// dictionary-encoded, as the page decoder left them.
/// </summary>
/// <param name="TxIds">Transaction ids.</param>
/// <param name="Ticks">Booking times, UTC ticks.</param>
/// <param name="From">Paying account per row.</param>
/// <param name="To">Receiving account per row.</param>
/// <param name="Cents">Amounts in cents.</param>
/// <param name="Channel">Payment channel per row.</param>
public sealed record Utf8Edges(
    Utf8Column TxIds, ReadOnlyMemory<long> Ticks, Utf8Column From, Utf8Column To, ReadOnlyMemory<long> Cents, Utf8Column Channel)
{
    public int Count => Ticks.Length;

    /// <summary>The rows of a batch of strings, as UTF-8 columns (tests, comparisons of the two intakes).</summary>
    public static Utf8Edges FromBatch(TransactionBatch batch)
    {
        var n = batch.Count;
        var ticks = new long[n];
        var cents = new long[n];
        for (var i = 0; i < n; i++)
        {
            ticks[i] = batch.BookedAt[i].Ticks;
            cents[i] = FlowGraphBuilder.ToCents(batch.Amount[i]);
        }

        return new Utf8Edges(
            Column(batch.TxId.AsSpan(0, n)), ticks, Column(batch.FromAccount.AsSpan(0, n)), Column(batch.ToAccount.AsSpan(0, n)),
            cents, Column(batch.Channel.AsSpan(0, n)));
    }

    /// <summary>The rows whose booking time satisfies <paramref name="keep"/>, copied into flat columns.</summary>
    public Utf8Edges Select(Func<long, bool> keep)
    {
        var ticks = Ticks.Span;
        var rows = new List<int>();
        for (var i = 0; i < ticks.Length; i++)
        {
            if (keep(ticks[i]))
            {
                rows.Add(i);
            }
        }

        var keptTicks = new long[rows.Count];
        var keptCents = new long[rows.Count];
        var cents = Cents.Span;
        for (var k = 0; k < rows.Count; k++)
        {
            keptTicks[k] = ticks[rows[k]];
            keptCents[k] = cents[rows[k]];
        }

        return new Utf8Edges(Pick(TxIds, rows), keptTicks, Pick(From, rows), Pick(To, rows), keptCents, Pick(Channel, rows));
    }

    private static Utf8Column Column(ReadOnlySpan<string> values)
    {
        var column = new Utf8Column();
        long bytes = 0;
        foreach (var value in values)
        {
            bytes += System.Text.Encoding.UTF8.GetByteCount(value);
        }

        column.Reset(values.Length, dictionaryForm: false, bytes);
        foreach (var value in values)
        {
            column.AddValue(System.Text.Encoding.UTF8.GetBytes(value));
        }

        return column;
    }

    private static Utf8Column Pick(Utf8Column cells, List<int> rows)
    {
        long bytes = 0;
        foreach (var r in rows)
        {
            bytes += cells[r].Length;
        }

        var column = new Utf8Column();
        column.Reset(rows.Count, dictionaryForm: false, bytes);
        foreach (var r in rows)
        {
            if (cells.IsNull(r))
            {
                column.AddNull();
            }
            else
            {
                column.AddValue(cells[r]);
            }
        }

        return column;
    }
}
