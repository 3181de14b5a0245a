using MultiLabel.Cli;
using MultiLabel.Cli.Rendering;

// The consoles hold the real standard streams before the background load of libtorch starts, since that load
// captures Console.Out for a moment (TorchRuntime.Probe).
var output = Consoles.StandardOutput();
var errors = Consoles.StandardError();
MlcApp.PreloadTorch(args);
return MlcApp.Run(args, output, errors);
