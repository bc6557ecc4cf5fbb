using System.Buffers.Binary;
using System.Collections.Frozen;
using System.Text;

namespace DeepSeq.Data.Formats;

/// <summary>
/// A minimal, safe unpickler for the one Python object DeepSeq needs from a pickle: a 1-D NumPy object array
/// whose elements are lists of ints. That is what <c>np.save</c> writes after the .npy header of an array like
/// Keras's <c>imdb.npz</c> <c>x_train</c>: one Python list of word indices per review, of different lengths.
/// </summary>
/// <remarks>
/// <para><b>What the bytes say.</b> A pickle is a program for a small stack machine: each opcode (one byte, see
/// <see cref="PickleOpcode"/>) pushes a value, or pops some and pushes what it builds. NumPy's
/// <c>ndarray.__reduce__</c> makes the pickle of an object array <c>a</c> of shape (N,) say, in effect:</para>
/// <code>
/// arr   = numpy.core.multiarray._reconstruct(numpy.ndarray, (0,), b'b')   GLOBAL ×2, tuple, REDUCE
/// dtype = numpy.dtype('O8', False, True)                                  GLOBAL, tuple, REDUCE
/// dtype.__setstate__((3, '|', None, None, None, -1, -1, 63))               tuple, BUILD
/// arr.__setstate__((1, (N,), dtype, False, [a[0], a[1], …]))              tuple, BUILD
/// </code>
/// <para>where each <c>a[i]</c> is a list built by EMPTY_LIST, then MARK, its ints (BININT1/BININT2/BININT/LONG1)
/// and APPENDS (APPEND for a single item). Objects are stored in a memo (BINPUT, LONG_BINPUT, MEMOIZE) and
/// referred to again by BINGET/LONG_BINGET. NumPy 2 spells the module <c>numpy._core.multiarray</c>. Protocols
/// 2–5 are read: <c>np.save</c> writes protocol 3 from Python 3 and protocol 2 from Python 2. Protocol 4+ adds
/// FRAME, STACK_GLOBAL and MEMOIZE; protocol 2 from Python 3 spells <c>b'b'</c> as
/// <c>_codecs.encode('b', 'latin1')</c>, and Python 2 spells it as a str (SHORT_BINSTRING).</para>
/// <para><b>Why it is safe.</b> Python's unpickler imports any module and calls any function a pickle names, so
/// a pickle can run arbitrary code. This reader calls nothing: GLOBAL and STACK_GLOBAL accept only the five names
/// above (<c>numpy.core.multiarray._reconstruct</c>, <c>numpy._core.multiarray._reconstruct</c>,
/// <c>numpy.ndarray</c>, <c>numpy.dtype</c>, <c>_codecs.encode</c>), and REDUCE/BUILD only record, as plain data,
/// what those calls would have made. Every length in the input is checked against the bytes that remain before
/// anything is allocated, and every value on the stack costs at least one input byte, so memory stays
/// proportional to the input and time linear in it.</para>
/// <para>What goes wrong: always a <see cref="DataFormatException"/> naming the source, with the byte offset of the
/// opcode at fault as its position (the whole array's <c>header</c> or an <c>element</c> for a result that is not
/// the expected array), for either of:</para>
/// <list type="bullet">
///   <item>a valid pickle this reader will not execute: a global outside the whitelist (<c>os.system</c>…), a
///   pickle opcode it does not implement (dicts, floats, NEWOBJ…), a protocol other than 2–5, an array that is not
///   1-D or not of dtype object, an int beyond the int range;</item>
///   <item>bytes that are not a pickle: a byte that is no opcode, a truncated
///   argument or a length claiming more bytes than remain, a pop from an empty stack, an unknown memo index, a
///   missing STOP or bytes after it, a result that is not the array described above (an element that is not a
///   list, a list holding something else than ints, a shape that disagrees with the list of elements).</item>
/// </list>
/// </remarks>
public static class PickleReader
{
    /// <summary>The globals a pickle may name: the only callables whose effect this reader models.</summary>
    public static readonly FrozenSet<string> AllowedGlobals = new[]
    {
        "numpy.core.multiarray._reconstruct", "numpy._core.multiarray._reconstruct", "numpy.ndarray", "numpy.dtype",
        "_codecs.encode",
    }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>
    /// Decodes <paramref name="pickle"/>, the pickle of a 1-D NumPy object array of lists of ints, into one
    /// <c>int[]</c> per element: Python's <c>[list(map(int, e)) for e in pickle.loads(data)]</c>, without running
    /// anything. An element that the pickle refers to twice (the same Python list) comes back as the same array.
    /// </summary>
    /// <param name="pickle">The pickle stream, from its PROTO opcode to its STOP.</param>
    /// <param name="source">Names the data in error messages, e.g. <c>imdb.npz!x_train.npy</c>.</param>
    /// <param name="startOffset">Where <paramref name="pickle"/> starts in the file <paramref name="source"/> names,
    /// so that messages give offsets a hex dump of the file shows (the .npy header length, for a .npy member).</param>
    public static int[][] ReadIntLists(ReadOnlySpan<byte> pickle, string source, long startOffset = 0)
    {
        var machine = new Machine(pickle, source, startOffset);
        object result = machine.Run();
        return ToIntLists(result, source);
    }

