namespace Afpakken.Engine.Generation;

/// <summary>Dutch-looking names and places, and the derivation of unique addresses, phones and KvK numbers from indices.</summary>
internal static class NameBook
{
    private static readonly string[] FirstNames =
    [
        "Jan", "Piet", "Kees", "Sanne", "Emma", "Daan", "Lotte", "Sem", "Julia", "Lucas", "Mila", "Finn", "Tess", "Noah", "Sophie",
        "Bram", "Anouk", "Ruben", "Fleur", "Thijs", "Eva", "Lars", "Iris", "Jesse", "Lisa", "Mohamed", "Fatima", "Yusuf", "Aylin",
        "Priya", "Wei", "Anna", "Mark", "Ingrid", "Henk", "Gerda", "Joost", "Marieke", "Stijn", "Noor",
    ];

    private static readonly string[] LastNames =
    [
        "de Jong", "Jansen", "de Vries", "van den Berg", "van Dijk", "Bakker", "Janssen", "Visser", "Smit", "Meijer", "de Boer",
        "Mulder", "de Groot", "Bos", "Vos", "Peters", "Hendriks", "van Leeuwen", "Dekker", "Brouwer", "de Wit", "Dijkstra",
        "Smits", "de Graaf", "van der Meer", "van der Linden", "Kok", "Jacobs", "de Haan", "Vermeulen", "El Amrani", "Yilmaz",
        "Kaya", "Bouzid", "Nguyen", "Pinas", "Kramer", "Prins", "Huisman", "Postma",
    ];

    private static readonly string[] CompanySuffixes =
        [" B.V.", " Holding B.V.", " V.O.F.", " Handel B.V.", " Groep B.V.", " & Zn.", " Beheer B.V.", " Services B.V."];

    private static readonly string[] Streets =
    [
        "Dorpsstraat", "Kerkstraat", "Stationsweg", "Molenweg", "Schoolstraat", "Julianastraat", "Beatrixlaan", "Wilhelminastraat",
        "Hoofdstraat", "Nieuwstraat", "Marktplein", "Industrieweg", "Parallelweg", "Lindenlaan", "Eikenlaan", "Havenkade",
    ];

    private static readonly string[] Cities =
    [
        "Amsterdam", "Rotterdam", "Den Haag", "Utrecht", "Eindhoven", "Groningen", "Tilburg", "Almere", "Breda", "Nijmegen",
        "Arnhem", "Haarlem", "Enschede", "Zwolle", "Leiden", "Maastricht",
    ];

    public static string PersonName(int party)
    {
        var h = WorldRandom.Hash((ulong)party * 3 + 1);
        return string.Concat(FirstNames[(int)(h % (ulong)FirstNames.Length)], " ", LastNames[(int)(h / 64 % (ulong)LastNames.Length)]);
    }

    public static string CompanyName(int party)
    {
        var h = WorldRandom.Hash((ulong)party * 3 + 2);
        return string.Concat(LastNames[(int)(h % (ulong)LastNames.Length)], CompanySuffixes[(int)(h / 64 % (ulong)CompanySuffixes.Length)]);
    }

    /// <summary>A unique address per address id (postcode and house number come from the id, street and city from its hash).</summary>
    public static string Address(int address)
    {
        var h = WorldRandom.Hash((ulong)address * 7 + 3);
        var postcode = 1_000 + (address % 9_000);
        var letters = address / 9_000 % 676;
        var number = 1 + (address / (9_000 * 676));
        return $"{Streets[(int)(h % (ulong)Streets.Length)]} {number}, {postcode} {(char)('A' + (letters / 26))}{(char)('A' + (letters % 26))} {Cities[(int)(h / 64 % (ulong)Cities.Length)]}";
    }

    /// <summary>A unique Dutch mobile number per person index (the multipliers are coprime to the modulus, so no two collide).</summary>
    public static string MobilePhone(int party) => "+316" + ((((long)party * 73_856_093) + 12_345_678) % 100_000_000).ToString("D8");

    public static string CompanyPhone(int party) => "+3185" + ((((long)party * 73_856_093) + 1_234_567) % 10_000_000).ToString("D7");

    /// <summary>A unique eight-digit KvK number per party index.</summary>
    public static string KvkNumber(int party) => (10_000_000 + ((((long)party * 19_349_663) + 4_321) % 90_000_000)).ToString("D8");

    /// <summary>A scrambled, unique party id, so that the order of creation (mules last) does not show in the ids.</summary>
    public static string PartyId(int party) => "P" + ((((long)party * 738_253_561) + 7_654_321) % 1_000_000_000).ToString("D9");

    public static string AssetId(int asset) => "A" + ((((long)asset * 738_253_561) + 1_234_567) % 1_000_000_000).ToString("D9");

    public static string Slug(string text) =>
        new(text.ToLowerInvariant().Where(c => char.IsAsciiLetterOrDigit(c) || c == ' ').Select(c => c == ' ' ? '.' : c).ToArray());
}
