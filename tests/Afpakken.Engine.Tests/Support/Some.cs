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
}
