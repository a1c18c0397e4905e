namespace Afpakken.Engine.Confiscation;

/// <summary>How firm a line item of a benefit calculation is, as the parties to the case see it.</summary>
public enum ItemStatus
{
    Estimated,
    Contested,
    Accepted,
}

/// <summary>A period with both ends inclusive, in whole days (a confiscation period runs from date to date).</summary>
public sealed record Period(DateOnly From, DateOnly To)
{
    public bool Contains(DateOnly day) => day >= From && day <= To;

    public override string ToString() => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{From:yyyy-MM-dd} – {To:yyyy-MM-dd}");
}

/// <summary>
/// One line of a benefit calculation: what it is, how much, in which period, from which source records, and its
/// status. Every number in a report traces back to records through these.
/// </summary>
public sealed record LineItem(string Description, decimal Amount, Period Period, IReadOnlyList<string> SourceRecordIds, ItemStatus Status = ItemStatus.Estimated)
{
    public static decimal Sum(IEnumerable<LineItem> items) => items.Sum(i => i.Amount);
}
