namespace DeepSeq.Kernels;

/// <summary>
/// The sizes of one 2-d convolution or pooling window over channels-last (NHWC) buffers, as both the CPU and
/// the GPU kernels receive them: input x (Batch, InH, InW, InC), kernel w (KH, KW, InC, OutC), output
/// y (Batch, OutH, OutW, OutC), all dense and row-major. A 1-d convolution is the case InH = KH = 1.
/// </summary>
/// <remarks>
/// Output pixel (oh, ow) reads input rows ih = oh·StrideH − PadTop + kh·DilationH for kh = 0 … KH−1, and
/// columns iw = ow·StrideW − PadLeft + kw·DilationW; a position outside the input is a zero (for max pooling,
/// it is skipped). The padding after the input (bottom, right) only enters through OutH and OutW:
/// OutH = ⌊(InH + PadTop + PadBottom − DilationH·(KH − 1) − 1) / StrideH⌋ + 1, likewise OutW.
/// For pooling, KH × KW is the pool window and OutC = InC (each channel pooled alone).
/// A plain struct of ints, so that ILGPU kernels take it by value.
/// </remarks>
public readonly struct ConvGeometry
{
    /// <summary>Images in the batch.</summary>
    public readonly int Batch;
    /// <summary>Input height, width and channels.</summary>
    public readonly int InH, InW, InC;
    /// <summary>Kernel (or pool window) height and width.</summary>
    public readonly int KH, KW;
    /// <summary>Output channels (filters); InC for pooling.</summary>
    public readonly int OutC;
    /// <summary>Steps between output pixels, in input pixels.</summary>
    public readonly int StrideH, StrideW;
    /// <summary>Steps between kernel taps, in input pixels (1 = dense kernel).</summary>
    public readonly int DilationH, DilationW;
    /// <summary>Zero rows above and zero columns left of the input.</summary>
    public readonly int PadTop, PadLeft;
    /// <summary>Output height and width.</summary>
    public readonly int OutH, OutW;

    private ConvGeometry(int batch, int inH, int inW, int inC, int kh, int kw, int outC, int strideH, int strideW,
        int dilationH, int dilationW, int padTop, int padLeft, int outH, int outW)
    {
        Batch = batch; InH = inH; InW = inW; InC = inC; KH = kh; KW = kw; OutC = outC;
        StrideH = strideH; StrideW = strideW; DilationH = dilationH; DilationW = dilationW;
        PadTop = padTop; PadLeft = padLeft; OutH = outH; OutW = outW;
    }

    /// <summary>
    /// Checks the sizes and computes the output size; <paramref name="op"/> names the operation in the
    /// <see cref="ArgumentException"/> thrown for a negative size, a stride or dilation below 1, or a kernel
    /// that does not fit in the padded input.
    /// </summary>
    public static ConvGeometry Create(string op, int batch, int inH, int inW, int inC, int kh, int kw, int outC,
        (int H, int W) strides, (int H, int W) dilation, (int Top, int Bottom, int Left, int Right) padding)
    {
        if (batch < 0 || inH < 0 || inW < 0 || inC < 0 || outC < 0)
            throw new ArgumentException($"{op}: sizes must be ≥ 0, got input ({batch}, {inH}, {inW}, {inC}) " +
                                        $"and {outC} output channels");
        if (kh < 1 || kw < 1)
            throw new ArgumentException($"{op}: the window must be at least 1 × 1, got {kh} × {kw}");
        if (strides.H < 1 || strides.W < 1 || dilation.H < 1 || dilation.W < 1)
            throw new ArgumentException($"{op}: strides and dilation must be ≥ 1, got strides {strides} and " +
                                        $"dilation {dilation}");
        if (padding.Top < 0 || padding.Bottom < 0 || padding.Left < 0 || padding.Right < 0)
            throw new ArgumentException($"{op}: padding must be ≥ 0, got {padding}");
        long spanH = (long)dilation.H * (kh - 1) + 1, spanW = (long)dilation.W * (kw - 1) + 1;
        long paddedH = (long)inH + padding.Top + padding.Bottom, paddedW = (long)inW + padding.Left + padding.Right;
        if (spanH > paddedH || spanW > paddedW)
            throw new ArgumentException($"{op}: a {kh} × {kw} window (dilation {dilation}, spanning {spanH} × " +
                                        $"{spanW}) is larger than the padded input {paddedH} × {paddedW} " +
                                        $"(input {inH} × {inW}, padding {padding})");
        int outH = (int)((paddedH - spanH) / strides.H + 1), outW = (int)((paddedW - spanW) / strides.W + 1);
        var g = new ConvGeometry(batch, inH, inW, inC, kh, kw, outC, strides.H, strides.W, dilation.H, dilation.W,
            padding.Top, padding.Left, outH, outW);
        if (g.InputSize > Array.MaxLength || g.OutputSize > Array.MaxLength
            || (long)kh * kw * inC * outC > Array.MaxLength)
            throw new ArgumentException($"{op}: {g} has more elements than an array can hold");
        return g;
    }

    /// <summary>Elements of x: Batch·InH·InW·InC.</summary>
    public long InputSize => (long)Batch * InH * InW * InC;

    /// <summary>Elements of y: Batch·OutH·OutW·OutC.</summary>
    public long OutputSize => (long)Batch * OutH * OutW * OutC;

    /// <summary>Elements of w: KH·KW·InC·OutC.</summary>
    public int KernelSize => KH * KW * InC * OutC;

    /// <summary>Length of one receptive field (a row of the im2col matrix, a column of w seen as a matrix):
    /// KH·KW·InC.</summary>
    public int PatchSize => KH * KW * InC;

    /// <summary>Output pixels over the batch (rows of the im2col matrix): Batch·OutH·OutW.</summary>
    public int OutputPixels => Batch * OutH * OutW;

    /// <summary>The input pixel (ih, iw) that tap (kh, kw) of output pixel (oh, ow) reads; false where that is
    /// padding.</summary>
    public bool Tap(int oh, int ow, int kh, int kw, out int ih, out int iw)
    {
        ih = oh * StrideH - PadTop + kh * DilationH;
        iw = ow * StrideW - PadLeft + kw * DilationW;
        return (uint)ih < (uint)InH && (uint)iw < (uint)InW;
    }

    /// <summary>The output pixel (oh, ow) whose tap (kh, kw) reads input pixel (ih, iw); false where there is none
    /// (the inverse of <see cref="Tap"/>, for kernels that run one thread per input element).</summary>
    public bool OutputOf(int ih, int iw, int kh, int kw, out int oh, out int ow)
    {
        int th = ih + PadTop - kh * DilationH, tw = iw + PadLeft - kw * DilationW;
        oh = th / StrideH;
        ow = tw / StrideW;
        return th >= 0 && tw >= 0 && th % StrideH == 0 && tw % StrideW == 0 && oh < OutH && ow < OutW;
    }

    /// <summary>Taps of output pixel (oh, ow) that lie inside the input (the divisor of average pooling).</summary>
    public int TapsInside(int oh, int ow)
    {
        int count = 0;
        for (int kh = 0; kh < KH; kh++)
        for (int kw = 0; kw < KW; kw++)
            if (Tap(oh, ow, kh, kw, out _, out _)) count++;
        return count;
    }

    /// <summary>Position of x[b, ih, iw, ic] in the dense buffer.</summary>
    public int InputIndex(int b, int ih, int iw, int ic) => ((b * InH + ih) * InW + iw) * InC + ic;

    /// <summary>Position of y[b, oh, ow, oc] in the dense buffer.</summary>
    public int OutputIndex(int b, int oh, int ow, int oc) => ((b * OutH + oh) * OutW + ow) * OutC + oc;

    /// <summary>Position of w[kh, kw, ic, oc] in the dense buffer.</summary>
    public int KernelIndex(int kh, int kw, int ic, int oc) => ((kh * KW + kw) * InC + ic) * OutC + oc;

    /// <inheritdoc/>
    public override string ToString() =>
        $"x ({Batch}, {InH}, {InW}, {InC}), window {KH} × {KW}, {OutC} out, strides ({StrideH}, {StrideW}), " +
        $"dilation ({DilationH}, {DilationW}), pad top/left ({PadTop}, {PadLeft}) → y ({Batch}, {OutH}, {OutW}, " +
        $"{OutC})";
}
