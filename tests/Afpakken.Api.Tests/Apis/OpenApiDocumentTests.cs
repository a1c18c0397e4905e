using System.Net;
using Afpakken.Api.Tests.Support;

namespace Afpakken.Api.Tests.Apis;

/// <summary>
/// The OpenAPI document is committed (src/Afpakken.Api/openapi.json) so API changes show in diffs.
/// After an intended change, run the tests once with AFPAKKEN_UPDATE_OPENAPI=1 and commit the file.
/// </summary>
public sealed class OpenApiDocumentTests : IDisposable
{
    private static readonly Uri Document = new("/openapi/v1.json", UriKind.Relative);
    private readonly ApiFactory _api = new();

    [Fact]
    public async Task The_document_needs_a_token()
    {
        var response = await _api.CreateClient().GetAsync(Document);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task The_committed_document_matches_the_api()
    {
        var live = (await _api.CreateClient().WithBearer(TestKeys.Token("engineer")).GetStringAsync(Document)).ReplaceLineEndings("\n").TrimEnd() + "\n";
        var committedFile = Path.Combine(RepositoryRoot(), "src", "Afpakken.Api", "openapi.json");

        if (Environment.GetEnvironmentVariable("AFPAKKEN_UPDATE_OPENAPI") == "1")
        {
            await File.WriteAllTextAsync(committedFile, live);
        }

        Assert.True(File.Exists(committedFile), $"{committedFile} is missing; run the tests with AFPAKKEN_UPDATE_OPENAPI=1");
        Assert.Equal((await File.ReadAllTextAsync(committedFile)).ReplaceLineEndings("\n"), live);
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Afpakken.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Afpakken.sln not found above the test output directory.");
    }

    public void Dispose() => _api.Dispose();
}
