using System.Text;
using Afpakken.Engine.Formats;
using Afpakken.Engine.Graph;

namespace Afpakken.Engine.Tests.Graph;

public class Utf8AccountInternerTests
{
    private static byte[] U(string s) => Encoding.UTF8.GetBytes(s);

    [Fact]
    public void Ids_are_dense_in_order_of_first_appearance_and_stable()
    {
        var interner = new Utf8AccountInterner();
        string[] keys = ["NL01BANK0000000001", "B", "NL01BANK0000000001", "", "C", "B"];
        var ids = keys.Select(k => interner.Intern(U(k))).ToArray();

        Assert.Equal([0, 1, 0, 2, 3, 1], ids);
        Assert.Equal(4, interner.Count);
        Assert.Equal(["NL01BANK0000000001", "B", "", "C"], interner.ToStrings());
        Assert.Equal(3, interner.Find(U("C")));
        Assert.Equal(-1, interner.Find(U("D")));
        Assert.Equal(U("B"), interner.Utf8Of(1).ToArray());
    }

    [Fact]
    public void Non_ascii_ids_keep_their_text_and_differ_by_byte()
    {
        var interner = new Utf8AccountInterner();
        string[] keys = ["Ærø-Bank-ü", "账户-0001", "konto 🙂", "Aero-Bank-u", "e\u0301", "\u00e9"];
        var ids = keys.Select(k => interner.Intern(U(k))).ToArray();

        Assert.Equal([0, 1, 2, 3, 4, 5], ids);
        Assert.Equal(keys, interner.ToStrings());
        Assert.All(keys.Select((k, i) => (k, i)), p => Assert.Equal(p.i, interner.Find(U(p.k))));
    }

    [Fact]
    public void Invalid_utf8_lands_on_the_account_of_the_text_it_decodes_to()
    {
        var interner = new Utf8AccountInterner();
        var replacement = interner.Intern(U("A\uFFFD"));
        Assert.Equal(replacement, interner.Intern([(byte)'A', 0xC3]));
        Assert.Equal(replacement, interner.Intern([(byte)'A', 0xFF]));
        Assert.Equal(replacement, interner.Find([(byte)'A', 0x80]));
        Assert.Equal(1, interner.Count);
    }

    [Fact]
    public void Growth_keeps_every_id()
    {
        var interner = new Utf8AccountInterner(expectedAccounts: 16);
        const int N = 200_000;
        for (var i = 0; i < N; i++)
        {
            Assert.Equal(i, interner.Intern(U($"acct-{i}")));
        }

        Assert.Equal(N, interner.Count);
        for (var i = 0; i < N; i += 7)
        {
            Assert.Equal(i, interner.Intern(U($"acct-{i}")));
            Assert.Equal(i, interner.Find(U($"acct-{i}")));
        }

        Assert.Equal(N, interner.Count);
    }

