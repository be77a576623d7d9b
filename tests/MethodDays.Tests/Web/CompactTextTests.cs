using System.Diagnostics;
using MethodDays.Platform.Web;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Web;

/// <summary>
/// The served copy of a script drops comments and indentation and nothing else: text inside strings, template
/// literals and regular expressions arrives as written, and every module of the page still parses.
/// </summary>
public sealed class CompactTextTests
{
    [Fact]
    public void CommentsAndIndentationGoWhileStringsTemplatesAndRegularExpressionsStay()
    {
        const string source = """
            // @ts-check
            /**
             * A doc comment.
             * @param {string} a
             */
            export function f(a) {
              const url = 'https://example.org/a'; // the link
              const quote = "it's // not a comment";
              const re = /\/\/[^/]*\/*/g; /* inline */ const n = 10 / 2 / 1;
              const ratio = (a.length) / 2;
              const t = `line one
                indented ${a ? `${a} // kept` : '/* kept */'} end`;
              if (/^\d+$/.test(a)) return /x/i;
              return [url, quote, re, n, ratio, t];
            }
            """;

        var compact = CompactText.Script(source);

        Assert.DoesNotContain("@ts-check", compact);
        Assert.DoesNotContain("A doc comment", compact);
        Assert.DoesNotContain("the link", compact);
        Assert.DoesNotContain("inline", compact);
        Assert.Contains("const url = 'https://example.org/a';", compact);
        Assert.Contains("const quote = \"it's // not a comment\";", compact);
        Assert.Contains(@"const re = /\/\/[^/]*\/*/g;", compact);
        Assert.Contains("const n = 10 / 2 / 1;", compact);
        Assert.Contains("const ratio = (a.length) / 2;", compact);
        Assert.Contains("`line one\n    indented ${a ? `${a} // kept` : '/* kept */'} end`", compact);
        Assert.Contains(@"if (/^\d+$/.test(a)) return /x/i;", compact);
        Assert.StartsWith("export function f(a) {\nconst url", compact);
    }

    [Fact]
    public async Task EveryScriptOfThePageStillParsesAfterwardsAndLosesAtLeastAFifth()
    {
        var web = RepoPaths.Combine("web");
        var folder = Directory.CreateTempSubdirectory("compact-js-");
        try
        {
            long before = 0, after = 0;
            var files = Directory.EnumerateFiles(web, "*.js", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}vendor{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .ToList();
            Assert.True(files.Count > 40, $"Only {files.Count} scripts found under web/.");
            foreach (var file in files)
            {
                var source = await File.ReadAllTextAsync(file);
                var compact = CompactText.Script(source);
                before += source.Length;
                after += compact.Length;
                var copy = Path.Combine(folder.FullName, Path.GetRelativePath(web, file).Replace(Path.DirectorySeparatorChar, '_') + ".mjs");
                await File.WriteAllTextAsync(copy, compact);
            }

            foreach (var copy in Directory.EnumerateFiles(folder.FullName))
            {
                var (code, error) = await NodeCheckAsync(copy);
                Assert.True(code == 0, $"{Path.GetFileName(copy)} no longer parses once compacted:\n{error}");
            }

            Assert.True(after < before * 0.8, $"Compacted scripts are {after} of {before} characters.");
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static async Task<(int Code, string Error)> NodeCheckAsync(string file)
    {
        using var node = Process.Start(new ProcessStartInfo("node", ["--check", file])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        })!;
        var error = await node.StandardError.ReadToEndAsync();
        await node.WaitForExitAsync();
        return (node.ExitCode, error);
    }
}
