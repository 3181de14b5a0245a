using TorchSharp;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace MultiLabel.Augment;

/// <summary>
/// The deterministic image operations behind the transforms, with torchvision's semantics
/// (torchvision.transforms.functional on tensors). Images are float32 [C,H,W] or [N,C,H,W] with values in [0,1];
/// colour operations need C = 3. Every function returns a new tensor and leaves its input unchanged.
/// </summary>
public static class ImageFunctions
{
    /// <summary>torchvision's grayscale weights (ITU-R 601-2 luma, as in PIL).</summary>
    public static readonly (float R, float G, float B) LumaWeights = (0.2989f, 0.587f, 0.114f);

    /// <summary>Mirrors left to right.</summary>
    public static Tensor HorizontalFlip(Tensor image) => Checked(image).flip(-1);

    /// <summary>Mirrors top to bottom.</summary>
    public static Tensor VerticalFlip(Tensor image) => Checked(image).flip(-2);

    /// <summary>Rotates by <paramref name="quarterTurns"/> x 90 degrees counter-clockwise (as displayed, y down); exact, no resampling.</summary>
    public static Tensor Rotate90(Tensor image, int quarterTurns)
    {
        int k = ((quarterTurns % 4) + 4) % 4;
        return k == 0 ? Checked(image).alias() : Checked(image).rot90(k, (-2, -1));
    }

    /// <summary>
    /// Rotates by <paramref name="degrees"/> counter-clockwise about the image centre, keeping the size
    /// (torchvision <c>rotate(img, angle, interpolation, expand=False, fill=fill)</c>): pixels that come from outside
    /// the image get <paramref name="fill"/> (one value per channel, or one for all).
    /// </summary>
    public static Tensor Rotate(Tensor image, double degrees, Interpolation interpolation = Interpolation.Nearest, params float[] fill)
    {
        Checked(image);
        ArgumentNullException.ThrowIfNull(fill);
        using var scope = NewDisposeScope();
        bool batched = image.dim() == 4;
        var x = batched ? image : image.unsqueeze(0);
        long n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3];
        var fillValues = FillVector(fill, c);

        // torchvision _get_inverse_affine_matrix(center=0, angle=-degrees, translate=0, scale=1, shear=0).
        double rot = -degrees * Math.PI / 180.0;
        double cos = Math.Cos(rot), sin = Math.Sin(rot);
        var theta = tensor(new float[] { (float)cos, (float)sin, 0f, (float)-sin, (float)cos, 0f }, [1, 2, 3]);

        // torchvision _gen_affine_grid: pixel-centre coordinates relative to the centre, rescaled to [-1, 1].
        var baseGrid = empty(1, h, w, 3);
        baseGrid[TensorIndex.Ellipsis, 0].copy_(linspace((-w * 0.5) + 0.5, (w * 0.5) + 0.5 - 1, w));
        baseGrid[TensorIndex.Ellipsis, 1].copy_(linspace((-h * 0.5) + 0.5, (h * 0.5) + 0.5 - 1, h).unsqueeze(-1));
        baseGrid[TensorIndex.Ellipsis, 2].fill_(1);
        var rescaled = theta.transpose(1, 2) / tensor(new float[] { 0.5f * w, 0.5f * h });
        var grid = baseGrid.view(1, h * w, 3).bmm(rescaled).view(1, h, w, 2).expand(n, h, w, 2);

