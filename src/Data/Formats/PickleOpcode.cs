namespace DeepSeq.Data.Formats;

/// <summary>
/// Every opcode of Python's pickle protocols 0–5, by the byte that encodes it, named as CPython's
/// <c>pickletools</c> names them. <see cref="PickleReader"/> executes only the few that NumPy's pickle of an
/// object array uses; the full table is here so that a refusal can name the opcode it met.
/// </summary>
/// <remarks>
/// Arguments are little-endian. "1-byte length" and friends are unsigned unless marked signed.
/// </remarks>
public enum PickleOpcode : byte
{
    // --- framing and control ----------------------------------------------------------------------------------
    /// <summary><c>\x80</c> + 1 byte: the protocol version (2–5). Always the first opcode from protocol 2 on.</summary>
    Proto = 0x80,
    /// <summary><c>\x95</c> + 8-byte length: the next opcodes form a frame of that many bytes (protocol 4+; a buffering
    /// hint).</summary>
    Frame = 0x95,
    /// <summary><c>.</c>: the end of the pickle; the top of the stack is the result.</summary>
    Stop = 0x2E,
    /// <summary><c>(</c>: pushes a mark, the start of a variable-length group (a tuple's items, a batch of
    /// appends).</summary>
    Mark = 0x28,
    /// <summary><c>0</c>: discards the top of the stack.</summary>
    Pop = 0x30,
    /// <summary><c>1</c>: discards everything down to and including the topmost mark.</summary>
    PopMark = 0x31,
    /// <summary><c>2</c>: pushes a copy of the top of the stack.</summary>
    Dup = 0x32,

    // --- constants and numbers --------------------------------------------------------------------------------
    /// <summary><c>N</c>: pushes None.</summary>
    None = 0x4E,
    /// <summary><c>\x88</c>: pushes True (protocol 2+).</summary>
    NewTrue = 0x88,
    /// <summary><c>\x89</c>: pushes False (protocol 2+).</summary>
    NewFalse = 0x89,
    /// <summary><c>I</c> + decimal text line: an int (protocol 0).</summary>
    Int = 0x49,
    /// <summary><c>J</c> + 4 bytes, signed: an int in [-2³¹, 2³¹).</summary>
    BinInt = 0x4A,
    /// <summary><c>K</c> + 1 byte: an int in [0, 256).</summary>
    BinInt1 = 0x4B,
    /// <summary><c>M</c> + 2 bytes: an int in [0, 65536).</summary>
    BinInt2 = 0x4D,
    /// <summary><c>L</c> + decimal text line: a long (protocol 0).</summary>
    Long = 0x4C,
    /// <summary><c>\x8a</c> + 1-byte length n + n bytes: a two's-complement int of any size (protocol 2+).</summary>
    Long1 = 0x8A,
    /// <summary>
    /// <c>\x8b</c> + 4-byte signed length n + n bytes: a two's-complement int of any size (protocol 2+).
    /// </summary>
    Long4 = 0x8B,
    /// <summary><c>F</c> + decimal text line: a float (protocol 0).</summary>
    Float = 0x46,
    /// <summary><c>G</c> + 8 bytes big-endian: a float.</summary>
    BinFloat = 0x47,

