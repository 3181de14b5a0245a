using MultiLabel.Cli;

return MlcApp.Run(args);
