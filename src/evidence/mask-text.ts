// Free text headed for the evidence pack (diagnostics, messages, module sources): credentials in
// URLs (`https://user:token@host`) and every value the secret and PHI detectors recognise are
// replaced by asterisks, whatever produced the text.
import { maskDetected } from '../detectors/mask.js';

const URL_USERINFO = /(:\/\/)([^/@\s"']+)@/g;

export function maskText(text: string): string {
  return maskDetected(text.replace(URL_USERINFO, (_, scheme: string, userinfo: string) => `${scheme}${'*'.repeat(userinfo.length)}@`));
}