    // --- strings and bytes ------------------------------------------------------------------------------------
    /// <summary><c>S</c> + quoted text line: a Python 2 str (protocol 0).</summary>
    String = 0x53,
    /// <summary><c>T</c> + 4-byte signed length + bytes: a Python 2 str.</summary>
    BinString = 0x54,
    /// <summary><c>U</c> + 1-byte length + bytes: a Python 2 str.</summary>
    ShortBinString = 0x55,
    /// <summary><c>V</c> + raw-unicode-escaped text line: a str (protocol 0).</summary>
    Unicode = 0x56,
    /// <summary><c>X</c> + 4-byte length + UTF-8: a str.</summary>
    BinUnicode = 0x58,
    /// <summary><c>\x8c</c> + 1-byte length + UTF-8: a str (protocol 4+).</summary>
    ShortBinUnicode = 0x8C,
    /// <summary><c>\x8d</c> + 8-byte length + UTF-8: a str (protocol 4+).</summary>
    BinUnicode8 = 0x8D,
    /// <summary><c>B</c> + 4-byte length + bytes: a bytes object (protocol 3+).</summary>
    BinBytes = 0x42,
    /// <summary><c>C</c> + 1-byte length + bytes: a bytes object (protocol 3+).</summary>
    ShortBinBytes = 0x43,
    /// <summary><c>\x8e</c> + 8-byte length + bytes: a bytes object (protocol 4+).</summary>
    BinBytes8 = 0x8E,
    /// <summary><c>\x96</c> + 8-byte length + bytes: a bytearray (protocol 5).</summary>
    ByteArray8 = 0x96,
    /// <summary><c>\x97</c>: an out-of-band buffer (protocol 5).</summary>
    NextBuffer = 0x97,
    /// <summary><c>\x98</c>: makes the top buffer read-only (protocol 5).</summary>
    ReadOnlyBuffer = 0x98,

    // --- containers -------------------------------------------------------------------------------------------
    /// <summary><c>)</c>: pushes ().</summary>
    EmptyTuple = 0x29,
    /// <summary><c>t</c>: the items above the topmost mark become a tuple.</summary>
    Tuple = 0x74,
    /// <summary><c>\x85</c>: the top item becomes a 1-tuple (protocol 2+).</summary>
    Tuple1 = 0x85,
    /// <summary><c>\x86</c>: the top two items become a 2-tuple (protocol 2+).</summary>
    Tuple2 = 0x86,
    /// <summary><c>\x87</c>: the top three items become a 3-tuple (protocol 2+).</summary>
    Tuple3 = 0x87,
    /// <summary><c>]</c>: pushes an empty list.</summary>
    EmptyList = 0x5D,
    /// <summary><c>l</c>: the items above the topmost mark become a list.</summary>
    List = 0x6C,
    /// <summary><c>a</c>: appends the top item to the list below it.</summary>
    Append = 0x61,
    /// <summary><c>e</c>: appends the items above the topmost mark to the list below the mark.</summary>
    Appends = 0x65,
    /// <summary><c>}</c>: pushes an empty dict.</summary>
    EmptyDict = 0x7D,
    /// <summary><c>d</c>: the items above the topmost mark, in key/value pairs, become a dict.</summary>
    Dict = 0x64,
    /// <summary><c>s</c>: sets one key/value pair in the dict below them.</summary>
    SetItem = 0x73,
    /// <summary><c>u</c>: sets the key/value pairs above the topmost mark in the dict below it.</summary>
    SetItems = 0x75,
    /// <summary><c>\x8f</c>: pushes an empty set (protocol 4+).</summary>
    EmptySet = 0x8F,
    /// <summary><c>\x90</c>: adds the items above the topmost mark to the set below it (protocol 4+).</summary>
    AddItems = 0x90,
    /// <summary><c>\x91</c>: the items above the topmost mark become a frozenset (protocol 4+).</summary>
    FrozenSet = 0x91,

    // --- the memo: how a pickle refers to an object twice --------------------------------------------------------
    /// <summary><c>p</c> + decimal text line: stores the top of the stack in the memo (protocol 0).</summary>
    Put = 0x70,
    /// <summary><c>q</c> + 1-byte index: stores the top of the stack in the memo.</summary>
    BinPut = 0x71,
    /// <summary><c>r</c> + 4-byte index: stores the top of the stack in the memo.</summary>
    LongBinPut = 0x72,
    /// <summary><c>\x94</c>: stores the top of the stack at the next free memo index (protocol 4+).</summary>
    Memoize = 0x94,
    /// <summary><c>g</c> + decimal text line: pushes a memo entry (protocol 0).</summary>
    Get = 0x67,
    /// <summary><c>h</c> + 1-byte index: pushes a memo entry.</summary>
    BinGet = 0x68,
    /// <summary><c>j</c> + 4-byte index: pushes a memo entry.</summary>
    LongBinGet = 0x6A,

