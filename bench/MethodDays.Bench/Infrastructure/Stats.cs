namespace MethodDays.Bench.Infrastructure;

/// <summary>Order statistics of a sample, in milliseconds. Percentiles by nearest rank: no interpolation to flatter.</summary>
public sealed record Stats(int Count, double Median, double P90, double P95, double P99, double Mean, double Min, double Max)
{
    public static Stats Of(IReadOnlyCollection<double> values)
    {
        if (values.Count == 0)
        {
            return new Stats(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        var sorted = values.Order().ToArray();
        return new Stats(sorted.Length, Rank(sorted, 0.50), Rank(sorted, 0.90), Rank(sorted, 0.95), Rank(sorted, 0.99), sorted.Average(), sorted[0], sorted[^1]);
    }

    private static double Rank(double[] sorted, double p) => sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
}
