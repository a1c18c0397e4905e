using System.CommandLine;
using Afpakken.Engine.Contract;
using Afpakken.Jobs.Cli;

namespace Afpakken.Engine.Tests.Generation;

public sealed class GenerateCommandTests
{
    private static Task<int> Run(params string[] args) => new RootCommand { GenerateCommand.Create() }.Parse(args).InvokeAsync();

    [Fact]
    public async Task Writes_the_five_files_and_the_truth_and_exits_zero()
    {
        var dir = Path.Combine(Path.GetTempPath(), "afpakken-cli-" + Guid.NewGuid().ToString("N"));
        try
        {
            Assert.Equal(0, await Run("generate", "--out", dir, "--transactions", "20000", "--seed", "3", "--format", "csv"));
            foreach (var name in new[] { "transactions", "accounts", "parties", "assets", "income" })
            {
                Assert.True(File.Exists(Path.Combine(dir, name + ".csv")), name);
            }

            foreach (var name in new[] { "transactions_truth", "operations", "subjects" })
            {
                Assert.True(File.Exists(Path.Combine(dir, "truth", name + ".csv")), name);
            }
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                Directory.Delete(dir, true);
            }
        }
    }

    [Theory]
    [InlineData("--transactions", "0", "--format", "parquet")]
    [InlineData("--transactions", "20000", "--format", "xml")]
    public async Task A_bad_argument_exits_non_zero(params string[] args)
    {
        var dir = Path.Combine(Path.GetTempPath(), "afpakken-cli-" + Guid.NewGuid().ToString("N"));
        Assert.NotEqual(0, await Run(["generate", "--out", dir, .. args]));
        Assert.False(File.Exists(Path.Combine(dir, "transactions.parquet")));
    }

    [Fact]
    public async Task An_unknown_format_is_reported_in_one_line_on_stderr()
    {
        var error = new StringWriter();
        var original = Console.Error;
        Console.SetError(error);
        int exit;
        try
        {
            exit = await Run("generate", "--out", Path.GetTempPath(), "--transactions", "20000", "--format", "xml");
        }
        finally
        {
            Console.SetError(original);
        }

        Assert.Equal(2, exit);
        var line = Assert.Single(error.ToString().Split('\n'), l => l.StartsWith("afpakken generate: error:", StringComparison.Ordinal));
        Assert.Equal("afpakken generate: error: --format: unknown format 'xml' (expected parquet, arrow or csv)", line.TrimEnd('\r'));
    }

    [Fact]
    public void Format_is_parsed_with_a_one_line_message_for_unknown_values()
    {
        Assert.Equal(FileFormat.Arrow, GenerateCommand.ParseFormat("ARROW"));
        var ex = Assert.Throws<Afpakken.Engine.Contract.InvalidInputException>(() => GenerateCommand.ParseFormat("xml"));
        Assert.DoesNotContain('\n', ex.Message);
        Assert.Equal("--format: unknown format 'xml' (expected parquet, arrow or csv)", ex.Message);
    }
}
