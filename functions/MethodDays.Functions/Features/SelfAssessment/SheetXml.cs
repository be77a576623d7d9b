using System.Globalization;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;

namespace MethodDays.Features.SelfAssessment;

/// <summary>A worksheet part written with a plain <see cref="XmlWriter"/>: the root element is open on return.</summary>
internal static class SheetXml
{
    public const string Namespace = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";

    public static XmlWriter Open(WorksheetPart part)
    {
        var w = XmlWriter.Create(part.GetStream(FileMode.Create, FileAccess.Write), new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), CloseOutput = true });
        w.WriteStartDocument(standalone: true);
        w.WriteStartElement("worksheet", Namespace);
        return w;
    }

    /// <summary>
    /// Text as XML 1.0 allows it: stored names and answers may hold control characters (a pasted \u0001 or a
    /// vertical tab) that would make the writer throw, so each is replaced by a space; an unpaired surrogate too.
    /// </summary>
    public static string Clean(string text)
    {
        System.Text.StringBuilder? clean = null;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            var pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair || XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
                if (pair)
                {
                    clean?.Append(text[++i]);
                }

                continue;
            }

            clean ??= new System.Text.StringBuilder(text.Length).Append(text, 0, i);
            clean.Append(' ');
        }

        return clean?.ToString() ?? text;
    }

    public static void Column(XmlWriter w, int min, int max, double width)
    {
        w.WriteStartElement("col", Namespace);
        w.WriteAttributeString("min", min.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("max", max.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("width", width.ToString(CultureInfo.InvariantCulture));
        w.WriteAttributeString("customWidth", "1");
        w.WriteEndElement();
    }
}
