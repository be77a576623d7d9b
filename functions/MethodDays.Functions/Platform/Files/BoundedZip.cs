using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MethodDays.Platform.Files;

/// <summary>One entry of a zip's central directory: what it claims, nothing read from its data yet.</summary>
public sealed record ZipEntryInfo(string Name, int Method, long CompressedSize, long LocalHeaderOffset);

/// <summary>A zip whose directory is larger than an office document's could be.</summary>
public sealed class ZipTooLargeException(string message) : Exception(message);

/// <summary>
/// Reads an uploaded zip (an Office or OpenDocument file) with every read bounded: the central directory only up to
/// <see cref="MaxDirectoryBytes"/> and <see cref="MaxEntries"/>, and an entry only its first bytes. A small file that
/// inflates to gigabytes (a zip bomb) or claims a million parts costs a few kilobytes of reading, never its full size.
/// </summary>
public static class BoundedZip
{
    public const int MaxEntries = 20_000;

    /// <summary>Real documents have directories of a few kilobytes; 20,000 parts with long names fit in 4 MiB.</summary>
    public const int MaxDirectoryBytes = 4 * 1024 * 1024;

    /// <summary>Compressed bytes read at most for one entry's prefix: far more than a few hundred bytes of text need.</summary>
    private const int MaxCompressedPrefix = 4 * 1024;

    private const uint EndOfDirectorySignature = 0x06054b50;
    private const uint Zip64LocatorSignature = 0x07064b50;
    private const uint Zip64EndSignature = 0x06064b50;
    private const uint DirectoryEntrySignature = 0x02014b50;
    private const uint LocalHeaderSignature = 0x04034b50;
    private const int EndOfDirectoryLength = 22;

    /// <summary>
    /// The entries of the central directory. Throws <see cref="ZipTooLargeException"/> past the limits and
    /// <see cref="InvalidDataException"/> when the file is not a readable zip.
    /// </summary>
    public static IReadOnlyList<ZipEntryInfo> ReadDirectory(Stream zip)
    {
        if (!zip.CanSeek || zip.Length < EndOfDirectoryLength)
        {
            throw new InvalidDataException("Not a seekable zip.");
        }

        var (entries, size, offset) = FindDirectory(zip);
        if (entries > MaxEntries)
        {
            throw new ZipTooLargeException($"The zip claims {entries} entries.");
        }

        if (size > MaxDirectoryBytes)
        {
            throw new ZipTooLargeException($"The zip's directory is {size} bytes.");
        }

        if (offset < 0 || offset + size > zip.Length)
        {
            throw new InvalidDataException("The zip's directory lies outside the file.");
        }

        var directory = ReadAt(zip, offset, (int)size);
        var list = new List<ZipEntryInfo>((int)Math.Min(entries, 1024));
        var at = 0;
        while (at + 46 <= directory.Length)
        {
            var header = directory.AsSpan(at);
            if (BinaryPrimitives.ReadUInt32LittleEndian(header) != DirectoryEntrySignature)
            {
                throw new InvalidDataException("Broken zip directory.");
            }

            if (list.Count == MaxEntries)
            {
                throw new ZipTooLargeException("The zip holds more entries than it claims.");
            }

            var method = BinaryPrimitives.ReadUInt16LittleEndian(header[10..]);
            var compressed = BinaryPrimitives.ReadUInt32LittleEndian(header[20..]);
            int nameLength = BinaryPrimitives.ReadUInt16LittleEndian(header[28..]);
            int extraLength = BinaryPrimitives.ReadUInt16LittleEndian(header[30..]);
            int commentLength = BinaryPrimitives.ReadUInt16LittleEndian(header[32..]);
            var local = BinaryPrimitives.ReadUInt32LittleEndian(header[42..]);
            if (at + 46 + nameLength > directory.Length)
            {
                throw new InvalidDataException("Broken zip directory.");
            }

            var name = Encoding.UTF8.GetString(header.Slice(46, nameLength));
            list.Add(new ZipEntryInfo(name, method, compressed, local));
            at += 46 + nameLength + extraLength + commentLength;
        }

        return list;
    }

