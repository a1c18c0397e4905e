using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>
/// The handful of value kinds contract files use. A table's layout is a Parquet schema; every format
/// (Parquet, Arrow IPC, CSV) derives its own column types from these kinds, so one schema serves all three.
/// </summary>
public enum ColumnKind
{
    /// <summary><c>string[]</c> (nulls allowed when the field is nullable).</summary>
    String,

    /// <summary><c>DateTime[]</c> of UTC instants, stored with microsecond precision.</summary>
    Timestamp,

    /// <summary><c>DateOnly[]</c>, or <c>DateOnly?[]</c> when nullable.</summary>
    Date,

    /// <summary><c>decimal[]</c>, DECIMAL(18,2).</summary>
    Decimal,

    /// <summary><c>int[]</c>.</summary>
    Int32,

    /// <summary><c>long[]</c>.</summary>
    Int64,

    /// <summary><c>bool[]</c>.</summary>
    Boolean,
}

internal static class ColumnKinds
{
    public static ColumnKind Of(DataField field) => field switch
    {
        DecimalDataField => ColumnKind.Decimal,
        DateTimeDataField { DateTimeFormat: DateTimeFormat.Date } => ColumnKind.Date,
        DateTimeDataField => ColumnKind.Timestamp,
        _ when field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>) => ColumnKind.String,
        _ when field.ClrType == typeof(DateOnly) => ColumnKind.Date,
        _ when field.ClrType == typeof(DateTime) => ColumnKind.Timestamp,
        _ when field.ClrType == typeof(decimal) => ColumnKind.Decimal,
        _ when field.ClrType == typeof(int) => ColumnKind.Int32,
        _ when field.ClrType == typeof(long) => ColumnKind.Int64,
        _ when field.ClrType == typeof(bool) => ColumnKind.Boolean,
        _ => throw new NotSupportedException($"Column {field.Name} has unsupported type {field.ClrType.Name}."),
    };

    /// <summary>A new array of <paramref name="length"/> values for the field's kind and nullability.</summary>
    public static Array NewArray(DataField field, int length) => Of(field) switch
    {
        ColumnKind.String => new string?[length],
        ColumnKind.Timestamp => new DateTime[length],
        ColumnKind.Date when field.IsNullable => new DateOnly?[length],
        ColumnKind.Date => new DateOnly[length],
        ColumnKind.Decimal => new decimal[length],
        ColumnKind.Int32 => new int[length],
        ColumnKind.Int64 => new long[length],
        ColumnKind.Boolean => new bool[length],
        _ => throw new NotSupportedException(field.Name),
    };
}
