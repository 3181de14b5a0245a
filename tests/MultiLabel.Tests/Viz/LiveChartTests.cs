using System.Text.Json;
using MultiLabel.Data;
using MultiLabel.Data.Shapes;
using MultiLabel.Models;
using MultiLabel.Tests.Support;
using MultiLabel.Training;
using MultiLabel.Viz;

namespace MultiLabel.Tests.Viz;

[Collection(DisplayGlobalState.Name)]
public sealed class LiveChartTests
{
    [Fact]
    public void Points_redraw_the_shown_chart_in_place_no_more_often_than_the_interval()
    {
        using var scope = CapturingSink.Install();
        var chart = new LiveChart("loss", "step", "BCE") { MinInterval = TimeSpan.FromHours(1) }.Show();
        for (int i = 1; i <= 5; i++)
        {
            chart.Add("train", i, 1.0 / i);
        }

        Assert.Single(scope.Sink.Shown);
        Assert.Empty(scope.Sink.Updated);
        chart.Dispose();
        var update = Assert.Single(scope.Sink.Updated);
        Assert.Equal(scope.Sink.Shown[0].Id, update.Id);
        Assert.Equal("loss · step 5: train 0.2", update.Content.Text);
        chart.Flush();
        Assert.Single(scope.Sink.Updated);
    }

    [Fact]
    public void With_no_interval_every_point_redraws()
    {
        using var scope = CapturingSink.Install();
        using var chart = new LiveChart("x") { MinInterval = TimeSpan.Zero }.Show();
        chart.Add("a", 1, 1);
        chart.Add("a", 2, 4);
        Assert.Equal(2, chart.UpdateCount);
        Assert.Equal([1.0, 4.0], chart.Points("a").Y);
        Assert.Throws<KeyNotFoundException>(() => chart.Points("b"));
    }

    [Fact]
    public void A_series_can_use_a_second_axis()
    {
        var chart = new LiveChart("training", "epoch", "loss");
        chart.Add("loss", 1, 0.7);
        chart.Add("F1", 1, 0.4);
        chart.UseSecondaryAxis("F1", "micro-F1");
        using var json = JsonDocument.Parse(chart.ToFigure().ToJson());
        var data = json.RootElement.GetProperty("data");
        Assert.False(data[0].TryGetProperty("yaxis", out _));
        Assert.Equal("y2", data[1].GetProperty("yaxis").GetString());
        Assert.Equal("micro-F1", json.RootElement.GetProperty("layout").GetProperty("yaxis2").GetProperty("title").GetProperty("text").GetString());
    }

    [Fact]
    public void The_training_chart_follows_a_trainer_epoch_by_epoch_and_stops_when_disposed()
    {
        using var scope = CapturingSink.Install();
        var samples = ShapesGenerator.Generate(new ShapesOptions(Count: 40, ImageSize: 24, ValFraction: 0.25, TestFraction: 0.05));
        var train = new DataLoader(ShapesGenerator.ToDataset(samples, Split.Train), batchSize: 16, shuffle: true);
        var val = new DataLoader(ShapesGenerator.ToDataset(samples, Split.Val), batchSize: 16, shuffle: false);
        using var model = new SmallCnn(ShapesGenerator.Labels.Count, width: 4, depth: 1);
        var trainer = new Trainer(model, new TrainerOptions(Epochs: 2, Device: "cpu"));

        var follower = TrainingChart.Follow(trainer, "tiny");
        trainer.Fit(train, val);
        follower.Dispose();

        Assert.Single(scope.Sink.Shown);
        Assert.Equal([TrainingChart.TrainLoss, TrainingChart.ValLoss, TrainingChart.ValF1], follower.Chart.SeriesNames);
        Assert.Equal([1.0, 2.0], follower.Chart.Points(TrainingChart.ValLoss).X);
        Assert.Equal(trainer.History[1].ValF1Micro, follower.Chart.Points(TrainingChart.ValF1).Y[1]);
        Assert.Equal(2, scope.Sink.Updated.Count);
        Assert.StartsWith("tiny · epoch 2: train loss", scope.Sink.Updated[^1].Content.Text, StringComparison.Ordinal);

        trainer.Fit(train, val);
        Assert.Equal(2, follower.Chart.Points(TrainingChart.TrainLoss).X.Count);
    }
}
