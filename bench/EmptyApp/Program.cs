// The smallest honest ASP.NET Core app: the same host builder as the function app, one endpoint.
var builder = WebApplication.CreateBuilder(args);
var app = builder.Build();
app.MapGet("/", () => "ok");
await app.RunAsync();
