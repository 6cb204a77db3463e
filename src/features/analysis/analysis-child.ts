/**
 * The music analysis as a process of its own, started by the worker for each
 * take (analysis-process.ts): options as JSON in argv[2], the outcome as one
 * line of JSON on stdout. Its WebAssembly heap ends with it.
 */
import { analyseAudioFile, type AnalyseFileOptions } from "./analyse-audio-file";

async function main() {
  const options = JSON.parse(process.argv[2] ?? "{}") as AnalyseFileOptions & { file: string };
  const outcome = await analyseAudioFile(options.file, options);
  process.stdout.write(`${JSON.stringify(outcome)}\n`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
