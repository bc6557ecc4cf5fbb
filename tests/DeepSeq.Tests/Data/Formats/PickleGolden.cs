namespace DeepSeq.Tests.Data.Formats;

/// <summary>
/// A golden pickle of NumPy's, spelled out byte by byte, shared by <see cref="PickleReaderTests"/> and
/// <see cref="NpyReaderTests"/>.
/// </summary>
internal static class PickleGolden
{
    /// <summary>
    /// <c>pickle.dumps(np.array([[1, 14], []], dtype=object), protocol=3)</c> as NumPy 1.x under CPython writes it,
    /// one opcode per line, spelled out by hand from pickle.py and NumPy's array_reduce (independently of PickleWriter).
    /// </summary>
    internal static readonly byte[] GoldenProtocol3 =
    [
        0x80, 3,                                                    // PROTO 3
        0x63, .. "numpy.core.multiarray\n_reconstruct\n"u8, 0x71, 0, // GLOBAL numpy.core.multiarray _reconstruct; BINPUT 0
        0x63, .. "numpy\nndarray\n"u8, 0x71, 1,                     // GLOBAL numpy ndarray; BINPUT 1
        0x4B, 0, 0x85, 0x71, 2,                                     // BININT1 0; TUPLE1 → (0,); BINPUT 2
        0x43, 1, (byte)'b', 0x71, 3,                                // SHORT_BINBYTES b'b'; BINPUT 3
        0x87, 0x71, 4,                                              // TUPLE3 → (ndarray, (0,), b'b'); BINPUT 4
        0x52, 0x71, 5,                                              // REDUCE → _reconstruct(...); BINPUT 5
        0x28,                                                       // MARK: the array's 5-field state
        0x4B, 1,                                                    //   BININT1 1: state version
        0x4B, 2, 0x85, 0x71, 6,                                     //   BININT1 2; TUPLE1 → shape (2,); BINPUT 6
        0x63, .. "numpy\ndtype\n"u8, 0x71, 7,                       //   GLOBAL numpy dtype; BINPUT 7
        0x58, 2, 0, 0, 0, (byte)'O', (byte)'8', 0x71, 8,            //   BINUNICODE 'O8'; BINPUT 8
        0x89, 0x88, 0x87, 0x71, 9,                                  //   NEWFALSE; NEWTRUE; TUPLE3 → ('O8', False, True); BINPUT 9
        0x52, 0x71, 10,                                             //   REDUCE → dtype('O8', False, True); BINPUT 10
        0x28, 0x4B, 3,                                              //   MARK; BININT1 3: the dtype's state version
        0x58, 1, 0, 0, 0, (byte)'|', 0x71, 11,                      //     BINUNICODE '|' (no byte order); BINPUT 11
        0x4E, 0x4E, 0x4E,                                           //     NONE ×3: subarray, names, fields
        0x4A, 0xFF, 0xFF, 0xFF, 0xFF, 0x4A, 0xFF, 0xFF, 0xFF, 0xFF, //     BININT -1; BININT -1: elsize, alignment
        0x4B, 63,                                                   //     BININT1 63: flags
        0x74, 0x71, 12, 0x62,                                       //   TUPLE (to the mark); BINPUT 12; BUILD → dtype.__setstate__
        0x89,                                                       //   NEWFALSE: is_fortran
        0x5D, 0x71, 13, 0x28,                                       //   EMPTY_LIST; BINPUT 13; MARK: the elements
        0x5D, 0x71, 14, 0x28, 0x4B, 1, 0x4B, 14, 0x65,              //     EMPTY_LIST; BINPUT 14; MARK; BININT1 1; BININT1 14; APPENDS → [1, 14]
        0x5D, 0x71, 15,                                             //     EMPTY_LIST; BINPUT 15 → []
        0x65,                                                       //   APPENDS → [[1, 14], []]
        0x74, 0x71, 16,                                             // TUPLE → (1, (2,), dtype, False, [...]); BINPUT 16
        0x62,                                                       // BUILD → array.__setstate__(state)
        0x2E,                                                       // STOP
    ];
}
