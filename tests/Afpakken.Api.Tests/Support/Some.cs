using Afpakken.Engine.Detection;

namespace Afpakken.Api.Tests.Support;

/// <summary>Unique test values.</summary>
public static class Some
{
    private static int _next;

    public static Alert Alert(double score, string? id = null)
    {
        var n = Interlocked.Increment(ref _next);
        var focus = $"NL{n:00}TEST{n:0000000000}";
        return new Alert(
            id ?? $"alert-{n:0000}",
            "fan-in",
            "FanInDetector",
            score,
            focus,
            [focus, $"NL{n:00}MULE{n:0000000000}"],
            [$"tx-{n}-1", $"tx-{n}-2"],
            9_900m + n,
            new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            new DateTime(2026, 1, 9, 3, 4, 5, DateTimeKind.Utc),
            $"{focus} received from 2 accounts within 7 days");
    }
}
