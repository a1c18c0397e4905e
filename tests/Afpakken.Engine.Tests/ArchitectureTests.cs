namespace Afpakken.Engine.Tests;

public class ArchitectureTests
{
    [Fact]
    public void Engine_references_neither_AspNetCore_nor_Hangfire()
    {
        var engine = typeof(Afpakken.Engine.Contract.TransactionBatch).Assembly;
        var forbidden = engine.GetReferencedAssemblies()
            .Select(a => a.Name ?? "")
            .Where(n => n.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal) || n.StartsWith("Hangfire", StringComparison.Ordinal))
            .ToList();
        Assert.Empty(forbidden);
        Assert.Contains(engine.GetReferencedAssemblies(), a => a.Name == "Parquet");
    }
}