    // --- building objects: where arbitrary code can run in Python -------------------------------------------
    /// <summary><c>c</c> + "module\n" + "name\n": pushes a global looked up by name (a class or function).</summary>
    Global = 0x63,
    /// <summary><c>\x93</c>: pops a module and a name string and pushes that global (protocol 4+).</summary>
    StackGlobal = 0x93,
    /// <summary><c>R</c>: pops a callable and an argument tuple, pushes callable(*args).</summary>
    Reduce = 0x52,
    /// <summary><c>b</c>: pops a state and applies it to the object below it (<c>__setstate__</c>).</summary>
    Build = 0x62,
    /// <summary><c>i</c> + "module\n" + "name\n": calls a class on the items above the mark (protocol 0).</summary>
    Inst = 0x69,
    /// <summary><c>o</c>: calls the class above the mark on the items after it (protocol 1).</summary>
    Obj = 0x6F,
    /// <summary>
    /// <c>\x81</c>: pops a class and an argument tuple, pushes cls.__new__(cls, *args) (protocol 2+).
    /// </summary>
    NewObj = 0x81,
    /// <summary><c>\x92</c>: like NEWOBJ with keyword arguments (protocol 4+).</summary>
    NewObjEx = 0x92,
    /// <summary><c>\x82</c> + 1 byte: a global from the extension registry (protocol 2+).</summary>
    Ext1 = 0x82,
    /// <summary><c>\x83</c> + 2 bytes: a global from the extension registry (protocol 2+).</summary>
    Ext2 = 0x83,
    /// <summary><c>\x84</c> + 4 bytes: a global from the extension registry (protocol 2+).</summary>
    Ext4 = 0x84,
    /// <summary><c>P</c> + text line: a persistent id, resolved by the application.</summary>
    PersId = 0x50,
    /// <summary><c>Q</c>: pops a persistent id, resolved by the application.</summary>
    BinPersId = 0x51,
}

/// <summary>How CPython's <c>pickletools</c> spells each <see cref="PickleOpcode"/>, for messages a Python user
/// recognises.</summary>
public static class PickleOpcodeNames
{
    extension(PickleOpcode op)
    {
        /// <summary>The opcode's name and byte as pickletools shows them, e.g.
        /// <c>SHORT_BINUNICODE (0x8C)</c>.</summary>
        public string PythonName => $"{op switch
        {
            PickleOpcode.PopMark => "POP_MARK",
            PickleOpcode.NewTrue => "NEWTRUE",
            PickleOpcode.NewFalse => "NEWFALSE",
            PickleOpcode.ShortBinString => "SHORT_BINSTRING",
            PickleOpcode.ShortBinUnicode => "SHORT_BINUNICODE",
            PickleOpcode.ShortBinBytes => "SHORT_BINBYTES",
            PickleOpcode.EmptyTuple => "EMPTY_TUPLE",
            PickleOpcode.EmptyList => "EMPTY_LIST",
            PickleOpcode.EmptyDict => "EMPTY_DICT",
            PickleOpcode.EmptySet => "EMPTY_SET",
            PickleOpcode.SetItem => "SETITEM",
            PickleOpcode.SetItems => "SETITEMS",
            PickleOpcode.AddItems => "ADDITEMS",
            PickleOpcode.FrozenSet => "FROZENSET",
            PickleOpcode.LongBinPut => "LONG_BINPUT",
            PickleOpcode.LongBinGet => "LONG_BINGET",
            PickleOpcode.StackGlobal => "STACK_GLOBAL",
            PickleOpcode.NewObjEx => "NEWOBJ_EX",
            PickleOpcode.NextBuffer => "NEXT_BUFFER",
            PickleOpcode.ReadOnlyBuffer => "READONLY_BUFFER",
            PickleOpcode.PersId => "PERSID",
            PickleOpcode.BinPersId => "BINPERSID",
            // BININT1, LONG1, BINUNICODE8, TUPLE2, FRAME, …: one word already
            _ => op.ToString().ToUpperInvariant(),
        }} (0x{(byte)op:X2})";
    }
}
