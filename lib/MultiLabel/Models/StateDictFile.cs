using System.Collections;
using TorchSharp.PyBridge;
using static TorchSharp.torch;

namespace MultiLabel.Models;

/// <summary>
/// Reads a state dict (parameter key -> tensor) from a weight file: PyTorch's <c>torch.save(model.state_dict())</c>
/// (.pth, .pt; through TorchSharp.PyBridge), safetensors (.safetensors) or TorchSharp's own <c>module.save</c>
/// format (any other extension, e.g. .bin, .dat). A PyTorch checkpoint that wraps the state dict under
/// <c>state_dict</c> or <c>model</c>, and DataParallel's <c>module.</c> key prefix, are unwrapped.
/// Taught in notebooks/06-models.ipynb.
/// </summary>
public static class StateDictFile
{
    /// <summary>Reads every tensor of <paramref name="path"/> onto the CPU. The caller disposes the tensors.</summary>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a weight file of its kind; the message names it.</exception>
    public static Dictionary<string, Tensor> Read(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Weight file '{path}' does not exist.", path);
        }

        var extension = Path.GetExtension(path).ToLowerInvariant();
        Dictionary<string, Tensor> tensors;
        try
        {
            tensors = extension switch
            {
                ".pth" or ".pt" => FromPickle(PyTorchUnpickler.UnpickleStateDict(path), path),
                ".safetensors" => Safetensors.LoadStateDict(path),
                _ => ReadTorchSharp(path),
            };
        }
        catch (Exception ex) when (ex is not InvalidDataException and not OutOfMemoryException)
        {
            throw new InvalidDataException($"'{path}' is not a readable {Describe(extension)} weight file: {ex.Message}", ex);
        }

        return StripPrefix(tensors, "module.");
    }

    /// <summary>Reads TorchSharp's <c>module.save</c> format: a count, then (key, tensor) pairs.</summary>
    private static Dictionary<string, Tensor> ReadTorchSharp(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream);
        long count = DecodeLeb128(reader);
        if (count < 0 || count > 1_000_000)
        {
            throw new InvalidDataException($"'{path}' does not start with a plausible tensor count ({count}).");
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        for (long i = 0; i < count; i++)
        {
            string key = reader.ReadString();
            result[key] = Tensor.Load(reader);
        }

        if (stream.Position != stream.Length)
        {
            foreach (var t in result.Values)
            {
                t.Dispose();
            }

            throw new InvalidDataException($"'{path}' has {stream.Length - stream.Position} bytes after its {count} tensors.");
        }

        return result;
    }

    /// <summary>TorchSharp's variable-length integer: 7 bits per byte, low bits first, high bit = more.</summary>
    private static long DecodeLeb128(BinaryReader reader)
    {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7)
        {
            byte b = reader.ReadByte();
            value |= (long)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return value;
            }
        }

        throw new InvalidDataException("A length field is longer than 64 bits.");
    }

    private static Dictionary<string, Tensor> FromPickle(Hashtable table, string path)
    {
        foreach (var wrapper in new[] { "state_dict", "model" })
        {
            if (table.Count == 1 && table[wrapper] is Hashtable inner)
            {
                table = inner;
            }
        }

        var result = new Dictionary<string, Tensor>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in table)
        {
            if (entry.Value is not Tensor t)
            {
                throw new InvalidDataException($"'{path}': entry '{entry.Key}' is a {entry.Value?.GetType().Name ?? "null"}, not a tensor; save model.state_dict().");
            }

            result[(string)entry.Key] = t;
        }

        return result;
    }

    private static Dictionary<string, Tensor> StripPrefix(Dictionary<string, Tensor> tensors, string prefix)
    {
        if (tensors.Count == 0 || !tensors.Keys.All(k => k.StartsWith(prefix, StringComparison.Ordinal)))
        {
            return tensors;
        }

        return tensors.ToDictionary(kv => kv.Key[prefix.Length..], kv => kv.Value, StringComparer.Ordinal);
    }

    private static string Describe(string extension) => extension switch
    {
        ".pth" or ".pt" => "PyTorch",
        ".safetensors" => "safetensors",
        _ => "TorchSharp",
    };
}