    [Fact]
    public void Keys_whose_hashes_collide_get_their_own_numbers()
    {
        // The table proper, with one hash for every key: every lookup probes past the others.
        var table = new Utf8KeyTable(expectedKeys: 4);
        const ulong Same = 0x1234_5678_9ABC_DEF0;
        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i, table.Intern(U($"k{i}"), Same));
        }

        for (var i = 0; i < 1000; i++)
        {
            Assert.Equal(i, table.Intern(U($"k{i}"), Same));
            Assert.Equal(i, table.Find(U($"k{i}"), Same));
            Assert.Equal($"k{i}", Encoding.UTF8.GetString(table.Utf8Of(i)));
        }

        Assert.Equal(-1, table.Find(U("k1000"), Same));
        Assert.True(table.Capacity >= 2000);
    }

    [Fact]
    public void Keys_equal_but_for_length_or_last_byte_are_different_accounts()
    {
        var interner = new Utf8AccountInterner();
        string[] keys = ["12345678", "123456789", "1234567", "123456780", "abcdefghijklmnop", "abcdefghijklmnoq", "abcdefghijklmnopq", "a", "ab", "abc", "b"];
        Assert.Equal(Enumerable.Range(0, keys.Length), keys.Select(k => interner.Intern(U(k))));
        Assert.Equal(keys.Length, keys.Select(k => Utf8AccountInterner.Hash(U(k))).Distinct().Count());
    }

    public static TheoryData<int?> Cores => new() { 1, 2, 3 };

    [Theory]
    [MemberData(nameof(Cores))]
    public void Interning_rows_in_bulk_gives_the_ids_of_a_row_at_a_time_intake(int? cores)
    {
        var random = new Random(7);
        var alphabet = new[] { "NL", "DE", "Ø", "账", "🙂", "" };
        string Account()
        {
            var u = random.NextDouble();
            var n = (int)(u * u * 30_000);
            if (n % 997 == 5)
            {
                return "";
            }

            return alphabet[n % alphabet.Length] + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var bulk = new Utf8AccountInterner(parallelism: cores);
        var single = new Utf8AccountInterner();
        foreach (var rows in new[] { 70_000, 20_000, 5, 140_000 })
        {
            var from = Enumerable.Range(0, rows).Select(_ => Account()).ToArray();
            var to = Enumerable.Range(0, rows).Select(_ => Account()).ToArray();
            var fromIds = new int[rows];
            var toIds = new int[rows];
            bulk.InternRows(Utf8Cells.From(from), Utf8Cells.From(to), fromIds, toIds);
            for (var r = 0; r < rows; r++)
            {
                Assert.Equal(single.Intern(U(from[r])), fromIds[r]);
                Assert.Equal(single.Intern(U(to[r])), toIds[r]);
            }
        }

        Assert.Equal(single.Count, bulk.Count);
        Assert.Equal(single.ToStrings(), bulk.ToStrings());
    }

    [Fact]
    public void A_column_with_invalid_utf8_is_interned_as_its_decoded_text()
    {
        const int Rows = 20_000;
        var from = new List<byte[]>();
        var to = new List<byte[]>();
        for (var r = 0; r < Rows; r++)
        {
            from.Add(U($"F{r % 997}"));
            to.Add(r % 1000 == 3 ? [(byte)'T', 0xE2, 0x82] : U($"T{r % 1009}"));
        }

        var bulk = new Utf8AccountInterner();
        var fromIds = new int[Rows];
        var toIds = new int[Rows];
        bulk.InternRows(Cells(from), Cells(to), fromIds, toIds);
        var single = new Utf8AccountInterner();
        for (var r = 0; r < Rows; r++)
        {
            Assert.Equal(single.Intern(from[r]), fromIds[r]);
            Assert.Equal(single.Intern(to[r]), toIds[r]);
        }

        Assert.Contains("T\uFFFD", bulk.ToStrings());
        Assert.Equal(single.ToStrings(), bulk.ToStrings());
    }

    [Fact]
    public void A_dictionary_encoded_column_gives_the_ids_of_its_values_row_by_row()
    {
        string[] values = ["X", "Y", "Z"];
        int[] rows = [2, 0, 2, -1, 1, 0];
        var dictionaryColumn = new Utf8Column();
        dictionaryColumn.Reset(rows.Length, dictionaryForm: true, dataCapacity: 0);
        var dictionary = dictionaryColumn.DictionaryScratch();
        dictionary.Reset(values.Length, dictionaryForm: false, dataCapacity: 16);
        foreach (var v in values)
        {
            dictionary.AddValue(U(v));
        }

        foreach (var index in rows)
        {
            if (index < 0)
            {
                dictionaryColumn.AddNull();
            }
            else
            {
                dictionaryColumn.AddIndex(index);
            }
        }

        var flat = new Utf8Column();
        flat.Reset(rows.Length, dictionaryForm: false, dataCapacity: 16);
        foreach (var v in new[] { "A", "X", "B", "Y", "A", "C" })
        {
            flat.AddValue(U(v));
        }

        var interner = new Utf8AccountInterner();
        var fromIds = new int[rows.Length];
        var toIds = new int[rows.Length];
        interner.InternRows(dictionaryColumn, flat, fromIds, toIds);

        // Row by row, a row's from before its to; the null cell is the empty id.
        Assert.Equal(["Z", "A", "X", "B", "", "Y", "C"], interner.ToStrings());
        Assert.Equal([0, 2, 0, 4, 5, 2], fromIds);
        Assert.Equal([1, 2, 3, 5, 1, 6], toIds);
    }

    private static Utf8Cells Cells(List<byte[]> cells)
    {
        var offsets = new int[cells.Count + 1];
        for (var i = 0; i < cells.Count; i++)
        {
            offsets[i + 1] = offsets[i] + cells[i].Length;
        }

        return new Utf8Cells(cells.SelectMany(c => c).ToArray(), offsets);
    }
}
