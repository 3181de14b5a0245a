<#
.SYNOPSIS
MultiLabelCourse set-up for PowerShell 7 (Windows, the usual machine of CUDA learners; also Linux and macOS).
Idempotent: on a machine that is already fine it only reports.

.DESCRIPTION
The same set-up as scripts/setup.sh (a test keeps the two in step: tools, versions, kernel spec, backends):
  1. .NET: the .NET 10 SDK must be installed.
  2. Backend: TorchBackend = cpu (TorchSharp-cpu), cuda-windows (TorchSharp-cuda-windows) or cuda-linux
     (TorchSharp-cuda-linux), all 0.107.0 (libtorch 2.10.0, CUDA 12.8 build). For a CUDA backend it checks the NVIDIA
     driver (R570 or newer; nvidia-smi). With -Persist it stores the choice as a user environment variable, which the
     build, the tests, mlc and the notebooks (notebooks/setup.csx) all read.
  3. Tools: `dotnet tool restore` installs the pinned local tools (.config/dotnet-tools.json: dotnet-interactive
     1.0.712001, the notebook kernel).
  4. With -Jupyter: the .net-csharp kernel spec in .jupyter/kernels (start Jupyter with JUPYTER_PATH=<repo>/.jupyter);
     with -UserKernel also in your user's Jupyter folder, where VS Code's Jupyter extension finds it (the path that
     does not need the deprecated Polyglot Notebooks extension). The kernel's HTTP API listens on localhost only.
  5. With -Build: builds the course library for the backend (what the notebooks load).
  On Linux the native runtime (libstdc++ with GLIBCXX_3.4.32) is scripts/setup.sh's job: this script checks it with
  `setup.sh --check` and tells you to run that.

.EXAMPLE
pwsh scripts/setup.ps1 -Backend cuda-windows -Persist -Jupyter -UserKernel -Build

.EXAMPLE
pwsh scripts/setup.ps1 -Check
#>
[CmdletBinding()]
param(
    # The TorchSharp backend; default: the TorchBackend environment variable, else cpu.
    [ValidateSet('cpu', 'cuda-windows', 'cuda-linux')]
    [string] $Backend = $(if ($env:TorchBackend) { $env:TorchBackend.Trim() } else { 'cpu' }),
    # Store -Backend as the user's TorchBackend environment variable (Windows: the registry; elsewhere: prints the line for your shell profile).
    [switch] $Persist,
    # Write the .net-csharp Jupyter kernel spec into .jupyter/kernels.
    [switch] $Jupyter,
    # Also write it into the user's Jupyter kernels folder (for VS Code's Jupyter extension).
    [switch] $UserKernel,
    # Build lib/MultiLabel for the backend.
    [switch] $Build,
    # Only report; install and write nothing; exit 1 when something is missing.
    [switch] $Check
)

Set-StrictMode -Version Latest
$ErrorActionPreference = 'Stop'
$Root = Split-Path -Parent $PSScriptRoot
$RequiredSdk = 10
$TorchSharpVersion = '0.107.0'
$MinimumDriver = @{ 'cuda-windows' = [version]'570.65'; 'cuda-linux' = [version]'570.26' }
$script:Status = 0

function Say([string] $Message) { Write-Host "setup: $Message" }
function Fail([string] $Message) { Say $Message; $script:Status = 1 }

function Test-DotNet {
    $dotnet = Get-Command dotnet -ErrorAction SilentlyContinue
    if (-not $dotnet) { Fail "dotnet not found: install the .NET $RequiredSdk SDK (Windows: winget install Microsoft.DotNet.SDK.$RequiredSdk)"; return $false }
    $sdks = @(& dotnet --list-sdks 2>$null | ForEach-Object { ($_ -split ' ')[0] })
    $ok = @($sdks | Where-Object { [int](($_ -split '\.')[0]) -ge $RequiredSdk })
    if ($ok.Count -eq 0) { Fail ".NET SDK $RequiredSdk not found (have: $($sdks -join ', ')): install it (Windows: winget install Microsoft.DotNet.SDK.$RequiredSdk)"; return $false }
    Say ".NET SDK ok ($($ok[-1]))"
    return $true
}

function Test-NativeRuntime {
    if (-not $IsLinux) { Say "native runtime: $([System.Runtime.InteropServices.RuntimeInformation]::OSDescription) needs no libstdc++ set-up"; return }
    & bash (Join-Path $PSScriptRoot 'setup.sh') --check | ForEach-Object { Write-Host $_ }
    if ($LASTEXITCODE -ne 0) { Fail 'native runtime: run `bash scripts/setup.sh` (it installs the libstdc++ TorchSharp needs)' }
}