    // --- the values the machine handles --------------------------------------------------------------------------
    // Python ints are longs, str is string, bytes (and Python 2 str) is byte[], a tuple is object[], a list is
    // List<object>, True/False are bools. The rest are these markers: data describing what Python would have built.

    /// <summary>Python's None.</summary>
    private sealed class NoneValue { public static readonly NoneValue Instance = new(); }

    /// <summary>One of <see cref="AllowedGlobals"/>, named, never resolved.</summary>
    private sealed record GlobalValue(string Name);

    /// <summary>What <c>numpy.dtype(descr, align, copy)</c> returns; BUILD's state only restates byte order and
    /// flags.</summary>
    private sealed record DtypeValue(string Descr);

    /// <summary>
    /// What <c>_reconstruct(ndarray, (0,), b'b')</c> returns, an empty array that BUILD then fills in.
    /// </summary>
    private sealed class ArrayValue
    {
        public long[]? Shape;
        public List<object>? Elements;
    }

    /// <summary>Boxed ints 0..65535, made once: a review set repeats the same word indices millions of times, and a
    /// box per occurrence would cost 24 bytes each where a shared one costs a reference.</summary>
    private static readonly object?[] SmallInts = new object?[ushort.MaxValue + 1];

    private static object SmallInt(ushort value) => SmallInts[value] ??= (long)value;

