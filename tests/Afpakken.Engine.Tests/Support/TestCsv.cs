using System.Globalization;
using System.Text;
using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Tests.Support;

/// <summary>CSV files written by the tests: raw text or bytes, and the canonical layout of a <see cref="TransactionBatch"/>.</summary>
internal static class TestCsv
{
    public const string CanonicalHeader = "tx_id,booked_at,from_account,to_account,amount,currency,channel,from_bank,to_bank,description";

    public static string Write(string directory, string name, string text, bool bom = false) =>
        WriteBytes(directory, name, [.. bom ? "\uFEFF"u8.ToArray() : [], .. Encoding.UTF8.GetBytes(text)]);

    public static string WriteBytes(string directory, string name, byte[] bytes)
    {
        var path = Path.Combine(directory, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    /// <summary>The batch in the canonical layout, quoted where RFC 4180 needs it, ISO 8601 timestamps.</summary>
    public static string Canonical(TransactionBatch batch, string newline = "\n")
    {
        var text = new StringBuilder(CanonicalHeader).Append(newline);
        for (var i = 0; i < batch.Count; i++)
        {
            string?[] fields =
            [
                batch.TxId[i], batch.BookedAt[i].ToString("O", CultureInfo.InvariantCulture), batch.FromAccount[i], batch.ToAccount[i],
                batch.Amount[i].ToString(CultureInfo.InvariantCulture), batch.Currency[i], batch.Channel[i], batch.FromBank[i], batch.ToBank[i], batch.Description[i],
            ];
            text.AppendJoin(',', fields.Select(Quote)).Append(newline);
        }

        return text.ToString();
    }

    public static string Quote(string? field) =>
        field is null ? "" :
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
