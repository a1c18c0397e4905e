using System.Runtime.InteropServices;
using Apache.Arrow;
using Apache.Arrow.Types;

namespace Afpakken.Engine.Ingest;

/// <summary>
/// Converts Arrow arrays of one record batch into canonical values, type by type, straight from the value
/// buffers (no boxing per row). The reader checked the types when it opened the file.
/// </summary>
internal static class ArrowCells
{
    /// <summary>Text of each row, translated; through <paramref name="cache"/> for low-cardinality columns.</summary>
    public static string?[] Text(IArrowArray array, int count, Utf8TextCache? cache, Func<string, string?> translate)
    {
        var values = new string?[count];
        switch (array)
        {
            case StringArray strings when cache is not null:
                {
                    // Straight from the offsets and the value buffer: no per-cell accessor.
                    var offsets = strings.ValueOffsets;
                    var data = strings.Values;
                    var noNulls = strings.NullCount == 0;
                    for (var i = 0; i < count; i++)
                    {
                        if (noNulls || strings.IsValid(i))
                        {
                            values[i] = cache.Get(data[offsets[i]..offsets[i + 1]]);
                        }
                    }

                    break;
                }

            case StringArray strings:
                for (var i = 0; i < count; i++)
                {
                    if (strings.IsValid(i))
                    {
                        values[i] = cache is null ? translate(strings.GetString(i)) : cache.Get(strings.GetBytes(i));
                    }
                }

                break;
            case LargeStringArray strings:
                for (var i = 0; i < count; i++)
                {
                    if (strings.IsValid(i))
                    {
                        values[i] = cache is null ? translate(strings.GetString(i)) : cache.Get(strings.GetBytes(i));
                    }
                }

                break;
            case DictionaryArray dictionary:
                // Each distinct value is decoded and translated once; rows pick theirs by index.
                var distinct = Text(dictionary.Dictionary, dictionary.Dictionary.Length, null, translate);
                for (var i = 0; i < count; i++)
                {
                    if (dictionary.IsValid(i))
                    {
                        values[i] = distinct[Index(dictionary.Indices, i)];
                    }
                }

                break;
            default:
                throw new InvalidOperationException($"Arrow type {array.Data.DataType.Name} is not text");
        }

        return values;
    }

    private static long Index(IArrowArray indices, int i) => indices switch
    {
        Int32Array a => a.Values[i],
        Int8Array a => a.Values[i],
        Int16Array a => a.Values[i],
        Int64Array a => a.Values[i],
        UInt8Array a => a.Values[i],
        UInt16Array a => a.Values[i],
        UInt32Array a => a.Values[i],
        _ => throw new InvalidOperationException($"dictionary index type {indices.Data.DataType.Name}"),
    };

    public static void Timestamps(IArrowArray array, DateTime?[] target, CellParser cells)
    {
        switch (array)
        {
            case TimestampArray timestamps:
                // Arrow timestamps with a time zone are UTC instants; those without are taken as UTC (the contract).
                var unit = ((TimestampType)timestamps.Data.DataType).Unit;
                FromEpoch(timestamps, timestamps.Values, target, unit switch
                {
                    TimeUnit.Second => TimeSpan.TicksPerSecond,
                    TimeUnit.Millisecond => TimeSpan.TicksPerMillisecond,
                    TimeUnit.Microsecond => TimeSpan.TicksPerMicrosecond,
                    _ => 0, // nanoseconds: divided below
                });
                break;
            case Date64Array dates:
                FromEpoch(dates, dates.Values, target, TimeSpan.TicksPerMillisecond);
                break;
            case Date32Array days:
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = days.IsValid(i) ? Utc(days.Values[i] * TimeSpan.TicksPerDay) : null;
                }

                break;
            default:
                var text = Text(array, target.Length, null, s => s);
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = cells.Timestamp(text[i]);
                }