    /// <summary>The stack machine: one pass over the bytes, one opcode at a time.</summary>
    private ref struct Machine(ReadOnlySpan<byte> input, string source, long startOffset)
    {
        private readonly ReadOnlySpan<byte> _input = input;
        private int _pos;
        private int _opStart;                                   // where the opcode being executed starts
        private PickleOpcode _op;
        private readonly List<object> _stack = [];
        private readonly List<int> _marks = [];                 // stack heights at each MARK, innermost last
        private readonly Dictionary<long, object> _memo = [];

        public object Run()
        {
            if (_input.Length == 0) throw Malformed("the pickle is empty; expected the PROTO opcode 0x80");
            if (_input[0] != (byte)PickleOpcode.Proto)
                throw Malformed($"the pickle at byte offset {startOffset} starts with " +
                    $"0x{_input[0]:X2}, not the PROTO opcode 0x80: it is protocol 0 or 1, which DeepSeq does not " +
                    "read (np.save writes protocol 2 or 3)");
            while (true)
            {
                _opStart = _pos;
                byte code = TakeByte("an opcode");
                if (!Enum.IsDefined((PickleOpcode)code))
                    throw Malformed($"byte 0x{code:X2} at byte offset {startOffset + _opStart} is not a pickle opcode");
                _op = (PickleOpcode)code;
                if (_op == PickleOpcode.Stop)
                {
                    if (_marks.Count > 0 || _stack.Count != 1)
                        throw Malformed($"{Here()} finds {_stack.Count} values and {_marks.Count} open marks; a " +
                            "complete pickle leaves exactly one value");
                    if (_pos != _input.Length)
                        throw Malformed($"{_input.Length - _pos} bytes follow {Name()} at byte offset " +
                            $"{startOffset + _opStart}, the end of the pickle");
                    return _stack[0];
                }
                Execute();
            }
        }

        private void Execute()
        {
            switch (_op)
            {
                case PickleOpcode.Proto:
                    byte protocol = TakeByte("the protocol number");
                    if (protocol is < 2 or > 5)
                        throw Malformed(
                            $"{Here()} announces pickle protocol {protocol}; DeepSeq reads protocols 2 to 5");
                    break;
                case PickleOpcode.Frame:
                    // A frame only groups opcodes for buffered reading; its length must still fit in what remains.
                    ulong frame = BinaryPrimitives.ReadUInt64LittleEndian(Take(8, "the frame length"));
                    if (frame > (ulong)(_input.Length - _pos))
                        throw Malformed(
                            $"truncated: {Name()} declares {frame} bytes but only {_input.Length - _pos} remain");
                    break;

                case PickleOpcode.Mark: _marks.Add(_stack.Count); break;
                case PickleOpcode.None: Push(NoneValue.Instance); break;
                case PickleOpcode.NewTrue: Push(true); break;
                case PickleOpcode.NewFalse: Push(false); break;

                case PickleOpcode.BinInt1: Push(SmallInt(TakeByte("the int"))); break;
                case PickleOpcode.BinInt2:
                    Push(SmallInt(BinaryPrimitives.ReadUInt16LittleEndian(Take(2, "the int"))));
                    break;
                case PickleOpcode.BinInt: Push((long)BinaryPrimitives.ReadInt32LittleEndian(Take(4, "the int"))); break;
                case PickleOpcode.Long1: Push(LittleEndianInt(Take(TakeByte("the length"), "the int"))); break;
                case PickleOpcode.Long4: Push(LittleEndianInt(Take(Int32Length(), "the int"))); break;

                case PickleOpcode.ShortBinUnicode: Push(Utf8(Take(TakeByte("the length"), "the string"))); break;
                case PickleOpcode.BinUnicode: Push(Utf8(Take(UInt32Length(), "the string"))); break;
                case PickleOpcode.ShortBinBytes: Push(Take(TakeByte("the length"), "the bytes").ToArray()); break;
                case PickleOpcode.BinBytes: Push(Take(UInt32Length(), "the bytes").ToArray()); break;
                // Python 2's str: raw bytes, read as Python 3 does with np.load's default encoding (the 'b' argument
                // is ASCII).
                case PickleOpcode.ShortBinString: Push(Take(TakeByte("the length"), "the string").ToArray()); break;
                case PickleOpcode.BinString: Push(Take(Int32Length(), "the string").ToArray()); break;

                case PickleOpcode.EmptyTuple: Push(Array.Empty<object>()); break;
                case PickleOpcode.Tuple1: Push(PopItems(1)); break;
                case PickleOpcode.Tuple2: Push(PopItems(2)); break;
                case PickleOpcode.Tuple3: Push(PopItems(3)); break;
                case PickleOpcode.Tuple: Push(PopToMark()); break;
                case PickleOpcode.EmptyList: Push(new List<object>()); break;
                case PickleOpcode.Append: { object item = Pop(); AsList(Peek()).Add(item); break; }
                case PickleOpcode.Appends: { object[] items = PopToMark(); AsList(Peek()).AddRange(items); break; }

                case PickleOpcode.BinPut: _memo[TakeByte("the memo index")] = Peek(); break;
                case PickleOpcode.LongBinPut:
                    _memo[BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "the memo index"))] = Peek();
                    break;
                case PickleOpcode.Memoize: _memo[_memo.Count] = Peek(); break;
                case PickleOpcode.BinGet: Push(Recall(TakeByte("the memo index"))); break;
                case PickleOpcode.LongBinGet:
                    Push(Recall(BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "the memo index"))));
                    break;

                case PickleOpcode.Global:
                {
                    string module = Line("the module name"), name = Line("the global name");
                    Push(Resolve(module, name));
                    break;
                }
                case PickleOpcode.StackGlobal:
                {
                    object name = Pop(), module = Pop();
                    if (module is not string m || name is not string n)
                        throw Malformed($"{Here()} needs a module name and a global name (two strings) on the stack");
                    Push(Resolve(m, n));
                    break;
                }
                case PickleOpcode.Reduce:
                {
                    object args = Pop(), callable = Pop();
                    Push(Call(callable, args as object[] ?? throw Malformed(
                        $"{Here()} needs an argument tuple, found {Describe(args)}")));
                    break;
                }
                case PickleOpcode.Build:
                {
                    object state = Pop();
                    SetState(Peek(), state);
                    break;
                }

                default:
                    throw Malformed($"{Here()} is not supported: DeepSeq's unpickler reads only what " +
                        "NumPy writes for an object array of int lists");
            }
        }

        // --- what the whitelisted callables would do, as data -------------------------------------------------------

        private GlobalValue Resolve(string module, string name)
        {
            string full = module + "." + name;
            if (!AllowedGlobals.Contains(full))
                throw Malformed($"{Here()} names the global '{full}', which DeepSeq refuses to " +
                    $"resolve: a pickle may only name {string.Join(", ", AllowedGlobals)} (unpickling anything else " +
                    "could run arbitrary code)");
            return new GlobalValue(full);
        }

        private object Call(object callable, object[] args)
        {
            string name = (callable as GlobalValue)?.Name ?? throw Malformed(
                $"{Here()} calls {Describe(callable)}, which is not a callable");
            switch (name)
            {
                case "numpy.dtype":
                    // numpy.dtype('O8', False, True): the descr, align and copy flags (0/1 in old NumPy versions).
                    // Python 2 passed the descr as a str of bytes (SHORT_BINSTRING); Python 3 as a str.
                    string? descr = args is [string text3, _, _] ? text3
                        : args is [byte[] text2, _, _] ? Encoding.ASCII.GetString(text2)
                        : null;
                    return descr is null
                        ? throw Malformed(
                            $"{Here()} calls numpy.dtype with {args.Length} arguments; expected (descr, align, copy)")
                        : new DtypeValue(descr);
                case "_codecs.encode":
                    // Protocol 2 from Python 3 writes bytes b as _codecs.encode(b.decode('latin1'), 'latin1').
                    if (args is not [string text, "latin1" or "latin-1"])
                        throw Malformed($"{Here()} calls _codecs.encode with arguments other than (str, 'latin1')");
                    return Encoding.Latin1.GetBytes(text);
                case "numpy.ndarray":
                    throw Malformed(
                        $"{Here()} calls numpy.ndarray directly; NumPy pickles arrays through _reconstruct");
                case "numpy.core.multiarray._reconstruct" or "numpy._core.multiarray._reconstruct":
                    // _reconstruct(numpy.ndarray, (0,), b'b'): an empty array of the ndarray class, filled in by BUILD.
                    if (args.Length != 3 || args[0] is not GlobalValue { Name: "numpy.ndarray" })
                        throw Malformed($"{Here()} calls {name} on something other than " +
                            "(numpy.ndarray, shape, dtype); subclasses of ndarray are not read");
                    return new ArrayValue();
                default:
                    throw Malformed($"{Here()} calls {name}, which DeepSeq's unpickler does not model");
            }
        }

        private void SetState(object target, object state)
        {
            if (state is not object[] fields)
                throw Malformed($"{Here()} applies {Describe(state)} as a state; NumPy's states are tuples");
            switch (target)
            {
                case DtypeValue:
                    // (version, byte order, subarray, names, fields, elsize, alignment, flags): nothing DeepSeq needs
                    break;
                case ArrayValue array:
                    // (version, shape, dtype, is_fortran, data); NumPy before 1.0 wrote the same without the version.
                    object[] s = fields.Length == 5 ? fields[1..] : fields;
                    if (s.Length != 4 || s[0] is not object[] shape || s[1] is not DtypeValue dtype || s[2] is not bool)
                        throw Malformed($"{Here()} gives the array a state of {fields.Length} fields; expected " +
                            "(version, shape, dtype, is_fortran, data)");
                    array.Shape = new long[shape.Length];
                    for (int d = 0; d < shape.Length; d++)
                        array.Shape[d] = shape[d] is long n && n >= 0 ? n : throw Malformed(
                            $"{Here()} gives the array a shape holding {Describe(shape[d])}");
                    if (dtype.Descr is not ("O8" or "O4"))
                        throw Malformed($"{Here()} builds an array of dtype '{dtype.Descr}'; " +
                            "DeepSeq's unpickler reads only object arrays (O8)");
                    array.Elements = s[3] as List<object> ?? throw Malformed(
                        $"{Here()} gives the object array its elements as {Describe(s[3])}; expected a list");
                    break;
                default:
                    throw Malformed(
                        $"{Here()} sets the state of {Describe(target)}; only NumPy arrays and dtypes are built");
            }
        }

        // --- the stack, the memo and the input -----------------------------------------------------------------------

        private void Push(object value) => _stack.Add(value);

        private object Peek()
        {
            if (_stack.Count == 0 || (_marks.Count > 0 && _marks[^1] == _stack.Count))
                throw Malformed($"{Here()} needs a value on the stack, but it is " +
                    $"empty{(_stack.Count > 0 ? " above the topmost mark" : "")}");
            return _stack[^1];
        }

        private object Pop()
        {
            object top = Peek();
            _stack.RemoveAt(_stack.Count - 1);
            return top;
        }

        private object[] PopItems(int count)
        {
            int floor = _marks.Count > 0 ? _marks[^1] : 0;
            if (_stack.Count - floor < count)
                throw Malformed($"{Here()} needs {count} values on the stack, but it holds {_stack.Count - floor}");
            object[] items = [.. _stack.GetRange(_stack.Count - count, count)];
            _stack.RemoveRange(_stack.Count - count, count);
            return items;
        }

        private object[] PopToMark()
        {
            if (_marks.Count == 0) throw Malformed($"{Here()} needs a MARK below its items, but none is open");
            int mark = _marks[^1];
            _marks.RemoveAt(_marks.Count - 1);
            object[] items = [.. _stack.GetRange(mark, _stack.Count - mark)];
            _stack.RemoveRange(mark, _stack.Count - mark);
            return items;
        }

        private List<object> AsList(object value)
            => value as List<object> ?? throw Malformed($"{Here()} appends to {Describe(value)}; only lists are built");

        private object Recall(long index)
            => _memo.TryGetValue(index, out var value) ? value : throw Malformed(
                $"{Here()} recalls memo entry {index}, which was never stored");

        private byte TakeByte(string what) => Take(1, what)[0];

        /// <summary>The next <paramref name="count"/> bytes, checked against the end before anything is
        /// allocated.</summary>
        private ReadOnlySpan<byte> Take(long count, string what)
        {
            if (count > _input.Length - _pos)
            {
                string missing = _pos == _opStart
                    ? "the pickle ends without a STOP opcode"
                    : $"{Name()} at byte offset {startOffset + _opStart} needs {count} bytes for {what} " +
                      $"but only {_input.Length - _pos} remain";
                throw Malformed($"truncated: {missing}");
            }
            var bytes = _input.Slice(_pos, (int)count);
            _pos += (int)count;
            return bytes;
        }

        private long Length(long declared)
            => declared >= 0 ? declared : throw Malformed($"{Here()} declares the negative length {declared}");

        /// <summary>The signed 4-byte length before a LONG4 or BINSTRING payload.</summary>
        private long Int32Length() => Length(BinaryPrimitives.ReadInt32LittleEndian(Take(4, "the length")));

        /// <summary>The unsigned 4-byte length before a BINUNICODE or BINBYTES payload.</summary>
        private long UInt32Length() => Length(BinaryPrimitives.ReadUInt32LittleEndian(Take(4, "the length")));

        /// <summary>A newline-terminated ASCII argument (GLOBAL's module and name).</summary>
        private string Line(string what)
        {
            int end = _input[_pos..].IndexOf((byte)'\n');
            if (end < 0)
                throw Malformed(
                    $"truncated: {Name()} at byte offset {startOffset + _opStart} needs {what} ended by a newline");
            string line = Encoding.ASCII.GetString(Take(end, what));
            _pos++;   // the newline
            return line;
        }

        private string Utf8(ReadOnlySpan<byte> bytes)
        {
            try { return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
            catch (DecoderFallbackException) { throw Malformed($"{Here()} holds a string that is not valid UTF-8"); }
        }

        /// <summary>LONG1/LONG4's little-endian two's complement; ints wider than 64 bits are beyond any word
        /// index.</summary>
        private long LittleEndianInt(ReadOnlySpan<byte> bytes)
        {
            if (bytes.Length > 8)
                throw Malformed($"{Here()} holds a {bytes.Length}-byte integer, beyond the 64-bit range");
            long value = 0;
            for (int i = bytes.Length - 1; i >= 0; i--) value = (value << 8) | bytes[i];
            if (bytes.Length is > 0 and < 8 && (bytes[^1] & 0x80) != 0)
                value -= 1L << (8 * bytes.Length);   // sign bit set: the value is negative
            return value;
        }

        private string Name() => _op.PythonName;
        private string Here() => $"{Name()} at byte offset {startOffset + _opStart}";
        // Every error is a DataFormatException whose position is the opcode's byte offset.
        private DataFormatException Malformed(string message)
            => FormatInput.Malformed(source, $"byte {startOffset + _opStart:N0}",
                message);
    }

    /// <summary>Checks that the machine built the array described in the remarks and copies out its ints.</summary>
    private static int[][] ToIntLists(object result, string source)
    {
        if (result is not ArrayValue { Shape: long[] shape, Elements: List<object> elements })
            throw FormatInput.Malformed(source, "header",
                $"the pickle holds {Describe(result)}; expected a NumPy object array");
        if (shape.Length != 1)
            throw FormatInput.Malformed(source, "header", "the pickled object array has shape " +
                $"{FormatInput.FormatDims(shape)}; only 1-D arrays of lists are read");
        if (shape[0] != elements.Count)
            throw FormatInput.Malformed(source, "header",
                $"the pickled array's shape {FormatInput.FormatDims(shape)} " +
                $"disagrees with its {elements.Count} elements");

        var converted = new Dictionary<List<object>, int[]>(ReferenceEqualityComparer.Instance);
        var rows = new int[elements.Count][];
        for (int i = 0; i < rows.Length; i++)
        {
            if (elements[i] is not List<object> list)
                throw FormatInput.Malformed(source, $"element {i}",
                    $"element {i} of the pickled array is {Describe(elements[i])}; expected a list of ints");
            if (converted.TryGetValue(list, out var done)) { rows[i] = done; continue; }
            var row = new int[list.Count];
            for (int j = 0; j < row.Length; j++)
                row[j] = list[j] switch
                {
                    long v when v is >= int.MinValue and <= int.MaxValue => (int)v,
                    long v => throw FormatInput.Malformed(source, $"element {i}",
                        $"element {i} of the pickled array holds {v} at position {j}, outside the int range"),
                    var other => throw FormatInput.Malformed(source, $"element {i}",
                        "the pickled array holds " +
                        $"{Describe(other)} at position {j}; expected ints only"),
                };
            rows[i] = converted[list] = row;
        }
        return rows;
    }

    /// <summary>A value as Python would name its type, for messages.</summary>
    private static string Describe(object value) => value switch
    {
        long n => $"the int {n}",
        bool b => b ? "True" : "False",
        string s => $"the str '{(s.Length > 40 ? s[..40] + "…" : s)}'",
        byte[] => "a bytes object",
        object[] t => $"a {t.Length}-tuple",
        List<object> l => $"a list of {l.Count} items",
        NoneValue => "None",
        GlobalValue g => $"the global {g.Name}",
        DtypeValue d => $"a numpy.dtype('{d.Descr}')",
        ArrayValue => "a numpy.ndarray",
        _ => value.GetType().Name,
    };
}
