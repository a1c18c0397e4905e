using Parquet;
using Parquet.Schema;

namespace Afpakken.Engine.Ingest;

/// <summary>Writes the rejected rows of one source file to a Parquet file: source file, row, field, reason, value.</summary>
internal static class QuarantineWriter
{
    private static readonly DataField<string> SourceFile = new("source_file", false);
    private static readonly DataField<long> Row = new("row_number", false);
    private static readonly DataField<string> Field = new("field", false);
    private static readonly DataField<string> Reason = new("reason", false);
    private static readonly DataField<string> Value = new("value", true);
    private static readonly ParquetSchema Schema = new(SourceFile, Row, Field, Reason, Value);

    public static async Task WriteAsync(string path, IReadOnlyList<RejectedRow> rows, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var aside = path + ".tmp";
        await using (var stream = new FileStream(aside, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            await using var writer = await ParquetWriter.CreateAsync(Schema, stream, cancellationToken: cancellationToken);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync(SourceFile, rows.Select(r => r.SourceFile).ToArray());
            await group.WriteAsync<long>(Row, rows.Select(r => r.Row).ToArray().AsMemory(), cancellationToken: cancellationToken);
            await group.WriteAsync(Field, rows.Select(r => r.Field).ToArray());
            await group.WriteAsync(Reason, rows.Select(r => r.Reason).ToArray());
            await group.WriteAsync(Value, rows.Select(r => r.Value).ToArray()!);
        }

        File.Move(aside, path, overwrite: true);
    }
}
