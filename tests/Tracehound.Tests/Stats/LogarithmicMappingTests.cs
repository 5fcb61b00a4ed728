using Tracehound.Processing.Stats;

namespace Tracehound.Tests.Stats;

public sealed class LogarithmicMappingTests
{
    [Fact]
    public void Index_OnePercent_FloorOfLogBaseGamma()
    {
        var mapping = LogarithmicMapping.Default;

        Assert.Equal(0, mapping.Index(1));
        Assert.Equal(-1, mapping.Index(0.999));
        Assert.Equal(0, mapping.Index(1.02));
        Assert.Equal(1, mapping.Index(1.0203));
        // 1 ms in ns: ln(1e6) / ln(1.020202...) = 13.8155 / 0.0200007 = 690.7...
        Assert.Equal(690, mapping.Index(1e6));
        Assert.Equal(0.01, mapping.RelativeAccuracy, 12);
    }

    [Fact]
    public void Value_EveryBin_WithinAccuracyOfItsBounds()
    {
        var mapping = LogarithmicMapping.Default;
        for (var index = -3000; index <= 3000; index++)
        {
            var lower = mapping.LowerBound(index);
            var upper = mapping.LowerBound(index + 1);
            var value = mapping.Value(index);

            Assert.True(SketchData.WithinRelativeError(lower, value, 0.01));
            Assert.True(SketchData.WithinRelativeError(upper, value, 0.01));
            Assert.Equal(index, mapping.Index(value));
        }
    }

    [Theory]
    [InlineData(0.5)]
    [InlineData(1)]
    [InlineData(2.5)]
    [InlineData(double.NaN)]
    public void FromGamma_OutOfRange_Throws(double gamma) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => LogarithmicMapping.FromGamma(gamma, 0));

    [Fact]
    public void FromGamma_DefaultGamma_IsTheDefaultMapping() =>
        Assert.Same(LogarithmicMapping.Default, LogarithmicMapping.FromGamma(LogarithmicMapping.Default.Gamma, 0));
}
