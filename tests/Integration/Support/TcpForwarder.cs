using System.Net;
using System.Net.Sockets;

namespace Pinterest.Modular.Tests.Integration.Support;

/// <summary>
/// A loopback TCP forwarder in front of a real server (PostgreSQL, s3rver), so a test can take the server away and give
/// it back: <see cref="Cut"/> resets every open connection and, until <see cref="Restore"/>, resets each new one as
/// soon as it is accepted, which is what a client sees of a server that went away. A test tool, not a proxy of any
/// protocol: bytes pass through unchanged.
/// </summary>
public sealed class TcpForwarder : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly DnsEndPoint _target;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<(Socket Client, Socket Server)> _open = [];
    private readonly Task _accepting;
    private bool _cut;
    private int _refused;

    public TcpForwarder(string targetHost, int targetPort)
    {
        _target = new DnsEndPoint(targetHost, targetPort);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _accepting = AcceptAsync();
    }

    /// <summary>The loopback port clients connect to instead of the server's.</summary>
    public int Port { get; }

    /// <summary>Connections accepted while not cut (a sign the client came back after <see cref="Restore"/>).</summary>
    public int Forwarded { get; private set; }

    /// <summary>Connections reset on arrival while cut (a sign the client tried, and was refused).</summary>
    public int Refused => Volatile.Read(ref _refused);

    /// <summary>Resets every open connection and refuses (accepts and resets) new ones until <see cref="Restore"/>.</summary>
    public void Cut()
    {
        List<(Socket, Socket)> open;
        lock (_gate)
        {
            _cut = true;
            open = [.. _open];
            _open.Clear();
        }

        foreach (var (client, server) in open)
        {
            Reset(client);
            Reset(server);
        }
    }

    public void Restore()
    {
        lock (_gate)
        {
            _cut = false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Cut();
        try
        {
            await _accepting;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopping the listener ends the accept loop with one of these.
        }

        _stopping.Dispose();
    }

    /// <summary>A reset (linger 0), not a polite close: the peer's next read or write fails at once.</summary>
    private static void Reset(Socket socket)
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, CancellationToken cancellationToken)
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }

                await to.SendAsync(buffer.AsMemory(0, read), SocketFlags.None, cancellationToken);
            }
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // One side went away (or was cut): the other side learns it from its own socket.
            Reset(from);
            Reset(to);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptSocketAsync(_stopping.Token);
            bool cut;
            lock (_gate)
            {
                cut = _cut;
            }

            if (cut)
            {
                Interlocked.Increment(ref _refused);
                Reset(client);
                continue;
            }

            _ = ForwardAsync(client);
        }
    }

    private async Task ForwardAsync(Socket client)
    {
        var server = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        client.NoDelay = true;
        try
        {
            await server.ConnectAsync(_target, _stopping.Token);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException)
        {
            Reset(client);
            server.Dispose();
            return;
        }

        lock (_gate)
        {
            if (_cut)
            {
                Reset(client);
                Reset(server);
                return;
            }

            _open.Add((client, server));
            Forwarded++;
        }

        await Task.WhenAll(PumpAsync(client, server, _stopping.Token), PumpAsync(server, client, _stopping.Token));
        lock (_gate)
        {
            _open.Remove((client, server));
        }

        client.Dispose();
        server.Dispose();
    }
}
