namespace Afpakken.Engine.Ingest;

/// <summary>
/// One row group of a source file as read, before validation: canonical columns, nullable where the
/// source may leave a value out, and absent (null array) where the source has no such column. The ids (tx id,
/// accounts) are the characters as decoded, not strings; an empty one is a missing value.
/// </summary>
internal sealed class SourceColumns
{
    public SourceColumns(int count, long firstRow)
    {
        Count = count;
        FirstRow = firstRow;
        BookedAt = new DateTime?[count];
        FromAccount = new ReadOnlyMemory<char>[count];
        ToAccount = new ReadOnlyMemory<char>[count];
        Amount = new decimal?[count];
    }

    public int Count { get; private set; }

    /// <summary>Rows the arrays have room for (at least <see cref="Count"/>).</summary>
    public int Capacity => BookedAt.Length;

    /// <summary>1-based number of the first data row of this group in the file.</summary>
    public long FirstRow { get; private set; }

    /// <summary>Makes these columns ready to be refilled with the next batch, keeping the arrays.</summary>
    public SourceColumns Reset(int count, long firstRow)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Capacity);
        Count = count;
        FirstRow = firstRow;
        Array.Clear(BookedAt);
        Array.Clear(Amount);
        AmountProblem = null;
        IsLaundering = null;
        return this;
    }

    public ReadOnlyMemory<char>[]? TxId { get; set; }
    public DateTime?[] BookedAt { get; }
    public ReadOnlyMemory<char>[] FromAccount { get; set; }
    public ReadOnlyMemory<char>[] ToAccount { get; set; }
    public decimal?[] Amount { get; }

    /// <summary>Why an amount could not be converted (NaN, infinity, out of range), per row; null when it converted.</summary>
    public string?[]? AmountProblem { get; set; }
    public string?[]? Currency { get; set; }
    public string?[]? Channel { get; set; }
    public string?[]? FromBank { get; set; }
    public string?[]? ToBank { get; set; }
    public string?[]? Description { get; set; }

    /// <summary>Ground truth carried by labelled sources; kept apart, never a feature.</summary>
    public bool?[]? IsLaundering { get; set; }
    public string?[]? Typology { get; set; }

    /// <summary>Ids given as strings (null: missing), as the id columns hold them.</summary>
    public static ReadOnlyMemory<char>[]? Ids(string?[]? values) =>
        values is null ? null : Array.ConvertAll(values, v => v.AsMemory());
}
