namespace Afpakken.Engine.Contract;

/// <summary>
/// Input that cannot be used as given: a missing or unreadable file, a wrong schema, a bad argument.
/// The message names the file (and column or row where known) and the problem, in one line.
/// </summary>
public sealed class InvalidInputException : Exception
{
    public InvalidInputException(string source, string problem)
        : base($"{source}: {problem}")
    {
        Source = source;
        Problem = problem;
    }

    public InvalidInputException(string source, string problem, Exception inner)
        : base($"{source}: {problem}", inner)
    {
        Source = source;
        Problem = problem;
    }

    public InvalidInputException()
        : this("input", "invalid")
    {
    }

    public InvalidInputException(string message)
        : this("input", message)
    {
    }

    /// <summary>The file (or argument) that is wrong.</summary>
    public new string Source { get; }

    public string Problem { get; }
}
