using System.Text;
using System.Text.RegularExpressions;

namespace MethodDays.Platform.Web;

/// <summary>
/// The served copy of the page's scripts and stylesheet without their comments and indentation. The files stay as
/// written (the comments say why the code is so); a phone on a slow line needs only the code, and about a third of
/// the first screen's compressed bytes were comments. Nothing is renamed or rewritten: this is not a build step, only
/// what a reader would skip. Strings, template literals and regular expressions pass through unchanged.
/// </summary>
internal static partial class CompactText
{
    public static byte[] For(string path, byte[] data)
    {
        if (path.EndsWith(".css", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(CssComment().Replace(Encoding.UTF8.GetString(data), ""));
        }

        if (path.EndsWith(".js", StringComparison.OrdinalIgnoreCase) && !path.Contains("vendor/", StringComparison.OrdinalIgnoreCase))
        {
            return Encoding.UTF8.GetBytes(Script(Encoding.UTF8.GetString(data)));
        }

        return data;
    }

    /// <summary>
    /// A script without its comments, without each line's indentation and without blank lines. Line breaks in code
    /// are kept (automatic semicolon insertion depends on them); a comment between two tokens on one line becomes a
    /// space. A regular expression is told from a division by the token before the slash, as JavaScript's grammar does.
    /// </summary>
    public static string Script(string source)
    {
        var output = new StringBuilder(source.Length);
        var line = new StringBuilder();
        var templateDepth = new Stack<int>(); // brace depth at which each open `${` returns to its template literal
        var braces = 0;
        var inTemplate = false;
        var lastSignificant = '\n';
        var lastWord = "";
        var i = 0;
        var lineStartsInTemplate = false;

        void EndLine()
        {
            // A line that began inside a template literal keeps its indentation: that is the literal's text.
            var text = lineStartsInTemplate ? line.ToString().TrimEnd() : line.ToString().Trim();
            lineStartsInTemplate = false;
            if (text.Length > 0)
            {
                output.Append(text).Append('\n');
            }

            line.Clear();
        }

        while (i < source.Length)
        {
            var c = source[i];
            if (inTemplate)
            {
                // Inside a template literal everything is text, line breaks and indentation included.
                if (c == '\\' && i + 1 < source.Length)
                {
                    line.Append(c).Append(source[i + 1]);
                    i += 2;
                    continue;
                }

                if (c == '`')
                {
                    line.Append(c);
                    inTemplate = false;
                    lastSignificant = '`';
                    i++;
                    continue;
                }

                if (c == '$' && i + 1 < source.Length && source[i + 1] == '{')
                {
                    line.Append("${");
                    templateDepth.Push(braces);
                    braces++;
                    inTemplate = false;
                    lastSignificant = '{';
                    i += 2;
                    continue;
                }

                if (c == '\n')
                {
                    // Keep the literal's own line break and the next line's indentation: they are its text.
                    output.Append(line).Append('\n');
                    line.Clear();
                    lineStartsInTemplate = true;
                    i++;
                    continue;
                }

                line.Append(c);
                i++;
                continue;
            }

            if (c == '\n')
            {
                EndLine();
                i++;
                continue;
            }

            if (c == '/' && i + 1 < source.Length && source[i + 1] == '/')
            {
                while (i < source.Length && source[i] != '\n')
                {
                    i++;
                }

                continue;
            }

            if (c == '/' && i + 1 < source.Length && source[i + 1] == '*')
            {
                var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal);
                var comment = end < 0 ? source[i..] : source[i..(end + 2)];
                i = end < 0 ? source.Length : end + 2;
                if (comment.Contains('\n'))
                {
                    EndLine();
                }
                else
                {
                    line.Append(' ');
                }

                continue;
            }

            if (c is '\'' or '"')
            {
                var start = i++;
                while (i < source.Length && source[i] != c && source[i] != '\n')
                {
                    i += source[i] == '\\' ? 2 : 1;
                }

                i = Math.Min(i + 1, source.Length);
                line.Append(source, start, i - start);
                lastSignificant = c;
                continue;
            }

            if (c == '`')
            {
                line.Append(c);
                inTemplate = true;
                i++;
                continue;
            }

            if (c == '/' && RegexCanStart(lastSignificant, lastWord))
            {
                var start = i++;
                var inClass = false;
                while (i < source.Length && source[i] != '\n')
                {
                    var r = source[i];
                    if (r == '\\')
                    {
                        i += 2;
                        continue;
                    }

                    if (r == '[')
                    {
                        inClass = true;
                    }
                    else if (r == ']')
                    {
                        inClass = false;
                    }
                    else if (r == '/' && !inClass)
                    {
                        break;
                    }

                    i++;
                }

                i = Math.Min(i + 1, source.Length);
                while (i < source.Length && char.IsAsciiLetter(source[i]))
                {
                    i++; // flags
                }

                line.Append(source, start, i - start);
                lastSignificant = '/';
                lastWord = "";
                continue;
            }

            if (c == '{')
            {
                braces++;
            }
            else if (c == '}')
            {
                braces--;
                if (templateDepth.Count > 0 && templateDepth.Peek() == braces)
                {
                    templateDepth.Pop();
                    line.Append(c);
                    inTemplate = true;
                    i++;
                    continue;
                }
            }

            if (char.IsLetterOrDigit(c) || c is '_' or '$')
            {
                var start = i;
                while (i < source.Length && (char.IsLetterOrDigit(source[i]) || source[i] is '_' or '$'))
                {
                    i++;
                }

                lastWord = source[start..i];
                lastSignificant = 'a';
                line.Append(lastWord);
                continue;
            }

            if (!char.IsWhiteSpace(c))
            {
                lastSignificant = c;
                lastWord = "";
            }

            line.Append(c);
            i++;
        }

        EndLine();
        return output.ToString();
    }

    // After these a slash starts a regular expression; after a name, a number or a closing bracket it divides.
    private static bool RegexCanStart(char previous, string word) =>
        previous == 'a'
            ? word is "return" or "typeof" or "case" or "do" or "else" or "in" or "of" or "new" or "delete" or "void" or "throw" or "yield" or "await"
            : previous is not (')' or ']' or '}' or '\'' or '"' or '`' or '/');

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex CssComment();
}
