namespace Afpakken.Engine.Generation;

/// <summary>Builds IBANs with valid ISO 13616 mod-97 check digits.</summary>
public static class Iban
{
    /// <summary>A Dutch IBAN: NLkk + 4-letter bank code + 10 digits.</summary>
    public static string Dutch(string bankCode, long accountNumber) => Build("NL", bankCode + accountNumber.ToString("D10"));

    /// <summary>An IBAN of <paramref name="country"/> with the given basic bank account number (letters and digits).</summary>
    public static string Build(string country, string bban)
    {
        var remainder = Mod97(bban + country + "00");
        var check = 98 - remainder;
        return string.Concat(country, check.ToString("D2"), bban);
    }

    /// <summary>True when the IBAN's check digits are right (letters count A=10 … Z=35).</summary>
    public static bool IsValid(string iban) =>
        iban.Length >= 5 && Mod97(string.Concat(iban.AsSpan(4), iban.AsSpan(0, 4))) == 1;

    private static int Mod97(string text)
    {
        var remainder = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                var value = char.ToUpperInvariant(c) - 'A' + 10;
                remainder = ((remainder * 100) + value) % 97;
            }
        }

        return remainder;
    }
}