function Test-Backend {
    $package = @{ 'cpu' = 'TorchSharp-cpu'; 'cuda-windows' = 'TorchSharp-cuda-windows'; 'cuda-linux' = 'TorchSharp-cuda-linux' }[$Backend]
    Say "backend $Backend ($package $TorchSharpVersion)"
    if ($Backend -ne 'cpu') {
        $smi = Get-Command nvidia-smi -ErrorAction SilentlyContinue
        if (-not $smi) { Fail "backend ${Backend}: nvidia-smi not found: install the NVIDIA driver R570 or newer (the CUDA toolkit is not needed)" }
        else {
            $driver = (& nvidia-smi --query-gpu=driver_version --format=csv,noheader 2>$null | Select-Object -First 1)
            if (-not $driver) { Fail 'nvidia-smi found no GPU' }
            elseif ([version]$driver.Trim() -lt $MinimumDriver[$Backend]) { Fail "NVIDIA driver $driver is older than $($MinimumDriver[$Backend]), which the CUDA 12.8 build of libtorch 2.10 needs: update it" }
            else { Say "NVIDIA driver $($driver.Trim()) ok" }
        }
    }
    if ($env:TorchBackend -and $env:TorchBackend.Trim() -ne $Backend) { Say "note: TorchBackend is $($env:TorchBackend) in this shell; -Persist stores $Backend" }
    if ($Persist -and -not $Check) {
        if ($IsWindows) {
            [Environment]::SetEnvironmentVariable('TorchBackend', $Backend, 'User')
            Say "TorchBackend=$Backend stored for your user: open a new terminal and a new VS Code window so they see it"
        }
        else { Say "add this line to your shell profile: export TorchBackend=$Backend" }
    }
}

function Restore-Tools {
    Push-Location $Root
    try {
        if ($Check) {
            $version = & dotnet tool run dotnet-interactive -- --version 2>$null | Select-Object -First 1
            if ($LASTEXITCODE -ne 0 -or -not $version) { Fail 'dotnet-interactive local tool not restored: run `dotnet tool restore`' } else { Say "dotnet-interactive $version ok" }
            return
        }
        & dotnet tool restore | Out-Null
        if ($LASTEXITCODE -ne 0) { Fail '`dotnet tool restore` failed'; return }
        $version = & dotnet tool run dotnet-interactive -- --version 2>$null | Select-Object -First 1
        Say "dotnet-interactive $version restored as a local tool"
    }
    finally { Pop-Location }
}

function Get-UserKernelFolder {
    if ($IsWindows) { return Join-Path $env:APPDATA 'jupyter/kernels' }
    if ($IsMacOS) { return Join-Path $HOME 'Library/Jupyter/kernels' }
    $data = if ($env:XDG_DATA_HOME) { $env:XDG_DATA_HOME } else { Join-Path $HOME '.local/share' }
    return Join-Path $data 'jupyter/kernels'
}

# The kernel spec: the same JSON as setup.sh writes. It starts the pinned local tool with --http-local-only (its HTTP
# API never listens on all interfaces); `dotnet tool run` finds .config/dotnet-tools.json from the kernel's working
# folder, which Jupyter and VS Code set to the notebook's folder: notebooks inside this repository.
$KernelSpec = @'
{
  "argv": ["dotnet", "tool", "run", "dotnet-interactive", "--", "jupyter", "--default-kernel", "csharp",
           "--http-local-only", "--http-port-range", "2048-3000", "{connection_file}"],
  "display_name": ".NET (C#)",
  "language": "C#",
  "env": { "DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT": "1", "DOTNET_CLI_TELEMETRY_OPTOUT": "1" }
}
'@

function Write-KernelSpec([string] $Kernels) {
    $folder = Join-Path $Kernels '.net-csharp'
    $file = Join-Path $folder 'kernel.json'
    if ($Check) {
        if (-not (Test-Path $file)) { Fail "kernel spec $file missing" }
        elseif (-not ((Get-Content -Raw $file) -match '--http-local-only')) { Fail "kernel spec $file starts the kernel without --http-local-only" }
        else { Say "kernel spec ok ($file)" }
        return
    }
    New-Item -ItemType Directory -Force -Path $folder | Out-Null
    $temporary = "$file.tmp"
    Set-Content -Path $temporary -Value $KernelSpec -NoNewline -Encoding utf8NoBOM
    Move-Item -Force -Path $temporary -Destination $file
    Say "kernel spec .net-csharp written to $folder"
}

function Build-Library {
    if ($Check) { return }
    Push-Location $Root
    try {
        & dotnet build lib/MultiLabel -c Release "-p:TorchBackend=$Backend" -nologo -v q | Out-Host
        if ($LASTEXITCODE -ne 0) { Fail "dotnet build lib/MultiLabel -c Release -p:TorchBackend=$Backend failed" } else { Say "course library built for $Backend" }
    }
    finally { Pop-Location }
}

if (Test-DotNet) {
    Test-NativeRuntime
    Test-Backend
    Restore-Tools
    if ($Jupyter -or $UserKernel) { Write-KernelSpec (Join-Path $Root '.jupyter/kernels') }
    if ($UserKernel) { Write-KernelSpec (Get-UserKernelFolder) }
    if ($Build) { Build-Library }
}
if ($Jupyter -and -not $Check) { Say "Jupyter: start it with JUPYTER_PATH=$(Join-Path $Root '.jupyter') (pip install jupyterlab if you have none); VS Code: -UserKernel" }
exit $script:Status
