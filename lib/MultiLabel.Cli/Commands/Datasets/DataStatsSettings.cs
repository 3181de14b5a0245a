namespace MultiLabel.Cli.Commands.Datasets;

/// <summary>Options of <c>mlc data stats</c>: the dataset options shared with train.</summary>
public sealed class DataStatsSettings : DataSettings
{
}
