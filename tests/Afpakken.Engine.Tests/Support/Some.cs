using Afpakken.Engine.Contract;

namespace Afpakken.Engine.Tests.Support;

/// <summary>Unique, plausible test values.</summary>
internal static class Some
{
    private static int _next;

    public static DateTime Day(int day, int hour = 12) => new DateTime(2025, 3, 1, 0, 0, 0, DateTimeKind.Utc).AddDays(day).AddHours(hour);

    public static string Iban() => $"NL{Interlocked.Increment(ref _next) % 90 + 10:00}TEST{Interlocked.Increment(ref _next):0000000000}";

    public static string TempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "afpakken-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>A batch of <paramref name="rows"/> valid wire transfers, one a day, tx ids <c>{prefix}1..n</c>.</summary>
    public static TransactionBatch Transactions(int rows, string prefix = "T")
    {
        var batch = new TransactionBatch(rows);
        for (var i = 0; i < rows; i++)
        {
            batch.Add($"{prefix}{i + 1}", Day(i % 28), $"NL01BANK{i % 7:0000000000}", $"NL02BANK{i % 5:0000000000}", 100m + i, "EUR", Channels.Wire);
        }

        return batch;
    }

    /// <summary>Three rows that use every contract field and its edges: sub-second time, CASH, one cent, a huge amount,
    /// absent optional fields, quotes, commas and non-ASCII text; <paramref name="lastDescription"/> ends the third row.</summary>
    public static TransactionBatch EveryField(string lastDescription = "ünïcödé €")
    {
        var batch = new TransactionBatch(3);
        batch.Add("tx-1", new DateTime(2025, 1, 2, 3, 4, 5, DateTimeKind.Utc).AddTicks(60), "NL91ABNA0417164300", "CASH", 9_950.55m, "EUR", Channels.CashWithdrawal, "ABNA", null, "opname, \"kas\"");
        batch.Add("tx-2", new DateTime(2025, 12, 31, 23, 59, 59, DateTimeKind.Utc), "DE89370400440532013000", "NL02RABO0123456789", 0.01m, "USD", Channels.Wire, "COBA", "RABO", null);
        batch.Add("tx-3", new DateTime(2025, 6, 1, 0, 0, 0, DateTimeKind.Utc), "wallet:bc1q", "NL02RABO0123456789", 1_000_000_000_000.99m, "BTC", Channels.Crypto, null, null, lastDescription);
        return batch;
    }
}
