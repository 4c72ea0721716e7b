using System.Diagnostics;
using Amazon.Runtime;
using Amazon.S3;
using Xunit.Sdk;

namespace CloudTrailModel.S3.Tests.Infrastructure;

/// <summary>
/// A real S3-compatible server (the npm package s3rver, started by tests/s3rver/server.js) on a free loopback port with a temporary data
/// folder, started once for the test collection and stopped at the end. The server's standard input is a pipe held open
/// by this process: it exits when the pipe closes, so it goes with the test host even when the host dies without
/// disposing fixtures. It installs the package with <c>npm ci</c> when node_modules is missing. Without node and npm the
/// tests skip, or fail when CI=true.
/// </summary>
public sealed class S3ServerFixture : IDisposable
{
    private static readonly TimeSpan InstallTimeout = TimeSpan.FromMinutes(5);
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);

    private const string ListeningLine = "s3rver listening on ";

    private readonly ServerProcess? _server;
    private readonly string? _dataDirectory;
    private int _bucketCount;

    public S3ServerFixture()
    {
        try
        {
            string folder = ServerFolder;
            string? node = FindOnPath("node");
            string? npm = FindOnPath("npm");
            if (node is null || npm is null)
            {
                UnavailableReason = "node and npm are not installed (the S3 tests run against the npm package s3rver)";
                return;
            }

            string script = Path.Combine(folder, "node_modules", "s3rver", "bin", "s3rver.js");
            if (!File.Exists(script))
            {
                Run(npm, ["ci", "--no-audit", "--no-fund"], folder, InstallTimeout);
            }

            _dataDirectory = Directory.CreateTempSubdirectory("s3rver-").FullName;
            Node = node;
            _server = ServerProcess.Start(node, folder, _dataDirectory);
            ServiceUrl = _server.ServiceUrl;
        }
        catch (Exception e)
        {
            UnavailableReason = $"the local S3 server could not be started: {e.Message}";
            Dispose();
        }
    }

    /// <summary>Why the server is not there, or null when it runs.</summary>
    public string? UnavailableReason { get; }

    public string ServiceUrl { get; } = string.Empty;

    /// <summary>The node executable the server runs on (null when the server is not there).</summary>
    public string? Node { get; }

    /// <summary>The folder of server.js.</summary>
    public static string ServerFolder => Path.Combine(RepoRoot(), "tests", "s3rver");

    private static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.Ordinal);

    /// <summary>A client for the server (path-style addressing, dummy credentials, checksums only where S3 requires them); skips the test, or fails it on CI, when there is no server.</summary>
    public AmazonS3Client CreateClient()
    {
        Require();
        var config = new AmazonS3Config
        {
            ServiceURL = ServiceUrl,
            ForcePathStyle = true,
            AuthenticationRegion = "us-east-1",
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            Timeout = TimeSpan.FromSeconds(30),
            MaxErrorRetry = 2,
        };
        return new AmazonS3Client(new BasicAWSCredentials("S3RVER", "S3RVER"), config);
    }

    /// <summary>A new, empty bucket for one test.</summary>
    public async Task<string> CreateBucketAsync(AmazonS3Client client)
    {
        string bucket = $"trail-{Interlocked.Increment(ref _bucketCount)}-{Guid.NewGuid():N}"[..40].TrimEnd('-');
        await client.PutBucketAsync(bucket);
        return bucket;
    }

    public void Require()
    {
        if (UnavailableReason is null)
        {
            return;
        }

        if (IsCi)
        {
            throw new XunitException($"{UnavailableReason} (CI=true: the S3 tests must run)");
        }

        Skip.If(true, UnavailableReason);
    }

    public void Dispose()
    {
        _server?.Dispose();
        if (_dataDirectory is not null && Directory.Exists(_dataDirectory))
        {
            try
            {
                Directory.Delete(_dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A temp folder left behind is harmless.
            }
        }
    }

    private static void Run(string file, string[] arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"{file} did not start");
        Task<string> output = process.StandardOutput.ReadToEndAsync();
        Task<string> error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} did not finish in {timeout}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', arguments)} failed ({process.ExitCode}): {error.Result}{output.Result}");
        }
    }

    private static string? FindOnPath(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(directory => Path.Combine(directory, name))
            .FirstOrDefault(File.Exists);

    private static string RepoRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "CloudTrailModel.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("CloudTrailModel.sln was not found above the test assembly");
    }

    /// <summary>A running server.js: its process, with standard input held open as a pipe, and its address.</summary>
    public sealed class ServerProcess : IDisposable
    {
        private readonly System.Text.StringBuilder _errors = new();

        private ServerProcess(Process process) => Process = process;

        public Process Process { get; }

        public string ServiceUrl { get; private set; } = string.Empty;

        public static ServerProcess Start(string node, string folder, string dataDirectory)
        {
            var listening = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            var server = new ServerProcess(Process.Start(new ProcessStartInfo(node)
            {
                // Port 0: the server takes a free port and prints it, so no other process can race for it.
                ArgumentList = { "--openssl-legacy-provider", Path.Combine(folder, "server.js"), "127.0.0.1", "0", dataDirectory },
                WorkingDirectory = folder,
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            }) ?? throw new InvalidOperationException("node did not start"));
            try
            {
                Process process = server.Process;
                process.OutputDataReceived += (_, line) =>
                {
                    if (line.Data?.StartsWith(ListeningLine, StringComparison.Ordinal) == true)
                    {
                        listening.TrySetResult(line.Data[ListeningLine.Length..].Trim());
                    }
                };
                process.ErrorDataReceived += (_, line) =>
                {
                    if (line.Data is not null)
                    {
                        lock (server._errors)
                        {
                            server._errors.AppendLine(line.Data);
                        }
                    }
                };
                process.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"the server exited: {server.Errors}"));
                process.EnableRaisingEvents = true;
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                if (!listening.Task.Wait(StartTimeout))
                {
                    throw new TimeoutException($"s3rver did not start listening within {StartTimeout}");
                }

                server.ServiceUrl = "http://" + listening.Task.Result;
                return server;
            }
            catch
            {
                server.Dispose();
                throw;
            }
        }

        private string Errors
        {
            get
            {
                lock (_errors)
                {
                    return _errors.ToString();
                }
            }
        }

        /// <summary>Closes the server's standard input, which ends it; kills it (with its process tree) if it has not gone in ten seconds.</summary>
        public void Dispose()
        {
            try
            {
                Process.StandardInput.Close();
                if (!Process.WaitForExit(10_000))
                {
                    Process.Kill(entireProcessTree: true);
                    Process.WaitForExit(10_000);
                }
            }
            catch (InvalidOperationException)
            {
                // Already gone.
            }
            catch (IOException)
            {
                // The pipe is already broken: the server has gone.
            }

            Process.Dispose();
        }
    }
}
