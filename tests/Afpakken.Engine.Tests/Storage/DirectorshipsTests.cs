using Afpakken.Engine.Contract;
using Afpakken.Engine.Storage;
using Afpakken.Engine.Tests.Support;

namespace Afpakken.Engine.Tests.Storage;

/// <summary>Directorships follow the parties file: a corrected file moves the link at once, not at the next detection run.</summary>
public sealed class DirectorshipsTests : IDisposable
{
    private readonly string _dir = Some.TempDirectory();

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static Party Company(string directors) => new("C1", "company", "Holding BV", null, "12345678", "Kade 1", null, null, "6420", null, directors);

    private static Party Person(string id) => new(id, "person", id, new DateOnly(1970, 1, 1), null, $"{id}straat 1", null, null, null, null, null);

    [Fact]
    public async Task A_reloaded_parties_file_moves_the_directorship()
    {
        var sqlite = await SqliteStore.OpenAsync(new DataLayout(_dir));
        var entities = new EntityStore(sqlite);
        await entities.UpsertPartiesAsync([Company("P1"), Person("P1"), Person("P2")], "first", CancellationToken.None);
        var queries = new PartyQueries(sqlite);
        Assert.Equal(["C1"], (await queries.LinkedAsync(Person("P1"), CancellationToken.None)).Select(p => p.PartyId));

        await entities.UpsertPartiesAsync([Company("P2")], "corrected", CancellationToken.None);

        Assert.Empty(await queries.LinkedAsync(Person("P1"), CancellationToken.None));
        Assert.Equal(["C1"], (await queries.LinkedAsync(Person("P2"), CancellationToken.None)).Select(p => p.PartyId));
        Assert.Equal(["P2"], (await queries.LinkedAsync(Company("P2"), CancellationToken.None)).Select(p => p.PartyId));
    }
}
