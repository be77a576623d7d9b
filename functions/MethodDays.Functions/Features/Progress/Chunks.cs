namespace MethodDays.Features.Progress;

/// <summary>Long JSON split over up to six string properties of 30,000 characters (an entity stays well under 1 MiB).</summary>
internal static class Chunks
{
    public const int Size = 30_000;
    public const int Count = 6;

    /// <summary>The longest JSON a sheet may take.</summary>
    public const int MaxChars = Size * Count;

    public static string Join(params string?[] parts) => string.Concat(parts);

    public static (string?, string?, string?, string?, string?, string?) Split(string value)
    {
        if (value.Length > MaxChars)
        {
            throw new InvalidOperationException($"A progress sheet of {value.Length} characters does not fit; the checks must refuse it first.");
        }

        string? Part(int i) => value.Length > i * Size ? value.Substring(i * Size, Math.Min(Size, value.Length - i * Size)) : null;
        return (Part(0) ?? "", Part(1), Part(2), Part(3), Part(4), Part(5));
    }
}
