namespace Afpakken.Engine.Generation;

/// <summary>Seeded, deterministic synthetic financial world with planted laundering operations.</summary>
public static class WorldGenerator
{
    public static Task<GenerationSummary> WriteAsync(GenerationOptions options, CancellationToken cancellationToken = default)
        => throw new NotImplementedException("The world generator is being written.");
}
