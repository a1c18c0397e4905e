using System.Globalization;

namespace Afpakken.Engine.Detection;

/// <summary>How alert sentences spell money and transaction lists.</summary>
internal static class Format
{
    private const int TxIdsInSentence = 8;

    public static string Money(decimal amount) => "€" + amount.ToString("#,##0.00", CultureInfo.InvariantCulture);

    public static string TxIds(IReadOnlyList<string> txIds) =>
        string.Join(", ", txIds.Take(TxIdsInSentence)) +
        (txIds.Count > TxIdsInSentence ? string.Create(CultureInfo.InvariantCulture, $", … ({txIds.Count - TxIdsInSentence} more)") : "");
}
