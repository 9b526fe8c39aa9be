// The --jobs worker thread as the modules start it (tests run them); the bundled CLI starts
// scan-worker-launch.ts instead.
import { runScanWorker } from './scan-worker-run.js';

runScanWorker();
