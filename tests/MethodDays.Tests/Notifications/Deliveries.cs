using MethodDays.Features.Notifications;
using MethodDays.Platform.Host;
using MethodDays.Tests.Infrastructure;

namespace MethodDays.Tests.Notifications;

/// <summary>Counts notices the sender has finished with (feed written, e-mail sent or skipped), to wait for them.</summary>
internal sealed class Deliveries : IDisposable
{
    private readonly SemaphoreSlim _done = new(0);
    private readonly LocalFunctionsDriver _driver;

    public Deliveries(AppFactory app)
    {
        _driver = app.Service<LocalFunctionsDriver>();
        _driver.MessageSettled += OnSettled;
    }

    /// <summary>Waits for <paramref name="count"/> more notices to be delivered.</summary>
    public async Task WaitAsync(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(await _done.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken), $"Only {i} of {count} notices were delivered.");
        }
    }

    public void Dispose()
    {
        _driver.MessageSettled -= OnSettled;
        _done.Dispose();
    }

    private void OnSettled(string name, MessageSettlement how)
    {
        if (name == SendNotificationFunction.Name && how == MessageSettlement.Deleted)
        {
            _done.Release();
        }
    }
}
