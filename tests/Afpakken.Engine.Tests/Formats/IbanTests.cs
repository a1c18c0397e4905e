using Afpakken.Engine.Generation;

namespace Afpakken.Engine.Tests.Formats;

public sealed class IbanTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300", true)]
    [InlineData("DE89370400440532013000", true)]
    [InlineData("NL92ABNA0417164300", false)]
    public void Checks_mod_97(string iban, bool valid) => Assert.Equal(valid, Iban.IsValid(iban));

    [Fact]
    public void Builds_the_known_dutch_example() => Assert.Equal("NL91ABNA0417164300", Iban.Dutch("ABNA", 417_164_300));
}
