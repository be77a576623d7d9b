namespace MethodDays.Bench.Infrastructure;

public static class Clients
{
    /// <summary>A pooled client for the app: no proxy, no connection cap, the encodings a browser accepts.</summary>
    public static HttpClient ForApp(Uri baseAddress)
    {
        var http = new HttpClient(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        // Bodies are read to their last byte but not decompressed (that is the client's time, not the server's).
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("br");
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip");
        return http;
    }

    /// <summary>
    /// A pooled client playing the Functions host: plain bodies (the host asks for no compression), and a long
    /// timeout, since one invocation may be a tick for every municipality or a whole export.
    /// </summary>
    public static HttpClient ForHost(Uri baseAddress) =>
        new(new SocketsHttpHandler { UseProxy = false, MaxConnectionsPerServer = int.MaxValue, PooledConnectionIdleTimeout = TimeSpan.FromMinutes(5) })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromMinutes(10),
        };
}