                break;
        }
    }

    private static void FromEpoch(IArrowArray array, ReadOnlySpan<long> values, DateTime?[] target, long ticksPerUnit)
    {
        var noNulls = array.NullCount == 0;
        for (var i = 0; i < target.Length; i++)
        {
            if (noNulls || array.IsValid(i))
            {
                var v = values[i];
                target[i] = ticksPerUnit == 0 ? Utc(v / 100) :
                    Math.Abs(v) <= long.MaxValue / ticksPerUnit ? Utc(v * ticksPerUnit) : null;
            }
        }
    }

    /// <summary>A UTC time <paramref name="ticks"/> after the Unix epoch, or null when out of DateTime's range.</summary>
    private static DateTime? Utc(long ticks) =>
        ticks >= -DateTime.UnixEpoch.Ticks && ticks <= DateTime.MaxValue.Ticks - DateTime.UnixEpoch.Ticks
            ? new DateTime(DateTime.UnixEpoch.Ticks + ticks, DateTimeKind.Utc)
            : null;

    /// <summary>Fills <paramref name="target"/>; returns the per-row problems, or null when no conversion can fail.</summary>
    public static string?[]? Amounts(IArrowArray array, decimal?[] target, CellParser cells)
    {
        string?[]? problems = null;
        switch (array)
        {
            case Decimal128Array decimals:
                var scale = ((Decimal128Type)decimals.Data.DataType).Scale;
                var unscaled = MemoryMarshal.Cast<byte, Int128>(decimals.ValueBuffer.Span);
                for (var i = 0; i < target.Length; i++)
                {
                    if (!decimals.IsValid(i))
                    {
                        target[i] = null;
                        continue;
                    }

                    // The common case straight from the 128-bit unscaled integer: it fits decimal's 96 bits and scale.
                    var v = unscaled[decimals.Offset + i];
                    var magnitude = v < 0 ? (UInt128)(-(v + 1)) + 1 : (UInt128)v;
                    if (scale is >= 0 and <= 28 && magnitude >> 96 == 0)
                    {
                        target[i] = new decimal((int)(uint)magnitude, (int)(uint)(magnitude >> 32), (int)(uint)(magnitude >> 64), v < 0, (byte)scale);
                        continue;
                    }

                    try
                    {
                        target[i] = decimals.GetValue(i);
                    }
                    catch (OverflowException)
                    {
                        (problems ??= new string?[target.Length])[i] = "amount is out of range";
                    }
                }

                break;
            case DoubleArray doubles:
                problems = new string?[target.Length];
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = Ingest.Amounts.FromDouble(doubles.IsValid(i) ? doubles.Values[i] : null, out problems[i]);
                }

                break;
            case FloatArray floats:
                problems = new string?[target.Length];
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = Ingest.Amounts.FromDouble(floats.IsValid(i) ? floats.Values[i] : null, out problems[i]);
                }

                break;
            case Int64Array longs:
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = longs.IsValid(i) ? longs.Values[i] : null;
                }

                break;
            case Int32Array ints:
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = ints.IsValid(i) ? ints.Values[i] : null;
                }

                break;
            default:
                var text = Text(array, target.Length, null, s => s);
                problems = new string?[target.Length];
                for (var i = 0; i < target.Length; i++)
                {
                    target[i] = cells.Amount(text[i], out problems[i]);
                }

                break;
        }

        return problems;
    }

    public static bool?[] Flags(IArrowArray array)
    {
        var flags = new bool?[array.Length];
        switch (array)
        {
            case BooleanArray booleans:
                for (var i = 0; i < flags.Length; i++)
                {
                    flags[i] = booleans.GetValue(i);
                }

                break;
            case Int8Array or Int16Array or Int32Array or Int64Array or UInt8Array:
                for (var i = 0; i < flags.Length; i++)
                {
                    flags[i] = array.IsValid(i) ? Index(array, i) != 0 : null;
                }

                break;
            default:
                var text = Text(array, flags.Length, null, s => s);
                for (var i = 0; i < flags.Length; i++)
                {
                    flags[i] = CellParser.Flag(text[i]);
                }

                break;
        }

        return flags;
    }
}
