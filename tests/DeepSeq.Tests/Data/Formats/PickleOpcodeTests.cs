using DeepSeq.Data.Formats;
using Xunit;

namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// <see cref="PickleOpcode"/>'s names in error messages: pickletools' spelling, then the opcode byte in hex.
/// </summary>
public sealed class PickleOpcodeTests
{
    [Fact]
    public void OpcodeNamesArePickletoolsNames()
    {
        Assert.Equal("SHORT_BINUNICODE (0x8C)", PickleOpcode.ShortBinUnicode.PythonName);
        Assert.Equal("BININT1 (0x4B)", PickleOpcode.BinInt1.PythonName);
        Assert.Equal("LONG_BINGET (0x6A)", PickleOpcode.LongBinGet.PythonName);
    }
}
