using System.Text.RegularExpressions;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Web;

/// <summary>
/// The page's modules form no import cycle, static or dynamic, and the shared modules stay below the features: a
/// change in one feature never reaches back into the shell. Read from the files as the browser would load them.
/// </summary>
public sealed partial class ModuleGraphTests
{
    private static readonly string WebRoot = RepoPaths.Combine("web");

    [Fact]
    public void NoModuleOfThePageImportsItselfBackStaticallyOrDynamically()
    {
        var graph = Graph();
        Assert.True(graph.Count > 40, $"Only {graph.Count} modules found under web/.");
        Assert.Contains("features/self-assessment/sheet-view.js", graph.Keys);

        var cycles = Cycles(graph);

        Assert.True(cycles.Count == 0, "Import cycles among the page's modules:\n" + string.Join("\n", cycles));
    }

    [Fact]
    public void SharedModulesImportNothingFromTheFeaturesExceptTheRouter()
    {
        var reaching = Graph()
            .Where(m => m.Key.StartsWith("js/", StringComparison.Ordinal) && m.Key != "js/app.js")
            .SelectMany(m => m.Value.Where(t => t.StartsWith("features/", StringComparison.Ordinal)).Select(t => $"{m.Key} → {t}"))
            .ToList();

        Assert.True(reaching.Count == 0, "Shared modules importing a feature:\n" + string.Join("\n", reaching));
    }

    [Fact]
    public void EveryRelativeImportNamesAFileThatExists()
    {
        var missing = Graph().SelectMany(m => m.Value.Where(t => !File.Exists(Path.Combine(WebRoot, t))).Select(t => $"{m.Key} → {t}")).ToList();

        Assert.True(missing.Count == 0, "Imports of missing modules:\n" + string.Join("\n", missing));
    }

    [Fact]
    public void TheCycleFinderNamesTheModulesOfACycle()
    {
        var graph = new Dictionary<string, List<string>>
        {
            ["js/app.js"] = ["features/a/routes.js"],
            ["features/a/routes.js"] = ["features/a/view.js"],
            ["features/a/view.js"] = ["features/a/routes.js"],
        };

        var cycle = Assert.Single(Cycles(graph));

        Assert.Equal("features/a/routes.js → features/a/view.js → features/a/routes.js", cycle);
    }

    /// <summary>Every .js under web/ (vendor excepted) with the modules it imports, paths relative to web/.</summary>
    private static Dictionary<string, List<string>> Graph()
    {
        var graph = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(WebRoot, "*.js", SearchOption.AllDirectories))
        {
            var name = Path.GetRelativePath(WebRoot, file).Replace('\\', '/');
            if (name.StartsWith("vendor/", StringComparison.Ordinal))
            {
                continue;
            }

            // JSDoc types such as {import('./x.js').T} are comments, not imports.
            var code = LineComment().Replace(BlockComment().Replace(File.ReadAllText(file), " "), "$1");
            var dir = Path.GetDirectoryName(name)!.Replace('\\', '/');
            graph[name] = [.. ImportSpecifier().Matches(code)
                .Select(m => m.Groups["spec"].Value)
                .Select(spec => Path.GetRelativePath(WebRoot, Path.GetFullPath(Path.Combine(WebRoot, dir, spec))).Replace('\\', '/'))
                .Distinct()];
        }

        return graph;
    }

    /// <summary>Each cycle once, as "a → b → a", found by a depth-first walk.</summary>
    private static List<string> Cycles(Dictionary<string, List<string>> graph)
    {
        var found = new List<string>();
        var seen = new HashSet<string>();
        var done = new HashSet<string>();
        var path = new List<string>();

        void Visit(string module)
        {
            if (done.Contains(module))
            {
                return;
            }

            var at = path.IndexOf(module);
            if (at >= 0)
            {
                found.Add(string.Join(" → ", path.Skip(at).Append(module)));
                return;
            }

            if (!seen.Add(module) && !path.Contains(module))
            {
                return;
            }

            path.Add(module);
            foreach (var next in graph.GetValueOrDefault(module) ?? [])
            {
                Visit(next);
            }

            path.RemoveAt(path.Count - 1);
            done.Add(module);
        }

        foreach (var module in graph.Keys.Order(StringComparer.Ordinal))
        {
            Visit(module);
        }

        return found;
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex BlockComment();

    [GeneratedRegex(@"(^|[\s;{}()])//[^\n]*", RegexOptions.Multiline)]
    private static partial Regex LineComment();

    // import x from './a.js'; import './a.js'; export { x } from './a.js'; import('./a.js')
    [GeneratedRegex(@"(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['""](?<spec>\.{1,2}/[^'""]+)['""]")]
    private static partial Regex ImportSpecifier();
}
