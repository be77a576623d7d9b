namespace MethodDays.Platform.Files;

/// <summary>
/// An imported workbook as the page sends it: the request body itself, or the one file of a multipart form. Read into
/// memory because the Open XML SDK needs to seek; the route's request size limit bounds it.
/// </summary>
public static class ExcelUpload
{
    public static async Task<MemoryStream> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var buffer = new MemoryStream();
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.Count == 1)
            {
                await form.Files[0].CopyToAsync(buffer, ct);
            }
        }
        else
        {
            await request.Body.CopyToAsync(buffer, ct);
        }

        buffer.Position = 0;
        return buffer;
    }

    /// <summary>An .xlsx is a zip: it starts with «PK». Anything else is not worth handing to the SDK.</summary>
    public static bool LooksLikeXlsx(MemoryStream buffer) =>
        buffer.Length >= 4 && buffer.GetBuffer()[0] == 'P' && buffer.GetBuffer()[1] == 'K';
}
