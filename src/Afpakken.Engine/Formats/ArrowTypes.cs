using Apache.Arrow;
using Apache.Arrow.Types;
using Parquet.Schema;

namespace Afpakken.Engine.Formats;

/// <summary>The Arrow type of each contract column kind: Timestamp(µs, UTC), Date32, Decimal128(18,2), Utf8, …</summary>
internal static class ArrowTypes
{
    public static readonly TimestampType TimestampMicrosUtc = new(TimeUnit.Microsecond, "UTC");
    public static readonly Decimal128Type Money = new(18, 2);

    public static IArrowType Of(DataField field) => ColumnKinds.Of(field) switch
    {
        ColumnKind.String => StringType.Default,
        ColumnKind.Timestamp => TimestampMicrosUtc,
        ColumnKind.Date => Date32Type.Default,
        ColumnKind.Decimal => Money,
        ColumnKind.Int32 => Int32Type.Default,
        ColumnKind.Int64 => Int64Type.Default,
        ColumnKind.Boolean => BooleanType.Default,
        _ => throw new NotSupportedException(field.Name),
    };

    public static Schema SchemaOf(ParquetSchema schema)
    {
        var builder = new Schema.Builder();
        foreach (var field in schema.DataFields)
        {
            builder.Field(new Apache.Arrow.Field(field.Name, Of(field), field.IsNullable));
        }

        return builder.Build();
    }
}
