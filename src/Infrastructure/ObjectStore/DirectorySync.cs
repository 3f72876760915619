using System.Runtime.InteropServices;

namespace Pinterest.Modular.Infrastructure.ObjectStore;

/// <summary>
/// Fsyncs a directory, so a file just created or renamed into it survives a power cut (a process kill needs
/// no help: the kernel keeps the entry). .NET cannot open a directory as a file, hence libc. Best effort: on
/// systems without it (Windows) this does nothing, as their file systems journal renames themselves.
/// </summary>
internal static class DirectorySync
{
    private const int ReadOnlyDirectory = 0; // O_RDONLY

    private static bool s_unavailable = OperatingSystem.IsWindows();

    public static void Flush(string directory)
    {
        if (s_unavailable)
        {
            return;
        }

        try
        {
            var fd = Open(directory, ReadOnlyDirectory);
            if (fd < 0)
            {
                return;
            }

            try
            {
                if (Fsync(fd) != 0)
                {
                    throw new IOException($"fsync of the directory '{directory}' failed (errno {Marshal.GetLastPInvokeError()}).");
                }
            }
            finally
            {
                _ = Close(fd);
            }
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            s_unavailable = true;
        }
    }

    [DllImport("libc", EntryPoint = "open", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);

    [DllImport("libc", EntryPoint = "fsync", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Fsync(int fd);

    [DllImport("libc", EntryPoint = "close")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Close(int fd);
}
