using Afpakken.Engine.Confiscation;
using Afpakken.Engine.Contract;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Confiscation;

public sealed class SubjectNetworkTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Party Person(string id, string? address = null, string? phone = null, string? email = null, string? directors = null) =>
        new(id, "person", id, new DateOnly(1980, 1, 1), null, address, phone, email, null, null, directors);

    [Fact]
    public async Task Straw_men_and_front_companies_are_linked_with_the_reason()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(Path.Combine(_dir, "data")));
        var entities = new EntityStore(store);
        await entities.UpsertPartiesAsync(
        [
            Person("BOSS", address: "Kade 1, Rotterdam", phone: "0612345678", email: "boss@example.nl"),
            Person("NEPHEW", address: "Kade 1, Rotterdam"),
            Person("DRIVER", phone: "0612345678", email: "boss@example.nl"),
            new Party("FRONT-BV", "company", "Front BV", null, "12345678", "Haven 9", null, null, "7022", null, "X;BOSS"),
            Person("NEIGHBOUR", address: "Kade 3, Rotterdam"),
            Person("NOBODY", address: ""),
        ], "hash", CancellationToken.None);
        await entities.UpsertAccountsAsync([new Account("NL01BOSS0000000001", "BOSS", "BANK", new DateOnly(2020, 1, 1), null, "personal")], "hash", CancellationToken.None);

        var network = await SubjectNetwork.BuildAsync(new PartyQueries(store), "BOSS", CancellationToken.None);

        Assert.Equal(["NL01BOSS0000000001"], network.Accounts);
        Assert.Equal(["DRIVER", "FRONT-BV", "NEPHEW"], network.Links.Select(l => l.Party.PartyId));
        Assert.Equal(["shares phone '0612345678'", "shares e-mail 'boss@example.nl'"], network.Links[0].Reasons);
        Assert.Equal(["BOSS is director/UBO of FRONT-BV"], network.Links[1].Reasons);
        Assert.Equal(["shares address 'Kade 1, Rotterdam'"], network.Links[2].Reasons);
    }

    [Fact]
    public async Task An_unknown_subject_is_named()
    {
        var store = await SqliteStore.OpenAsync(new DataLayout(Path.Combine(_dir, "data")));

        var error = await Assert.ThrowsAsync<InvalidInputException>(() => SubjectNetwork.BuildAsync(new PartyQueries(store), "GHOST", CancellationToken.None));

        Assert.Contains("GHOST: no such party", error.Message, StringComparison.Ordinal);
    }
}
