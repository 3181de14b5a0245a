using System.Text;
using System.Text.Json;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace MultiLabel.Training;

/// <summary>
/// A training checkpoint in one file, written atomically: a magic tag (MLCCKPT2), the <see cref="TrainingState"/> as JSON,
/// the model's parameters and buffers, then the optimizer's state (AdamW moments and step counts). A crash while
/// writing leaves the previous checkpoint intact.
/// Taught in notebooks/07-training.ipynb.
/// </summary>
public static class Checkpoint
{
    private static readonly byte[] Magic = "MLCCKPT2"u8.ToArray();

    /// <summary>Writes a checkpoint to <paramref name="path"/> atomically.</summary>
    public static void Save(string path, nn.Module model, OptimizerHelper optimizer, TrainingState state)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        ArgumentNullException.ThrowIfNull(state);
        var json = Encoding.UTF8.GetBytes(JsonSerializer.Serialize(state, RunDirectory.Json));
        AtomicFile.Write(path, temp =>
        {
            using var stream = AtomicFile.Create(temp);
            using var writer = new BinaryWriter(stream);
            writer.Write(Magic);
            writer.Write(json.Length);
            writer.Write(json);
            model.save(writer);
            optimizer.save_state_dict(writer);
        });
    }

    /// <summary>Reads only the training state of a checkpoint.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint; the message names it.</exception>
    public static TrainingState ReadState(string path)
    {
        using var stream = OpenRead(path);
        using var reader = new BinaryReader(stream);
        return ReadHeader(reader, path);
    }

    /// <summary>Restores <paramref name="model"/> and <paramref name="optimizer"/> from a checkpoint and returns its state.</summary>
    /// <exception cref="InvalidDataException">The file is not a checkpoint or does not fit the model; the message names it.</exception>
    public static TrainingState Load(string path, nn.Module model, OptimizerHelper optimizer)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(optimizer);
        using var stream = OpenRead(path);
        using var reader = new BinaryReader(stream);
        var state = ReadHeader(reader, path);
        try
        {
            model.load(reader, strict: true);
            optimizer.load_state_dict(reader);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or EndOfStreamException or IOException)
        {
            throw new InvalidDataException($"Checkpoint '{path}' does not fit this model and optimizer: {ex.Message}", ex);
        }

        return state;
    }

    private static FileStream OpenRead(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"Checkpoint '{path}' does not exist.", path);
        }

        return File.OpenRead(path);
    }

    private static TrainingState ReadHeader(BinaryReader reader, string path)
    {
        try
        {
            var magic = reader.ReadBytes(Magic.Length);
            if (magic.AsSpan().SequenceEqual("MLCCKPT1"u8))
            {
                throw new InvalidDataException(
                    $"Checkpoint '{path}' was written by an earlier version of mlc, whose checkpoints this version cannot continue: start the run again.");
            }

            if (!magic.AsSpan().SequenceEqual(Magic))
            {
                throw new InvalidDataException($"'{path}' is not an mlc checkpoint (it does not start with MLCCKPT2).");
            }

            int length = reader.ReadInt32();
            if (length <= 0 || length > 256 << 20)
            {
                throw new InvalidDataException($"Checkpoint '{path}' has an implausible header length {length}.");
            }

            return JsonSerializer.Deserialize<TrainingState>(reader.ReadBytes(length), RunDirectory.Json)
                ?? throw new InvalidDataException($"Checkpoint '{path}' has an empty header.");
        }
        catch (Exception ex) when (ex is EndOfStreamException or JsonException)
        {
            throw new InvalidDataException($"Checkpoint '{path}' is truncated or corrupt: {ex.Message}", ex);
        }
    }
}
