using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace MultiLabel.Tests.Support;

/// <summary>A tiny HTTP server on 127.0.0.1 for download tests: serves byte arrays, honours Range unless told not to.</summary>
internal sealed class LocalHttpServer : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly Thread thread;

    public LocalHttpServer()
    {
        Port = FreePort();
        listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        listener.Start();
        thread = new Thread(Serve) { IsBackground = true };
        thread.Start();
    }

    public int Port { get; }

    /// <summary>Path (e.g. "/a.bin") to content.</summary>
    public ConcurrentDictionary<string, byte[]> Files { get; } = new();

    /// <summary>When true, Range headers are ignored and the whole file is sent with 200.</summary>
    public bool IgnoreRange { get; set; }

    /// <summary>Every request: path and Range header (or null).</summary>
    public ConcurrentQueue<(string Path, string? Range)> Requests { get; } = new();

    public string Url(string path) => $"http://127.0.0.1:{Port}{path}";

    /// <summary>A port nothing listens on (for "unreachable" tests).</summary>
    public static int FreePort()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        int port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        return port;
    }

    public void Dispose()
    {
        listener.Stop();
        listener.Close();
        thread.Join(TimeSpan.FromSeconds(5));
    }

    private void Serve()
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = listener.GetContext();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            var path = context.Request.Url!.AbsolutePath;
            var range = context.Request.Headers["Range"];
            Requests.Enqueue((path, range));
            using var response = context.Response;
            if (!Files.TryGetValue(path, out var content))
            {
                response.StatusCode = 404;
                continue;
            }

            long from = 0;
            if (!IgnoreRange && range is not null && range.StartsWith("bytes=", StringComparison.Ordinal) && range.EndsWith('-'))
            {
                from = long.Parse(range[6..^1], System.Globalization.CultureInfo.InvariantCulture);
                if (from >= content.Length)
                {
                    response.StatusCode = 416;
                    continue;
                }

                response.StatusCode = 206;
                response.Headers["Content-Range"] = $"bytes {from}-{content.Length - 1}/{content.Length}";
            }

            response.ContentLength64 = content.Length - from;
            try
            {
                response.OutputStream.Write(content, (int)from, (int)(content.Length - from));
            }
            catch (HttpListenerException)
            {
                // The client went away.
            }
        }
    }
}
