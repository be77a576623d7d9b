using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using MethodDays.Features.Demo;
using MethodDays.Features.People;
using MethodDays.Features.SelfAssessment;
using MethodDays.Platform.Auth;
using MethodDays.Platform.Storage;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.IdentityModel.Tokens;

namespace MethodDays.Bench.Load;

/// <summary>
/// One municipality of <see cref="SchoolCount"/> schools, each with its own school admin, and a coordinator; written
/// through the app's <see cref="DirectoryStore"/> so the rows are exactly the app's. Tokens are minted with the
/// development key the app was started with (what <c>POST /api/dev/sign-in</c> would hand out).
/// </summary>
public sealed class World
{
    public const string MunicipalityId = "bench";
    public const string CoordinatorId = "coord";

    /// <summary>Answer sets per school: months cycle through this many, so bodies can be prepared before timing.</summary>
    public const int AnswerVariants = 8;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    private World(int schoolCount, SheetTemplate template, IReadOnlyList<School> schools, IReadOnlyList<Member> admins, Member coordinator, DevTokenIssuer issuer)
    {
        SchoolCount = schoolCount;
        Template = template;
        Schools = schools;
        Admins = admins;
        Coordinator = coordinator;
        AdminTokens = [.. admins.Select(a => Token(issuer, a))];
        CoordinatorToken = Token(issuer, coordinator);
        Answers = new Answers[schoolCount, AnswerVariants];
        for (var s = 0; s < schoolCount; s++)
        {
            for (var v = 0; v < AnswerVariants; v++)
            {
                var values = DemoData.Answers(template, schools[s], v);
                var json = JsonSerializer.Serialize(values, Web);
                var body = JsonSerializer.SerializeToUtf8Bytes(new { templateVersion = template.Version, values }, Web);
                Answers[s, v] = new Answers(values, json, body, SheetScoring.Score(template, values));
            }
        }
    }

    public int SchoolCount { get; }
    public SheetTemplate Template { get; }
    public IReadOnlyList<School> Schools { get; }
    public IReadOnlyList<Member> Admins { get; }
    public Member Coordinator { get; }
    public IReadOnlyList<string> AdminTokens { get; }
    public string CoordinatorToken { get; }

    /// <summary>[school, variant]: the answers, their JSON as stored, the request body, and the score.</summary>
    public Answers[,] Answers { get; }

    public static async Task<World> SeedAsync(TableServiceClient tables, string prefix, byte[] signingKey, string templateFolder, int schoolCount)
    {
        var template = new SheetTemplates(templateFolder).Current;
        var names = new StorageNames(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Prefix = prefix }));
        using var cache = new MemoryCache(new MemoryCacheOptions());
        var directory = new DirectoryStore(tables, names, cache);
        await directory.UpsertMunicipalityAsync(new Municipality(MunicipalityId, "Контрольный муниципальный район", "Asia/Omsk"), CancellationToken.None);

        var schools = Enumerable.Range(1, schoolCount).Select(i => new School(
            MunicipalityId,
            SchoolId(i),
            $"Муниципальное бюджетное общеобразовательное учреждение «Средняя общеобразовательная школа № {i}»",
            $"СОШ № {i}",
            i % 4 == 0 ? SchoolKind.Basic : SchoolKind.Secondary,
            i % 3 == 0,
            i % 3 == 0,
            i % 50 == 0)).ToList();
        var admins = schools.Select(s => new Member(MunicipalityId, "admin-" + s.Id, $"Администратор {s.ShortName}", $"admin-{s.Id}@bench.example", Role.SchoolAdmin, [s.Id], true)).ToList();
        var coordinator = new Member(MunicipalityId, CoordinatorId, "Координатор Контрольный", "coord@bench.example", Role.Coordinator, [], true);

        await Parallel.ForEachAsync(schools, new ParallelOptions { MaxDegreeOfParallelism = 8 }, (s, ct) => new ValueTask(directory.UpsertSchoolAsync(s, ct)));
        await Parallel.ForEachAsync(admins.Append(coordinator), new ParallelOptions { MaxDegreeOfParallelism = 8 },
            (m, ct) => new ValueTask(directory.SaveMemberAsync(m, DevIdentity(m), ct)));

        var issuer = new DevTokenIssuer(new SymmetricSecurityKey(signingKey) { KeyId = "methoddays-dev" }, new AuthOptions().DevIssuer, new AuthOptions().DevAudience);
        return new World(schoolCount, template, schools, admins, coordinator, issuer);
    }

    public static string SchoolId(int number) => "s" + number.ToString("D3", CultureInfo.InvariantCulture);

    /// <summary>The identity a development token carries (the app's DevSignIn.DevIdentity).</summary>
    private static string DevIdentity(Member m) => $"dev-{m.MunicipalityId}-{m.PersonId}";

    private static string Token(DevTokenIssuer issuer, Member m) => issuer.Issue(DevIdentity(m), m.DisplayName, m.Email, TimeSpan.FromHours(2));
}

public sealed record Answers(IReadOnlyDictionary<string, string> Values, string ValuesJson, byte[] Body, SheetScore Score)
{
    public string AreasJson { get; } = JsonSerializer.Serialize(Score.Areas, new JsonSerializerOptions(JsonSerializerDefaults.Web));
}
