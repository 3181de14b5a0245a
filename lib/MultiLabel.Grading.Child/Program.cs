using MultiLabel.Grading.Child;
using MultiLabel.Grading.Engine;

// The child reads one job from stdin and writes its events to the real stdout; everything the learner's code prints
// goes to stderr, which the parent keeps only as a log.
var protocol = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
var line = Console.In.ReadLine();
if (string.IsNullOrWhiteSpace(line))
{
    await Console.Error.WriteLineAsync("mlc-grade-child: expected one job (JSON) on stdin; it is started by the grader, not by hand.");
    return 2;
}

var job = ChildEvents.Deserialize<ChildJob>(line);
var log = new StreamWriter(Console.OpenStandardError()) { AutoFlush = true };
Console.SetOut(log);
Console.SetIn(TextReader.Null);
await new NotebookExecutor(job, e => protocol.WriteLine(ChildEvents.Serialize(e))).RunAsync();
return 0;