    /// <summary>
    /// At most <paramref name="maxBytes"/> + 1 bytes of an entry's content (one more than allowed, so the caller can tell
    /// "longer than it may be"). Only stored and deflated entries are read; the compressed input read is bounded too.
    /// </summary>
    public static byte[] ReadPrefix(Stream zip, ZipEntryInfo entry, int maxBytes)
    {
        var header = ReadAt(zip, entry.LocalHeaderOffset, 30);
        if (BinaryPrimitives.ReadUInt32LittleEndian(header) != LocalHeaderSignature)
        {
            throw new InvalidDataException("Broken zip entry.");
        }

        var dataStart = entry.LocalHeaderOffset + 30 + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(26)) + BinaryPrimitives.ReadUInt16LittleEndian(header.AsSpan(28));
        var available = Math.Max(0, Math.Min(entry.CompressedSize, zip.Length - dataStart));
        var input = ReadAt(zip, dataStart, (int)Math.Min(available, entry.Method == 0 ? maxBytes + 1 : MaxCompressedPrefix));
        if (entry.Method == 0)
        {
            return input;
        }

        if (entry.Method != 8)
        {
            throw new InvalidDataException("Unsupported zip compression.");
        }

        using var inflate = new DeflateStream(new MemoryStream(input, writable: false), CompressionMode.Decompress);
        var output = new byte[maxBytes + 1];
        var read = 0;
        while (read < output.Length)
        {
            var n = inflate.Read(output, read, output.Length - read);
            if (n == 0)
            {
                break;
            }

            read += n;
        }

        return output[..read];
    }

    private static (long Entries, long Size, long Offset) FindDirectory(Stream zip)
    {
        // Usually the end record is the last 22 bytes (no archive comment); else search the last 64 KiB for it.
        var tailLength = (int)Math.Min(zip.Length, EndOfDirectoryLength + ushort.MaxValue);
        var tail = ReadAt(zip, zip.Length - EndOfDirectoryLength, EndOfDirectoryLength);
        var tailStart = zip.Length - EndOfDirectoryLength;
        var at = BinaryPrimitives.ReadUInt32LittleEndian(tail) == EndOfDirectorySignature ? 0 : -1;
        if (at < 0)
        {
            tail = ReadAt(zip, zip.Length - tailLength, tailLength);
            tailStart = zip.Length - tailLength;
            for (var i = tail.Length - EndOfDirectoryLength; i >= 0; i--)
            {
                if (BinaryPrimitives.ReadUInt32LittleEndian(tail.AsSpan(i)) == EndOfDirectorySignature)
                {
                    at = i;
                    break;
                }
            }
        }

        if (at < 0)
        {
            throw new InvalidDataException("No zip end record.");
        }

        var end = tail.AsSpan(at);
        long entries = BinaryPrimitives.ReadUInt16LittleEndian(end[10..]);
        long size = BinaryPrimitives.ReadUInt32LittleEndian(end[12..]);
        long offset = BinaryPrimitives.ReadUInt32LittleEndian(end[16..]);
        if (entries != ushort.MaxValue && size != uint.MaxValue && offset != uint.MaxValue)
        {
            return (entries, size, offset);
        }

        // Zip64: a locator just before the end record points at the 64-bit end record.
        var locatorAt = tailStart + at - 20;
        if (locatorAt < 0)
        {
            throw new InvalidDataException("No zip64 locator.");
        }

        var locator = ReadAt(zip, locatorAt, 20);
        if (BinaryPrimitives.ReadUInt32LittleEndian(locator) != Zip64LocatorSignature)
        {
            throw new InvalidDataException("No zip64 locator.");
        }

        var record = ReadAt(zip, (long)Math.Min(BinaryPrimitives.ReadUInt64LittleEndian(locator.AsSpan(8)), (ulong)long.MaxValue), 56);
        if (BinaryPrimitives.ReadUInt32LittleEndian(record) != Zip64EndSignature)
        {
            throw new InvalidDataException("No zip64 end record.");
        }

        return (Clamp(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(32))),
            Clamp(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(40))),
            Clamp(BinaryPrimitives.ReadUInt64LittleEndian(record.AsSpan(48))));
    }

    private static long Clamp(ulong value) => value > long.MaxValue / 2 ? long.MaxValue / 2 : (long)value;

    private static byte[] ReadAt(Stream zip, long offset, int count)
    {
        if (offset < 0 || offset + count > zip.Length)
        {
            throw new InvalidDataException("A zip record lies outside the file.");
        }

        zip.Position = offset;
        var buffer = new byte[count];
        zip.ReadExactly(buffer);
        return buffer;
    }
}
