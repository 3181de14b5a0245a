using MultiLabel.Training;

namespace MultiLabel.Tests.Training;

public sealed class LearningRateScheduleTests
{
    [Fact]
    public void One_cycle_matches_pytorchs_one_cycle_lr()
    {
        // PyTorch OneCycleLR(max_lr=1, total_steps=100, pct_start=0.3): 0.04 at step 0, 1 at step 29,
        // 0.04/1e4 at step 99, and the cosine in between.
        Assert.Equal(0.04, LearningRateSchedule.Factor(ScheduleKind.OneCycle, 0, 100, 0.3), 12);
        Assert.Equal(1.0, LearningRateSchedule.Factor(ScheduleKind.OneCycle, 29, 100, 0.3), 12);
        Assert.Equal(4e-6, LearningRateSchedule.Factor(ScheduleKind.OneCycle, 99, 100, 0.3), 12);
        double mid = 1 + ((0.04 - 1) / 2 * (1 + Math.Cos(Math.PI * 14.0 / 29.0)));
        Assert.Equal(mid, LearningRateSchedule.Factor(ScheduleKind.OneCycle, 14, 100, 0.3), 12);
        double down = 4e-6 + ((1 - 4e-6) / 2 * (1 + Math.Cos(Math.PI * 35.0 / 70.0)));
        Assert.Equal(down, LearningRateSchedule.Factor(ScheduleKind.OneCycle, 64, 100, 0.3), 12);
    }

    [Fact]
    public void Cosine_warms_up_linearly_then_decays_to_zero()
    {
        Assert.Equal(0.1, LearningRateSchedule.Factor(ScheduleKind.Cosine, 0, 100, 0.1), 12);
        Assert.Equal(1.0, LearningRateSchedule.Factor(ScheduleKind.Cosine, 9, 100, 0.1), 12);
        Assert.Equal(1.0, LearningRateSchedule.Factor(ScheduleKind.Cosine, 10, 100, 0.1), 12);
        Assert.Equal(0.5, LearningRateSchedule.Factor(ScheduleKind.Cosine, 10 + 44, 100, 0.1), 1);
        Assert.Equal(0.0, LearningRateSchedule.Factor(ScheduleKind.Cosine, 99, 100, 0.1), 12);
    }

    [Fact]
    public void The_schedule_is_never_above_the_peak()
    {
        foreach (var kind in ScheduleKind.All)
        {
            for (long step = 0; step < 57; step++)
            {
                double f = LearningRateSchedule.Factor(kind, step, 57, 0.25);
                Assert.InRange(f, 0, 1 + 1e-12);
            }
        }
    }

    [Fact]
    public void Bad_arguments_are_rejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Factor(ScheduleKind.Cosine, 0, 0, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Factor(ScheduleKind.Cosine, -1, 10, 0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => LearningRateSchedule.Factor(ScheduleKind.Cosine, 0, 10, 1.0));
    }
}
