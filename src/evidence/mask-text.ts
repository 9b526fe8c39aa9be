// Free text headed for the evidence pack (diagnostics, messages, module sources): credentials in
// URLs (`https://user:token@host`) and every value the secret and PHI detectors recognise are
// replaced by asterisks, whatever produced the text.
import { maskDetected, maskUrlUserinfo } from '../detectors/mask.js';

export function maskText(text: string): string {
  return maskDetected(maskUrlUserinfo(text));
}
