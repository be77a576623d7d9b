using MethodDays.Features.People;
using MethodDays.Features.Staff;

namespace MethodDays.Tests.People;

/// <summary>
/// A damaged .xlsx (a bad download, a truncated mail attachment) is refused as "not a readable workbook" by every
/// import — people, staff, school results, diagnostics — never a 500: both readers throw only what
/// <see cref="ImportGrid.Unreadable"/> names, whatever bytes are damaged.
/// </summary>
public sealed class DamagedWorkbookTests
{
    [Fact]
    public void EveryDamagedCopyOfAWorkbookIsReadOrRefusedAsUnreadable()
    {
        var good = StaffWorkbook.Template([("Иванова Анна Петровна", ["математика"], "высшая", "учитель", null)]);
        var random = new Random(20261207);
        var read = 0;
        var refused = 0;
        for (var copy = 0; copy < 1500; copy++)
        {
            var bytes = (byte[])good.Clone();
            if (copy % 10 == 0)
            {
                bytes = bytes[..random.Next(30, bytes.Length)];
            }
            else
            {
                for (var i = random.Next(1, 9); i > 0; i--)
                {
                    bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
                }
            }

            foreach (var reader in new Func<Stream, object?>[] { s => ImportGrid.ReadAll(s), s => ImportGrid.ReadSheet(s, "Педагоги") })
            {
                try
                {
                    reader(new MemoryStream(bytes));
                    read++;
                }
                catch (Exception e) when (ImportGrid.Unreadable(e))
                {
                    refused++;
                }
                catch (Exception e)
                {
                    Assert.Fail($"Copy {copy}: {e.GetType().Name} would be a 500 instead of «файл не читается»: {e.Message}");
                }
            }
        }

        // Both outcomes happen: the damage reaches the parts that are read, and some copies still read.
        Assert.True(refused > 100, $"Only {refused} copies were refused.");
        Assert.True(read > 0, "No damaged copy was read at all.");
    }
}
