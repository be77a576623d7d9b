using MethodDays.Features.Demo;
using MethodDays.Features.Diagnostics;
using MethodDays.Features.Notifications;
using MethodDays.Features.Observations;
using MethodDays.Features.People;
using MethodDays.Features.PracticeBank;
using MethodDays.Features.Progress;
using MethodDays.Features.Routes;
using MethodDays.Features.SelfAssessment;
using MethodDays.Features.Staff;
using MethodDays.Features.Subscription;
using MethodDays.Features.Visits;
using MethodDays.Features.WeeklyCycle;
using MethodDays.Platform;
using MethodDays.Platform.Auth;
using MethodDays.Platform.Host;
using MethodDays.Platform.Problems;
using MethodDays.Platform.Storage;
using MethodDays.Platform.Web;

var builder = WebApplication.CreateBuilder(args);
builder.AddFunctionsHost();
builder.AddStorage();
builder.AddProblems();
builder.AddSignIn();
builder.AddWebAssets();
builder.AddApiPlatform();
builder.Services.AddPeople();
builder.Services.AddSelfAssessment();
builder.Services.AddNotifications();
builder.Services.AddWeeklyCycle();
builder.Services.AddPracticeBank();
builder.Services.AddProgress();
builder.Services.AddStaff();
builder.Services.AddDiagnostics();
builder.Services.AddRoutes();
builder.Services.AddVisits();
builder.Services.AddObservations();
builder.Services.AddSubscription();
builder.AddDemoData();

var app = builder.Build();
app.UseApiPlatform(afterSignIn: members => members.UseMembers());
app.MapMemberApi()
    .MapPeople()
    .MapSelfAssessment()
    .MapNotifications()
    .MapWeeklyCycle(app)
    .MapProgress()
    .MapStaff()
    .MapDiagnostics()
    .MapRoutes()
    .MapVisits()
    .MapObservations()
    .MapSubscription()
    .MapPracticeBank(app);
if (app.Services.GetService<DevTokenIssuer>() is not null)
{
    app.MapDevSignIn();
}

app.MapFunctionsHost();
app.MapWebAssets();

if (app.TryEmitManifests(args))
{
    return;
}

await app.RunAsync();

/// <summary>The entry point, visible to the test host.</summary>
public partial class Program;
