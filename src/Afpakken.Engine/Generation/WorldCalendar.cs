namespace Afpakken.Engine.Generation;

/// <summary>
/// The world's twelve months: 365 days ending at <see cref="GenerationOptions.WorldEnd"/>, with a seasonal
/// weight per day (December peak, summer dip, quiet Sundays) that spreads the transaction budget.
/// </summary>
internal sealed class WorldCalendar
{
    public const int Days = 365;

    public WorldCalendar(DateTime worldEnd)
    {
        var end = DateTime.SpecifyKind(worldEnd, DateTimeKind.Utc);
        Start = end.Date.AddDays(1 - Days);
        End = end;
        var weights = new double[Days];
        var total = 0.0;
        for (var d = 0; d < Days; d++)
        {
            var date = Start.AddDays(d);
            var month = date.Month switch { 12 => 1.25, 7 or 8 => 0.85, 11 => 1.05, _ => 1.0 };
            var week = date.DayOfWeek switch { DayOfWeek.Sunday => 0.6, DayOfWeek.Saturday => 1.1, DayOfWeek.Friday => 1.1, _ => 1.0 };
            weights[d] = month * week;
            total += weights[d];
        }

        CumulativeShare = new double[Days];
        var running = 0.0;
        for (var d = 0; d < Days; d++)
        {
            running += weights[d];
            CumulativeShare[d] = running / total;
        }

        CumulativeShare[Days - 1] = 1.0;
    }

    /// <summary>Midnight UTC of the first day.</summary>
    public DateTime Start { get; }

    /// <summary>The last instant of the world.</summary>
    public DateTime End { get; }

    /// <summary>Share of the year's transactions booked up to and including day d.</summary>
    public double[] CumulativeShare { get; }

    public DateTime DayStart(int day) => Start.AddDays(day);

    public DateOnly Date(int day) => DateOnly.FromDateTime(Start.AddDays(day));

    /// <summary>Day index of an instant (may be outside 0..364).</summary>
    public int DayOf(DateTime at) => (int)Math.Floor((at - Start).TotalDays);

    public int DayOf(DateOnly date) => date.DayNumber - DateOnly.FromDateTime(Start).DayNumber;
}