        // Sample the image plus a channel of ones: where the ones fall off the image, use the fill.
        var withMask = cat([x, ones(n, 1, h, w, dtype: x.dtype, device: x.device)], 1);
        var mode = interpolation == Interpolation.Nearest ? GridSampleMode.Nearest : GridSampleMode.Bilinear;
        var sampled = grid_sample(withMask, grid.to(x.dtype), mode, GridSamplePaddingMode.Zeros, align_corners: false);
        var rotated = sampled.narrow(1, 0, c);
        var mask = sampled.narrow(1, c, 1).expand_as(rotated);
        var fillImage = tensor(fillValues, dtype: x.dtype, device: x.device).view(1, c, 1, 1).expand_as(rotated);
        var result = interpolation == Interpolation.Nearest
            ? where(mask < 0.5, fillImage, rotated)
            : (rotated * mask) + ((1.0 - mask) * fillImage);
        return (batched ? result : result.squeeze(0)).MoveToOuterDisposeScope();
    }

    /// <summary>Crops the rectangle at (<paramref name="top"/>, <paramref name="left"/>) of the given size; it must lie inside the image.</summary>
    public static Tensor Crop(Tensor image, int top, int left, int height, int width)
    {
        Checked(image);
        long h = image.shape[^2], w = image.shape[^1];
        if (top < 0 || left < 0 || height <= 0 || width <= 0 || top + height > h || left + width > w)
        {
            throw new ArgumentOutOfRangeException(nameof(top), $"Crop {height}x{width} at ({top}, {left}) does not fit in a {h}x{w} image.");
        }

        return image.narrow(-2, top, height).narrow(-1, left, width);
    }

    /// <summary>
    /// Crops the central <paramref name="height"/> x <paramref name="width"/> region (torchvision <c>center_crop</c>:
    /// offsets round half to even; a crop larger than the image pads it with zeros first).
    /// </summary>
    public static Tensor CenterCrop(Tensor image, int height, int width)
    {
        Checked(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        using var scope = NewDisposeScope();
        var x = image;
        long h = x.shape[^2], w = x.shape[^1];
        if (height > h || width > w)
        {
            long padLeft = width > w ? (width - w) / 2 : 0, padTop = height > h ? (height - h) / 2 : 0;
            long padRight = width > w ? (width - w + 1) / 2 : 0, padBottom = height > h ? (height - h + 1) / 2 : 0;
            x = pad(x, [padLeft, padRight, padTop, padBottom], PaddingModes.Constant, 0);
            h = x.shape[^2];
            w = x.shape[^1];
        }

        int top = (int)Math.Round((h - height) / 2.0, MidpointRounding.ToEven);
        int left = (int)Math.Round((w - width) / 2.0, MidpointRounding.ToEven);
        return x.narrow(-2, top, height).narrow(-1, left, width).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Resizes to exactly <paramref name="height"/> x <paramref name="width"/> (torchvision <c>resize</c> on tensors:
    /// <c>interpolate(..., align_corners=False, antialias=antialias)</c>). With antialiasing, downscaling averages
    /// over the footprint of each output pixel as PIL does, instead of skipping pixels.
    /// </summary>
    public static Tensor Resize(Tensor image, int height, int width, Interpolation interpolation = Interpolation.Bilinear, bool antialias = true)
    {
        Checked(image);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        if (image.shape[^2] == height && image.shape[^1] == width)
        {
            return image.alias();
        }

        using var scope = NewDisposeScope();
        bool batched = image.dim() == 4;
        var x = batched ? image : image.unsqueeze(0);
        var resized = interpolation == Interpolation.Bilinear
            ? interpolate(x, [height, width], mode: InterpolationMode.Bilinear, align_corners: false, antialias: antialias)
            : interpolate(x, [height, width], mode: InterpolationMode.Nearest);
        return (batched ? resized : resized.squeeze(0)).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// The output size of torchvision's <c>Resize(size)</c> with one number: the shorter side becomes
    /// <paramref name="shorterSide"/>, the longer one keeps the aspect ratio (truncated).
    /// </summary>
    public static (int Height, int Width) ShorterSideSize(long height, long width, int shorterSide)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(shorterSide);
        return width <= height
            ? ((int)(shorterSide * height / width), shorterSide)
            : (shorterSide, (int)(shorterSide * width / height));
    }

    /// <summary>Crops then resizes (torchvision <c>resized_crop</c>).</summary>
    public static Tensor ResizedCrop(Tensor image, int top, int left, int height, int width, int outHeight, int outWidth, bool antialias = true)
    {
        using var scope = NewDisposeScope();
        var crop = Crop(image, top, left, height, width);
        return Resize(crop, outHeight, outWidth, Interpolation.Bilinear, antialias).MoveToOuterDisposeScope();
    }

    /// <summary>Luma [..,1,H,W] = 0.2989 R + 0.587 G + 0.114 B (torchvision <c>rgb_to_grayscale</c>).</summary>
    public static Tensor Grayscale(Tensor image)
    {
        CheckedRgb(image);
        using var scope = NewDisposeScope();
        var (r, g, b) = Channels(image);
        return ((r * LumaWeights.R) + (g * LumaWeights.G) + (b * LumaWeights.B)).MoveToOuterDisposeScope();
    }

    /// <summary>clamp(image x factor, 0, 1): 0 gives black, 1 the original (torchvision <c>adjust_brightness</c>).</summary>
    public static Tensor AdjustBrightness(Tensor image, double factor)
    {
        CheckFactor(factor, nameof(factor));
        return Checked(image).mul(factor).clamp_(0, 1);
    }

    /// <summary>
    /// clamp(factor x image + (1 - factor) x mean luma of the image, 0, 1): 0 gives a uniform grey, 1 the original
    /// (torchvision <c>adjust_contrast</c>; the mean is per image).
    /// </summary>
    public static Tensor AdjustContrast(Tensor image, double factor)
    {
        CheckFactor(factor, nameof(factor));
        using var scope = NewDisposeScope();
        var mean = Grayscale(image).mean([-3, -2, -1], keepdim: true);
        return Blend(image, mean, factor).MoveToOuterDisposeScope();
    }

    /// <summary>clamp(factor x image + (1 - factor) x its grayscale, 0, 1): 0 gives grey, 1 the original (torchvision <c>adjust_saturation</c>).</summary>
    public static Tensor AdjustSaturation(Tensor image, double factor)
    {
        CheckFactor(factor, nameof(factor));
        using var scope = NewDisposeScope();
        return Blend(image, Grayscale(image), factor).MoveToOuterDisposeScope();
    }

    /// <summary>
    /// Shifts the hue by <paramref name="shift"/> turns (in [-0.5, 0.5]) in HSV space, keeping saturation and value
    /// (torchvision <c>adjust_hue</c>).
    /// </summary>
    public static Tensor AdjustHue(Tensor image, double shift)
    {
        if (!(shift >= -0.5 && shift <= 0.5))
        {
            throw new ArgumentOutOfRangeException(nameof(shift), shift, "must be in [-0.5, 0.5]");
        }

        CheckedRgb(image);
        using var scope = NewDisposeScope();
        var (h, s, v) = RgbToHsv(image);
        var shifted = (h + shift).remainder(1.0);
        return HsvToRgb(shifted, s, v).MoveToOuterDisposeScope();
    }

    /// <summary>(image - mean[c]) / std[c] per channel, for [C,H,W] and [N,C,H,W] (torchvision <c>normalize</c>).</summary>
    public static Tensor Normalize(Tensor image, IReadOnlyList<float> mean, IReadOnlyList<float> std)
    {
        Checked(image);
        ArgumentNullException.ThrowIfNull(mean);
        ArgumentNullException.ThrowIfNull(std);
        long c = image.shape[^3];
        if (mean.Count != c || std.Count != c)
        {
            throw new ArgumentException($"The image has {c} channels but mean has {mean.Count} values and std {std.Count}.", nameof(mean));
        }

        if (std.Any(s => !(s != 0) || !float.IsFinite(s)))
        {
            throw new ArgumentException($"std must be finite and non-zero (got {string.Join(", ", std)}).", nameof(std));
        }

        using var scope = NewDisposeScope();
        var m = tensor(mean.ToArray(), dtype: image.dtype, device: image.device).view(-1, 1, 1);
        var s = tensor(std.ToArray(), dtype: image.dtype, device: image.device).view(-1, 1, 1);
        return ((image - m) / s).MoveToOuterDisposeScope();
    }

    /// <summary>RGB to HSV planes [..,1,H,W] each in [0,1] (torchvision <c>_rgb2hsv</c>).</summary>
    internal static (Tensor H, Tensor S, Tensor V) RgbToHsv(Tensor image)
    {
        var (r, g, b) = Channels(image);
        var maxc = r.maximum(g).maximum(b);
        var minc = r.minimum(g).minimum(b);
        var equal = maxc.eq(minc);
        var cr = maxc - minc;
        var one = ones_like(maxc);
        var s = cr / where(equal, one, maxc);
        var crDivisor = where(equal, one, cr);
        var rc = (maxc - r) / crDivisor;
        var gc = (maxc - g) / crDivisor;
        var bc = (maxc - b) / crDivisor;
        var isR = maxc.eq(r);
        var isG = maxc.eq(g).logical_and(isR.logical_not());
        var isB = maxc.ne(g).logical_and(isR.logical_not());
        var hr = isR.to(image.dtype) * (bc - gc);
        var hg = isG.to(image.dtype) * (rc - bc + 2.0);
        var hb = isB.to(image.dtype) * (gc - rc + 4.0);
        var h = ((hr + hg + hb) / 6.0 + 1.0).fmod(1.0);
        return (h, s, maxc);
    }

    /// <summary>HSV planes to RGB [..,3,H,W] (torchvision <c>_hsv2rgb</c>).</summary>
    internal static Tensor HsvToRgb(Tensor h, Tensor s, Tensor v)
    {
        var h6 = h * 6.0;
        var i = h6.floor();
        var f = h6 - i;
        var sector = i.to(ScalarType.Int32).remainder(6);
        var p = (v * (1.0 - s)).clamp(0, 1);
        var q = (v * (1.0 - (s * f))).clamp(0, 1);
        var t = (v * (1.0 - (s * (1.0 - f)))).clamp(0, 1);
        Tensor Pick(Tensor a0, Tensor a1, Tensor a2, Tensor a3, Tensor a4, Tensor a5) =>
            where(sector.eq(0), a0, where(sector.eq(1), a1, where(sector.eq(2), a2, where(sector.eq(3), a3, where(sector.eq(4), a4, a5)))));
        var r = Pick(v, q, p, p, t, v);
        var g = Pick(t, v, v, q, p, p);
        var b = Pick(p, p, t, v, v, q);
        return cat([r, g, b], -3);
    }

    private static Tensor Blend(Tensor image, Tensor other, double factor) => ((image * factor) + (other * (1.0 - factor))).clamp_(0, 1);

    /// <summary>The three channels as [..,1,H,W] views.</summary>
    private static (Tensor R, Tensor G, Tensor B) Channels(Tensor image) =>
        (image.narrow(-3, 0, 1), image.narrow(-3, 1, 1), image.narrow(-3, 2, 1));

    private static float[] FillVector(float[] fill, long channels)
    {
        if (fill.Length == 0)
        {
            return new float[channels];
        }

        if (fill.Length == 1)
        {
            return Enumerable.Repeat(fill[0], (int)channels).ToArray();
        }

        if (fill.Length != channels)
        {
            throw new ArgumentException($"fill has {fill.Length} values; give one or one per channel ({channels}).", nameof(fill));
        }

        return fill;
    }

    private static void CheckFactor(double factor, string name)
    {
        if (!(factor >= 0) || double.IsInfinity(factor))
        {
            throw new ArgumentOutOfRangeException(name, factor, "must be a finite number >= 0");
        }
    }

    private static Tensor Checked(Tensor image)
    {
        ArgumentNullException.ThrowIfNull(image);
        if (image.dim() is not (3 or 4))
        {
            throw new ArgumentException($"Expected an image [C,H,W] or a batch [N,C,H,W], got [{string.Join(",", image.shape)}].", nameof(image));
        }

        return image;
    }

    private static Tensor CheckedRgb(Tensor image)
    {
        Checked(image);
        if (image.shape[^3] != 3)
        {
            throw new ArgumentException($"Expected 3 colour channels, got {image.shape[^3]} (shape [{string.Join(",", image.shape)}]).", nameof(image));
        }

        return image;
    }
}
